package org.planregistry.httpguard;

import org.springframework.security.config.annotation.web.HttpSecurityBuilder;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.header.writers.CrossOriginOpenerPolicyHeaderWriter.CrossOriginOpenerPolicy;
import org.springframework.security.web.header.writers.CrossOriginResourcePolicyHeaderWriter.CrossOriginResourcePolicy;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The security headers both applications send, added to Spring Security's defaults, which stay as they are:
 * {@code X-Content-Type-Options: nosniff}, {@code X-Frame-Options: DENY}, {@code X-XSS-Protection: 0},
 * {@code Cache-Control: no-cache, no-store, max-age=0, must-revalidate} (so no answer, signed in or not, is kept by a
 * browser or proxy) and HSTS on HTTPS. Each security chain calls {@link #apply} in its {@code .headers(…)}.
 */
public final class SecurityHeaders {

    /**
     * Fit for the query side's page: its scripts are files of its own (ES modules and Chart.js from its WebJar, no
     * inline script or style, no eval), it reads only its own origin, and nobody may frame it. Images may be
     * {@code data:} URLs (Swagger UI's icons). The command side serves no page; the same policy costs nothing there.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; manifest-src 'self'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    private SecurityHeaders() {
    }

    public static <H extends HttpSecurityBuilder<H>> HeadersConfigurer<H> apply(HeadersConfigurer<H> headers) {
        return headers
                .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                // Addresses carry plans, dates and audit filters: none of it goes to another site.
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                .crossOriginOpenerPolicy(opener -> opener.policy(CrossOriginOpenerPolicy.SAME_ORIGIN))
                .crossOriginResourcePolicy(resource -> resource.policy(CrossOriginResourcePolicy.SAME_ORIGIN));
    }
}
