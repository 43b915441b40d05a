package org.planregistry.signin;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The way both applications sign people in and refuse them, so the two cannot drift apart: stateless (no session,
 * no cookie, hence no CSRF token: nothing a forged cross-site request could ride on), HTTP Basic against
 * {@link RegistryUsers} with successful sign-ins remembered for a few minutes ({@link RememberedSignIns}), bearer
 * JWTs from the organisation's identity provider when one is configured ({@link BearerTokens}), the
 * {@link AccessRules} of the application, and problem+json refusals ({@link Refusals}).
 */
public final class RegistrySecurity {

    private RegistrySecurity() {
    }

    /**
     * @param jwtDecoder the identity provider's token decoder, or null when only passwords are accepted
     * @param headers    the application's response headers
     */
    public static SecurityFilterChain chain(HttpSecurity http, AccessRules rules, UserDetailsService users,
                                            JwtDecoder jwtDecoder, BearerTokens bearerTokens, Clock clock,
                                            Customizer<HeadersConfigurer<HttpSecurity>> headers) throws Exception {
        Refusals refusals = new Refusals(rules, jwtDecoder != null);
        // A client sending many requests pays the password hash (bcrypt, ~80 ms of CPU) once, not per request.
        List<AuthenticationProvider> providers = new ArrayList<>();
        providers.add(new RememberedSignIns(new DaoAuthenticationProvider(users), users, Duration.ofMinutes(5), clock));
        if (jwtDecoder != null) {
            // Verifying a token's signature costs microseconds, not a password hash.
            JwtAuthenticationProvider tokens = new JwtAuthenticationProvider(jwtDecoder);
            tokens.setJwtAuthenticationConverter(bearerTokens);
            providers.add(tokens);
        }
        http.authenticationManager(new ProviderManager(providers))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(headers)
                .authorizeHttpRequests(rules::applyTo)
                .httpBasic(basic -> basic.authenticationEntryPoint(refusals.unauthorized()))
                .exceptionHandling(ex -> ex.authenticationEntryPoint(refusals.unauthorized())
                        .accessDeniedHandler(refusals.forbidden()));
        if (jwtDecoder != null) {
            http.oauth2ResourceServer(oauth -> oauth
                    .jwt(jwt -> jwt.decoder(jwtDecoder).jwtAuthenticationConverter(bearerTokens))
                    .authenticationEntryPoint(refusals.unauthorized())
                    .accessDeniedHandler(refusals.forbidden()));
        }
        return http.build();
    }
}
