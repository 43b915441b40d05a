package org.planregistry.system.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.planregistry.httpguard.SecurityHeaders;

/**
 * The limits and headers of docs/security.md over HTTP: bodies over their limit refused with 413 before they are read
 * whole (with a length or in chunks), headers and addresses over Tomcat's limit refused, the security headers on
 * every kind of answer, and never a session cookie.
 */
class LimitsAndHeadersTest {

    private static final int MIB = 1024 * 1024;
    private static RegistryUnderTest registry;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        registry = RegistryUnderTest.start();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    @ParameterizedTest(name = "chunked: {0}")
    @ValueSource(booleans = {false, true})
    void aCommandOverOneMebibyteIsRefusedWith413AndWritesNothing(boolean chunked) throws Exception {
        long before = registry.events();
        byte[] body = ("{\"code\": \"G99\", \"title\": \"" + "长".repeat(MIB / 3 + 100) + "\"}")
                .getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> answer = send(post(registry.commands() + "/api/plans/SZ-FIN-14FYP/goals", body, chunked,
                "application/json").header("Authorization", SignIns.forCommand("/api/plans")));

        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(answer.body()).contains("\"limit\":1048576").contains("\"field\":\"body\"");
        assertThat(registry.events()).isEqualTo(before);
    }

    @ParameterizedTest(name = "chunked: {0}")
    @ValueSource(booleans = {false, true})
    void aPlanDocumentOverFourMebibytesIsRefusedWith413(boolean chunked) throws Exception {
        byte[] body = (new String(registry.planDocument, StandardCharsets.UTF_8) + "\n# " + "x".repeat(4 * MIB) + "\n")
                .getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> answer = send(post(registry.commands() + "/api/plans/import", body, chunked,
                "application/yaml").header("Authorization", SignIns.forCommand("/api/plans/import")));

        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.body()).contains("\"limit\":4194304");
    }

    @Test
    void theShenzhenPlanDocumentIsWellWithinItsLimit() throws Exception {
        HttpResponse<String> answer = send(post(registry.commands() + "/api/plans/import", registry.planDocument,
                true, "application/yaml").header("Authorization", SignIns.forCommand("/api/plans/import")));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("\"outcome\":\"UNCHANGED\"");
    }

    @ParameterizedTest(name = "chunked: {0}")
    @ValueSource(booleans = {false, true})
    void theQuerySideRefusesABodyOver4Mebibytes(boolean chunked) throws Exception {
        // The one body the query side reads: the auditor's store digest, a line per plan.
        URI verify = URI.create(registry.queries() + "/api/audit/verify");
        HttpResponse<String> large = send(HttpRequest.newBuilder(verify).header("Content-Type", "application/json")
                .header("Authorization", SignIns.forQuery("/api/audit/verify").orElseThrow())
                .method("POST", publisher(("{\"plans\":\"" + "x".repeat(4 * 1024 * 1024 + 1024) + "\"}")
                        .getBytes(StandardCharsets.US_ASCII), chunked)));
        HttpResponse<String> small = send(HttpRequest.newBuilder(verify).header("Content-Type", "application/json")
                .header("Authorization", SignIns.forQuery("/api/audit/verify").orElseThrow())
                .method("POST", publisher("{}".getBytes(StandardCharsets.UTF_8), chunked)));

        assertThat(large.statusCode()).isEqualTo(413);
        assertThat(large.body()).contains("\"limit\":4194304");
        assertThat(small.statusCode()).as(small.body()).isEqualTo(400);
    }

    @Test
    void headersAndAddressesOverSixteenKibibytesAreRefused() throws Exception {
        for (String base : List.of(registry.commands(), registry.queries())) {
            HttpResponse<String> header = send(HttpRequest.newBuilder(URI.create(base + "/api/plans"))
                    .header("X-Padding", "p".repeat(17 * 1024)).GET());
            HttpResponse<String> address = send(HttpRequest.newBuilder(URI.create(base + "/api/plans/"
                    + "P".repeat(17 * 1024))).GET());
            HttpResponse<String> fits = send(HttpRequest.newBuilder(URI.create(base + "/api/plans/NO-SUCH?x="
                    + "q".repeat(8 * 1024))).header("X-Padding", "p".repeat(4 * 1024)).GET());

            assertThat(header.statusCode()).as("%s with a 17 KiB header", base).isEqualTo(400);
            assertThat(address.statusCode()).as("%s with a 17 KiB address", base).isIn(400, 414);
            assertThat(fits.statusCode()).as("%s with 12 KiB of address and header", base).isNotIn(400, 414)
                    .isLessThan(500);
            assertThat(header.body() + address.body()).doesNotContain("Tomcat", "Exception", "at org.");
            assertThat(header.headers().firstValue("Content-Type")).as("%s with a 17 KiB header", base)
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        }
    }

    @Test
    void aQueryThatTomcatCannotReadWholeIsRefusedRatherThanAnsweredWithoutWhatItDropped() throws Exception {
        StringBuilder many = new StringBuilder("asOf=2024-06-30");
        for (int i = 0; i < 150; i++) {
            many.append("&p").append(i).append('=').append(i);
        }
        HttpResponse<String> tooMany = send(HttpRequest.newBuilder(URI.create(registry.queries()
                + "/api/plans/SZ-FIN-14FYP?" + many)).GET());
        // what no URI class lets a client say: a broken %-escape; bytes that are not UTF-8
        String brokenEscape = raw(registry.queries(), "GET /api/plans/SZ-FIN-14FYP?asOf=%ZZ HTTP/1.1");
        String brokenUtf8 = raw(registry.queries(), "GET /api/plans/SZ-FIN-14FYP?asOf=%C3%28 HTTP/1.1");

        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(tooMany.body()).contains("more parameters than the registry reads");
        assertThat(brokenEscape).startsWith("HTTP/1.1 400").contains("application/problem+json")
                .contains("not well-formed");
        // Tomcat reads broken UTF-8 as U+FFFD, which no parameter takes
        assertThat(brokenUtf8).startsWith("HTTP/1.1 400").contains("application/problem+json")
                .contains("\"parameter\":\"asOf\"");
    }

    /** Sends one request line as it is, byte for byte, and returns the whole answer. */
    private static String raw(String base, String requestLine) throws IOException {
        URI uri = URI.create(base);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(20_000);
            String request = requestLine + "\r\nHost: " + uri.getHost() + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void everyKindOfAnswerCarriesTheSecurityHeaders() throws Exception {
        List<HttpResponse<String>> answers = List.of(
                send(HttpRequest.newBuilder(URI.create(registry.queries() + "/")).GET()),
                send(HttpRequest.newBuilder(URI.create(registry.queries() + "/js/page.js")).GET()),
                send(HttpRequest.newBuilder(URI.create(registry.queries() + "/api/plans")).GET()),
                send(HttpRequest.newBuilder(URI.create(registry.queries() + "/api/events?limit=1"))
                        .header("Authorization", SignIns.forQuery("/api/events").orElseThrow()).GET()),
                send(HttpRequest.newBuilder(URI.create(registry.queries() + "/api/events")).GET()),
                send(HttpRequest.newBuilder(URI.create(registry.queries() + "/api/plans/NO-SUCH")).GET()),
                send(post(registry.commands() + "/api/plans/SZ-FIN-14FYP/goals", "{}".getBytes(StandardCharsets.UTF_8),
                        false, "application/json").header("Authorization", SignIns.forCommand("/api/plans"))),
                send(post(registry.commands() + "/api/plans", "{}".getBytes(StandardCharsets.UTF_8), false,
                        "application/json")));
        for (HttpResponse<String> answer : answers) {
            var headers = answer.headers();
            String which = answer.request().method() + " " + answer.request().uri() + " → " + answer.statusCode();
            assertThat(headers.firstValue("Content-Security-Policy")).as(which)
                    .hasValue(SecurityHeaders.CONTENT_SECURITY_POLICY);
            assertThat(headers.firstValue("Referrer-Policy")).as(which).hasValue("no-referrer");
            assertThat(headers.firstValue("X-Content-Type-Options")).as(which).hasValue("nosniff");
            assertThat(headers.firstValue("X-Frame-Options")).as(which).hasValue("DENY");
            assertThat(headers.firstValue("Cross-Origin-Opener-Policy")).as(which).hasValue("same-origin");
            assertThat(headers.firstValue("Cache-Control")).as(which)
                    .hasValueSatisfying(c -> assertThat(c).contains("no-store"));
            assertThat(headers.firstValue("Set-Cookie")).as(which).isEmpty();
        }
    }

    @Test
    void signingInNeverStartsASession() throws Exception {
        List<HttpResponse<String>> answers = List.of(
                send(HttpRequest.newBuilder(URI.create(registry.queries() + "/api/events?limit=1"))
                        .header("Authorization", SignIns.forQuery("/api/events").orElseThrow()).GET()),
                send(HttpRequest.newBuilder(URI.create(registry.queries() + "/api/events?limit=1"))
                        .header("Authorization", "Basic cmVhZGVyOndyb25n").GET()),
                send(post(registry.commands() + "/api/plans/SZ-FIN-14FYP/goals", "{}".getBytes(StandardCharsets.UTF_8),
                        false, "application/json").header("Authorization", SignIns.forCommand("/api/plans"))),
                send(post(registry.commands() + "/api/plans/SZ-FIN-14FYP/goals", "{}".getBytes(StandardCharsets.UTF_8),
                        false, "application/json").header("Authorization", "Basic cmVnaXN0cmFyOndyb25n")),
                send(HttpRequest.newBuilder(URI.create(registry.commands() + "/actuator/health")).GET()));
        assertThat(answers).extracting(HttpResponse::statusCode).containsExactly(200, 401, 400, 401, 200);
        for (HttpResponse<String> answer : answers) {
            assertThat(answer.headers().allValues("Set-Cookie")).as(answer.request().uri().toString()).isEmpty();
        }
    }

    private static HttpRequest.Builder post(String url, byte[] body, boolean chunked, String type) {
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", type)
                .POST(publisher(body, chunked));
    }

    private static HttpRequest.BodyPublisher publisher(byte[] body, boolean chunked) {
        return chunked ? HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofByteArray(body))
                : HttpRequest.BodyPublishers.ofByteArray(body);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
