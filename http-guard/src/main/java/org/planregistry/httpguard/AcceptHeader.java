package org.planregistry.httpguard;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses an {@code Accept} header that is no list of media types with a 400 problem. Left to Spring MVC, it would
 * spoil the answer to whatever else was wrong with the request: no format could be agreed for the problem, and the
 * client would get an empty 400 or 406.
 */
final class AcceptHeader extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept != null) {
            try {
                MediaType.parseMediaTypes(accept);
            } catch (InvalidMediaTypeException e) {
                String reason = "Accept is not a list of media types; send application/json or leave it out";
                Problems.write(response, HttpStatus.BAD_REQUEST, reason, request.getRequestURI(),
                        Map.of("field", "Accept", "reason", reason));
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
