package org.planregistry.httpguard;

import org.springframework.security.config.annotation.web.HttpSecurityBuilder;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.header.writers.CrossOriginOpenerPolicyHeaderWriter.CrossOriginOpenerPolicy;
import org.springframework.security.web.header.writers.CrossOriginResourcePolicyHeaderWriter.CrossOriginResourcePolicy;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The security headers both applications send, added to Spring Security's defaults, which stay as they are:
 * {@code X-Content-Type-Options: nosniff}, {@code X-Frame-Options: DENY}, {@code X-XSS-Protection: 0},
 * {@code Cache-Control: no-cache, no-store, max-age=0, must-revalidate} (so no answer, signed in or not, is kept by a
 * browser or proxy) and HSTS on HTTPS. Each security chain calls {@link #apply} in its {@code .headers(…)}.
 */
public final class SecurityHeaders {

    private static final String CSP = "Content-Security-Policy";

    /**
     * Fit for the query side's page: its scripts are files of its own (ES modules and Chart.js from its WebJar, no
     * inline script or style, no eval), it reads only its own origin, and nobody may frame it. Images may be
     * {@code data:} URLs (Swagger UI's icons). The command side serves no page; the same policy costs nothing there.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; manifest-src 'self'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    /** Swagger UI's pages only: the same, but Swagger UI sets styles of its own inline. */
    public static final String SWAGGER_UI_POLICY = CONTENT_SECURITY_POLICY.replace("style-src 'self'",
            "style-src 'self' 'unsafe-inline'");

    private static final RequestMatcher SWAGGER_UI = request -> request.getRequestURI().startsWith("/swagger-ui/");

    private SecurityHeaders() {
    }

    public static <H extends HttpSecurityBuilder<H>> HeadersConfigurer<H> apply(HeadersConfigurer<H> headers) {
        return headers
                .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(new NegatedRequestMatcher(SWAGGER_UI),
                        new StaticHeadersWriter(CSP, CONTENT_SECURITY_POLICY)))
                .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(SWAGGER_UI,
                        new StaticHeadersWriter(CSP, SWAGGER_UI_POLICY)))
                // Addresses carry plans, dates and audit filters: none of it goes to another site.
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                .crossOriginOpenerPolicy(opener -> opener.policy(CrossOriginOpenerPolicy.SAME_ORIGIN))
                .crossOriginResourcePolicy(resource -> resource.policy(CrossOriginResourcePolicy.SAME_ORIGIN));
    }
}
