package org.planregistry.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Reads {@code GET /api/events} as a client follows it: one {@code java.net.http} client, HTTP/1.1 keep-alive, signed
 * in as {@code reader}, each request starting after the previous answer's {@code Stream-Position} (the
 * {@code Link: rel="next"} says the same) until {@code Stream-At-Head: true}.
 */
final class FeedClient {

    /** One read to the head: requests made, bytes received, and the position reached. */
    record Followed(long requests, long bytes, long position) {
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static final int MAX_UNAVAILABLE = 10;

    private final String authorization;
    private long unavailable;

    FeedClient(String readerPassword) {
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(("reader:" + readerPassword)
                .getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Follows {@code /api/events?{query}} from {@code after} to the head. The answers are counted, not parsed:
     * parsing would charge the client's work to the feed on the same cores.
     */
    Followed follow(String base, String query, long after) throws IOException, InterruptedException {
        long position = after;
        long requests = 0;
        long bytes = 0;
        while (true) {
            HttpResponse<byte[]> answer = get(base + "/api/events?" + query + "&after=" + position);
            requests++;
            bytes += answer.body().length;
            position = Long.parseLong(answer.headers().firstValue("Stream-Position").orElseThrow());
            if (Boolean.parseBoolean(answer.headers().firstValue("Stream-At-Head").orElseThrow())) {
                return new Followed(requests, bytes, position);
            }
        }
    }

    /**
     * A GET signed in as {@code reader}. A 503 (the store did not answer in time) is asked again after its
     * {@code Retry-After}, as the API tells clients to, up to {@link #MAX_UNAVAILABLE} times in a row; the wait
     * counts in the read's time. Anything else but 200 is an error.
     */
    HttpResponse<byte[]> get(String url) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", authorization).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (answer.statusCode() == 503 && attempt < MAX_UNAVAILABLE) {
                unavailable++;
                Thread.sleep(1000L * answer.headers().firstValueAsLong("Retry-After").orElse(1));
                continue;
            }
            if (answer.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + answer.statusCode() + ": "
                        + new String(answer.body(), StandardCharsets.UTF_8));
            }
            return answer;
        }
    }

    /** How many answers so far were 503 and asked again. */
    long unavailable() {
        return unavailable;
    }
}
