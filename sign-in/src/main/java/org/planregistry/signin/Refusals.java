package org.planregistry.signin;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.planregistry.httpguard.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * 401 and 403 as {@code application/problem+json}, like every other refusal of the registry: the path in
 * {@code instance} and the roles that may use it in {@code neededRoles}, so a client (or the person at the web page)
 * knows whom to ask. Written as every refusal before Spring MVC is ({@link Problems}).
 */
final class Refusals {

    private final AccessRules rules;
    private final boolean bearerTokens;

    Refusals(AccessRules rules, boolean bearerTokens) {
        this.rules = rules;
        this.bearerTokens = bearerTokens;
    }

    AuthenticationEntryPoint unauthorized() {
        return (request, response, e) -> {
            // The web page asks for credentials itself; with a Basic challenge the browser would put its own
            // sign-in box over the page's.
            if (!"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
                response.addHeader("WWW-Authenticate", "Basic realm=\"plan-registry\"");
            }
            if (bearerTokens) {
                response.addHeader("WWW-Authenticate", e instanceof InvalidBearerTokenException
                        ? "Bearer error=\"invalid_token\"" : "Bearer");
            }
            List<String> needed = neededRoles(request);
            String detail = e instanceof InvalidBearerTokenException
                    ? "The bearer token was not accepted: " + e.getMessage()
                    : rejectedPassword(request) ? "The user name or password is wrong"
                    : "This needs a sign-in (HTTP Basic" + (bearerTokens ? " or a bearer token" : "") + ")"
                            + (needed.isEmpty() ? "" : " with the role " + String.join(" or ", needed));
            write(response, request, 401, detail, needed);
        };
    }

    AccessDeniedHandler forbidden() {
        return (request, response, e) -> {
            Authentication who = SecurityContextHolder.getContext().getAuthentication();
            List<String> needed = neededRoles(request);
            String held = who == null ? "none" : who.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                    .map(a -> a.replaceFirst("^ROLE_", "")).filter(a -> Role.named(a).isPresent()).sorted()
                    .collect(Collectors.joining(", "));
            String detail = (who == null ? "Signed in" : "Signed in as " + who.getName()) + " with the role "
                    + (held.isEmpty() ? "none" : held) + "; "
                    + (needed.isEmpty() ? "no role may do this" : "this needs the role " + String.join(" or ", needed));
            write(response, request, 403, detail, needed);
        };
    }

    private static boolean rejectedPassword(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, "Basic ", 0, 6);
    }

    private List<String> neededRoles(HttpServletRequest request) {
        return rules.ruleFor(request).map(AccessRules.Rule::access)
                .filter(AccessRules.Roles.class::isInstance).map(AccessRules.Roles.class::cast)
                .map(r -> r.roles().stream().sorted().map(Role::name).toList()).orElse(List.of());
    }

    private static void write(HttpServletResponse response, HttpServletRequest request, int status,
                              String detail, List<String> neededRoles) throws IOException {
        Problems.write(response, HttpStatus.valueOf(status), detail, request.getRequestURI(),
                neededRoles.isEmpty() ? Map.of() : Map.of("neededRoles", neededRoles));
    }
}
