package org.planregistry.httpguard;

import java.io.IOException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Spring Security's firewall refuses paths with traversal, encoded slashes, semicolons, NUL and the like; without
 * this, the refusal would travel as an exception to the container's error page. Here it is a 400 problem that says
 * what was refused (the path itself is not echoed: it is the hostile part).
 */
final class FirewallRefusals implements RequestRejectedHandler {

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
            throws IOException {
        // The firewall quotes what it matched: a pattern such as "%2e" is worth repeating, a client's header is not.
        String reason = Pattern.compile("\"([^\"]*)\"").matcher(String.valueOf(e.getMessage()))
                .replaceAll(m -> m.group(1).matches("[\\x21-\\x7e]{1,10}") ? Matcher.quoteReplacement(
                        m.group()) : "(not repeated here)");
        Problems.write(response, HttpStatus.BAD_REQUEST, reason, null, Map.of("field", "path", "reason", reason));
    }
}
