package org.planregistry.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Checks an application's access rules against every endpoint it maps, found from the application itself: an
 * endpoint the test's table does not name fails the check, so a new endpoint cannot arrive without a decision about
 * who may use it. Each endpoint is called anonymously and with every role over real HTTP.
 */
public final class EndpointAccess {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final Map<Role, String> passwords;

    /** {@code passwords}: the first account's password of each role, whose name is the role's in lower case. */
    public EndpointAccess(String baseUrl, Map<Role, String> passwords) {
        this.baseUrl = baseUrl;
        this.passwords = passwords;
    }

    /**
     * Checks every endpoint {@code application} maps: each must be named in {@code decided} (the application's own
     * endpoints) or be one of the framework's, which are decided alike on both sides (health, the API's description
     * and error pages for everyone, the actuator's other endpoints for the operator); then each is called.
     */
    public void checkEvery(ApplicationContext application, Map<String, AccessRules.Access> decided) {
        Set<String> mapped = mapped(application);
        Map<String, AccessRules.Access> expected = new LinkedHashMap<>(decided);
        for (String endpoint : mapped) {
            String path = endpoint.substring(endpoint.indexOf(' ') + 1);
            if (path.startsWith("/actuator/health") || path.startsWith("/v3/api-docs")
                    || path.startsWith("/swagger-ui") || path.equals("/error")) {
                expected.put(endpoint, new AccessRules.Everyone());
            } else if (path.startsWith("/actuator")) {
                expected.put(endpoint, new AccessRules.Roles(EnumSet.of(Role.OPERATOR)));
            }
        }
        assertThat(mapped).as("every endpoint the application maps has a decision in the test and a rule in its "
                + "SecurityConfiguration").containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach(this::check);
    }

    /** "GET /api/plans/{plan}" for every handler method of every request mapping in the application. */
    public static Set<String> mapped(ApplicationContext application) {
        Set<String> endpoints = new TreeSet<>();
        for (RequestMappingInfoHandlerMapping mapping
                : application.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                for (String pattern : info.getPatternValues()) {
                    for (RequestMethod method : methods.isEmpty() ? EnumSet.of(RequestMethod.GET) : methods) {
                        endpoints.add(method + " " + pattern);
                    }
                }
            }
        }
        return endpoints;
    }

    /**
     * Calls {@code endpoint} ("POST /api/plans/{plan}/close") anonymously and as each role, and checks that the
     * answers follow {@code expected}: 401 without a sign-in unless everyone may, 403 naming the needed roles for a
     * role that may not, neither for a role that may; every refusal problem+json with the path as its instance.
     */
    public void check(String endpoint, AccessRules.Access expected) {
        String method = endpoint.substring(0, endpoint.indexOf(' '));
        String path = endpoint.substring(endpoint.indexOf(' ') + 1)
                .replaceAll("\\{\\*[^}]+}", "sample").replaceAll("\\{[^}]+}", "sample");
        HttpResponse<String> anonymous = send(method, path, null);
        if (expected instanceof AccessRules.Everyone) {
            assertThat(anonymous.statusCode()).as("%s anonymously: %s", endpoint, anonymous.body())
                    .isNotIn(401, 403);
        } else {
            assertRefused(endpoint, path, anonymous, 401);
            assertThat(anonymous.headers().allValues("WWW-Authenticate")).as(endpoint)
                    .anyMatch(h -> h.startsWith("Basic"));
        }
        for (Role role : Role.values()) {
            HttpResponse<String> answer = send(method, path, role);
            boolean allowed = !(expected instanceof AccessRules.Roles roles) || roles.roles().contains(role);
            if (allowed) {
                assertThat(answer.statusCode()).as("%s as %s: %s", endpoint, role, answer.body()).isNotIn(401, 403);
            } else {
                JsonNode problem = assertRefused(endpoint, path, answer, 403);
                assertThat(problem.path("neededRoles").toString()).as("%s as %s", endpoint, role)
                        .isEqualTo(JSON.valueToTree(((AccessRules.Roles) expected).roles().stream().sorted()
                                .map(Role::name).toList()).toString());
                assertThat(problem.path("detail").asText()).as(endpoint).contains(role.name());
            }
        }
    }

    private static JsonNode assertRefused(String endpoint, String path, HttpResponse<String> answer, int status) {
        assertThat(answer.statusCode()).as("%s: %s", endpoint, answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).as(endpoint)
                .startsWith("application/problem+json");
        try {
            JsonNode problem = JSON.readTree(answer.body());
            assertThat(problem.path("status").asInt()).isEqualTo(status);
            assertThat(problem.path("instance").asText()).as(endpoint).isEqualTo(path);
            return problem;
        } catch (IOException e) {
            throw new AssertionError(endpoint + " answered no JSON: " + answer.body(), e);
        }
    }

    private HttpResponse<String> send(String method, String path, Role role) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(10)).header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .method(method, method.equals("GET") || method.equals("HEAD")
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"));
        if (role != null) {
            String name = role.name().toLowerCase(java.util.Locale.ROOT);
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((name + ":" + passwords.get(role)).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
