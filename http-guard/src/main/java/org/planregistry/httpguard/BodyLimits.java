package org.planregistry.httpguard;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
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
 * Refuses a request body over its limit with 413 before it is read whole: at once when its {@code Content-Length}
 * says so, and, for a body sent in chunks, as soon as reading passes the limit. Also refuses, with 415, a body whose
 * {@code Content-Type} is no media type, a wildcard, or declares a charset other than UTF-8: the registry reads JSON
 * and YAML as UTF-8 only, and a body read in another charset would be recorded garbled rather than refused.
 */
final class BodyLimits extends OncePerRequestFilter {

    private final HttpGuardProperties limits;

    BodyLimits(HttpGuardProperties limits) {
        this.limits = limits;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = limits.limitFor(request.getRequestURI());
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            tooLarge(request, response, limit);
            return;
        }
        boolean hasBody = declared > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
        if (hasBody && limits.readsBodies()) {
            String wrongType = problemWithType(request.getContentType());
            if (wrongType != null) {
                Problems.write(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, wrongType, request.getRequestURI(),
                        Map.of("field", "Content-Type", "reason", wrongType));
                return;
            }
        }
        LimitedBody limited = new LimitedBody(request, limit);
        try {
            if (hasBody && !limits.readsBodies()) {
                limited.getInputStream().transferTo(OutputStream.nullOutputStream());
            }
            chain.doFilter(limited, response);
        } catch (BodyTooLarge | ServletException e) {
            if (BodyTooLarge.in(e).isEmpty() || response.isCommitted()) {
                throw e;
            }
            tooLarge(request, response, limit);
        }
    }

    private static void tooLarge(HttpServletRequest request, HttpServletResponse response, long limit)
            throws IOException {
        // The rest of the body is not wanted: the connection is closed rather than read to its end.
        response.setHeader(HttpHeaders.CONNECTION, "close");
        String reason = new BodyTooLarge(limit).reason();
        Problems.write(response, HttpStatus.PAYLOAD_TOO_LARGE, reason, request.getRequestURI(),
                Map.of("field", "body", "reason", reason, "limit", limit));
    }

    static String problemWithType(String contentType) {
        if (contentType == null) {
            return null; // Spring MVC answers a missing type with 415 and the types the endpoint takes
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            return "Content-Type is not a media type; send application/json (or a plan document as "
                    + "application/yaml)";
        }
        if (type.isWildcardType() || type.isWildcardSubtype()) {
            return "Content-Type must name the body's type, not a wildcard";
        }
        String charset = type.getParameter("charset");
        if (charset != null) {
            try {
                if (!Charset.forName(charset.replace("\"", "")).equals(StandardCharsets.UTF_8)) {
                    return "bodies are read as UTF-8 only; declare charset=UTF-8 or no charset";
                }
            } catch (IllegalArgumentException e) {
                return "bodies are read as UTF-8 only; the declared charset is not UTF-8";
            }
        }
        return null;
    }
}
