package org.planregistry.httpguard;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a query string Tomcat could not read whole, with a 400 problem. Tomcat drops a parameter with a malformed
 * {@code %} escape and every parameter past its limit, silently: an {@code asOf} dropped so would be answered as of
 * today, a question the client did not ask. (Bytes that are not UTF-8 it reads as U+FFFD, which no parameter takes.)
 */
final class ReadableParameters extends OncePerRequestFilter {

    /** Where Tomcat notes that parsing failed ({@code org.apache.catalina.Globals}), and why. */
    private static final String FAILED = "org.apache.catalina.parameter_parse_failed";
    private static final String WHY = "org.apache.catalina.parameter_parse_failed_reason";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // Only the query string: a form body is not parsed here (no endpoint takes one; Spring MVC refuses it).
        if (request.getQueryString() != null) {
            request.getParameterNames();
            if (request.getAttribute(FAILED) != null) {
                Object why = request.getAttribute(WHY);
                String reason = "TOO_MANY_PARAMETERS".equals(String.valueOf(why))
                        ? "the query has more parameters than the registry reads"
                        : "the query string is not well-formed (a malformed %-escape)";
                Problems.write(response, HttpStatus.BAD_REQUEST, reason, request.getRequestURI(),
                        Map.of("field", "query", "reason", reason));
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
