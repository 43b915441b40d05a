package org.planregistry.query.http;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.planregistry.httpguard.SecurityHeaders;
import org.planregistry.signin.RememberedSignIns;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.HeaderWriterFilter;

/**
 * Plans and their audit trail are public records: reading needs no sign-in. Operating the views (rebuilding them
 * from the event store) needs the {@code operator} user ({@code REGISTRY_OPERATOR_PASSWORD}). The outward event
 * stream needs a sign-in of any role, the {@code reader} account ({@code REGISTRY_READER_PASSWORD}) being the one
 * for other systems: it carries every event, and until the registry's rule for what each role may see is in
 * place, it is not anonymous. The event schemas are public. Health is public (status only; components and details
 * for the operator), the actuator's other endpoints (metrics) need the operator; the API's description (OpenAPI,
 * Swagger UI) is public. Successful sign-ins are remembered briefly
 * ({@link RememberedSignIns}) so a client paging through the stream does not pay a password hash per request.
 */
@Configuration
class SecurityConfiguration {

    private static final ObjectMapper PROBLEMS = new ObjectMapper()
            .addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class);

    @Bean
    SecurityFilterChain querySecurity(HttpSecurity http, UserDetailsService users, Clock clock) throws Exception {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        return http
                .authenticationManager(new ProviderManager(new RememberedSignIns(passwords, Duration.ofMinutes(5),
                        clock)))
                .csrf(csrf -> csrf.disable()) // no browser session: operators use HTTP Basic
                // Written before the request is handled: an event stream's response is written by another thread
                // as soon as it starts, and headers added after the handler returned would race with it.
                .headers(headers -> SecurityHeaders.apply(headers)
                        .withObjectPostProcessor(new ObjectPostProcessor<HeaderWriterFilter>() {
                            @Override
                            public <O extends HeaderWriterFilter> O postProcess(O filter) {
                                filter.setShouldWriteHeadersEagerly(true);
                                return filter;
                            }
                        }))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/api/admin/**").hasRole("OPERATOR")
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/actuator/**").hasRole("OPERATOR")
                        .requestMatchers("/api/events", "/api/events/**").authenticated()
                        .anyRequest().permitAll())
                .httpBasic(basic -> basic.authenticationEntryPoint((request, response, e) -> {
                    // The web page asks for credentials itself; with this header the browser would put its own
                    // sign-in box over the page's.
                    if (!"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
                        response.setHeader("WWW-Authenticate", "Basic realm=\"plan-registry\"");
                    }
                    refuse(response, HttpStatus.UNAUTHORIZED, request.getRequestURI().startsWith("/api/events")
                            ? "Following the event stream needs a sign-in (HTTP Basic), such as the reader's"
                            : "Operating the registry needs the operator's sign-in (HTTP Basic)",
                            request.getRequestURI());
                }))
                .exceptionHandling(ex -> ex.accessDeniedHandler((request, response, e) ->
                        refuse(response, HttpStatus.FORBIDDEN, "Only the operator may do this",
                                request.getRequestURI())))
                .build();
    }

    /** A refusal as problem+json, written by Jackson so that nothing from the request can break its JSON. */
    private static void refuse(HttpServletResponse response, HttpStatus status, String detail, String path)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        try {
            problem.setInstance(URI.create(path));
        } catch (IllegalArgumentException e) {
            // a path that is no URI is left out of the answer rather than breaking it
        }
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        PROBLEMS.writeValue(response.getOutputStream(), problem);
    }

    @Bean
    UserDetailsService users(@Value("${registry.users.operator.password}") String operatorPassword,
                             @Value("${registry.users.reader.password}") String readerPassword) {
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        return new InMemoryUserDetailsManager(
                User.withUsername("operator").password(encoder.encode(operatorPassword)).roles("OPERATOR").build(),
                User.withUsername("reader").password(encoder.encode(readerPassword)).roles("READER").build());
    }
}
