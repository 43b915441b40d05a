package org.planregistry.command.operations;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request a correlation id, so a client can trace a command end to end: the client's own
 * {@code X-Correlation-Id} (printable ASCII, at most 100 characters; anything else is a 400 problem naming the
 * header) or a new UUID. The id is returned in the answer's {@code X-Correlation-Id} header, whatever the answer,
 * and handed on as the request's header, from where the controllers put it into the command's metadata: it ends up
 * on every event the command writes and in the audit log. Runs before security, so a 401 carries it too.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class CorrelationIds extends OncePerRequestFilter {

    public static final String HEADER = "X-Correlation-Id";
    public static final int MAX_LENGTH = 100;
    private static final Pattern PRINTABLE = Pattern.compile("[\\x20-\\x7E]+");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = request.getHeader(HEADER);
        String problem = given == null ? null : problemWith(given);
        if (problem != null) {
            refuse(request, response, problem);
            return;
        }
        String id = given == null ? UUID.randomUUID().toString() : given.strip();
        response.setHeader(HEADER, id);
        MDC.put("correlationId", id);
        try {
            chain.doFilter(new WithCorrelationId(request, id), response);
        } finally {
            MDC.remove("correlationId");
        }
    }

    /** Why a client's correlation id is not acceptable, or null when it is. */
    static String problemWith(String id) {
        if (id.isBlank()) {
            return "must not be blank";
        }
        if (id.length() > MAX_LENGTH) {
            return "must be at most " + MAX_LENGTH + " characters, was " + id.length();
        }
        if (!PRINTABLE.matcher(id).matches()) {
            return "must consist of printable ASCII characters only";
        }
        return null;
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, String reason)
            throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", "Bad Request");
        problem.put("status", HttpStatus.BAD_REQUEST.value());
        problem.put("detail", HEADER + " " + reason);
        problem.put("instance", request.getRequestURI());
        problem.put("field", HEADER);
        problem.put("reason", reason);
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(JSON.writeValueAsBytes(problem));
    }

    /** The request as the application sees it: with the correlation id in its header, given or generated. */
    private static final class WithCorrelationId extends HttpServletRequestWrapper {

        private final String id;

        WithCorrelationId(HttpServletRequest request, String id) {
            super(request);
            this.id = id;
        }

        @Override
        public String getHeader(String name) {
            return HEADER.equalsIgnoreCase(name) ? id : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return HEADER.equalsIgnoreCase(name) ? Collections.enumeration(List.of(id))
                    : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = Collections.list(super.getHeaderNames());
            if (names.stream().noneMatch(HEADER::equalsIgnoreCase)) {
                names.add(HEADER);
            }
            return Collections.enumeration(names);
        }
    }
}
