package org.planregistry.httpguard;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;

/**
 * Writes a refusal as {@code application/problem+json} straight to the response, for the places that answer before
 * Spring MVC could (filters, the firewall, the container's error page). Written by Jackson, so nothing a client
 * sent can break the JSON, whatever the client asked for in {@code Accept}.
 */
public final class Problems {

    private static final ObjectMapper JSON = new ObjectMapper()
            .addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class);

    private Problems() {
    }

    public static void write(HttpServletResponse response, HttpStatus status, String detail, String path,
                             Map<String, Object> properties) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        if (path != null) {
            try {
                problem.setInstance(URI.create(path));
            } catch (IllegalArgumentException e) {
                // a path that is no URI is left out of the answer rather than breaking it
            }
        }
        properties.forEach(problem::setProperty);
        response.resetBuffer();
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        JSON.writeValue(response.getOutputStream(), problem);
        response.flushBuffer();
    }
}
