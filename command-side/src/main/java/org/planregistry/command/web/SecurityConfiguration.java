package org.planregistry.command.web;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import org.planregistry.httpguard.SecurityHeaders;
import org.planregistry.signin.RememberedSignIns;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may do what. Registrars adopt, decompose and adjust plans; evaluators record evaluations; the operator reads
 * the actuator's endpoints (metrics, health details). Every command is made by an authenticated principal, whose
 * name and role go onto the events. Passwords come from {@code REGISTRY_REGISTRAR_PASSWORD},
 * {@code REGISTRY_EVALUATOR_PASSWORD} and {@code REGISTRY_OPERATOR_PASSWORD}; there are no built-in defaults.
 * Health (status only, details for the operator) and the API's description (OpenAPI, Swagger UI) are public.
 */
@Configuration
class SecurityConfiguration {

    static final String REGISTRAR = "REGISTRAR";
    static final String EVALUATOR = "EVALUATOR";
    static final String OPERATOR = "OPERATOR";

    @Bean
    SecurityFilterChain commandSecurity(HttpSecurity http, UserDetailsService users) throws Exception {
        // A successful sign-in is remembered for a few minutes: a registrar's tool sending many commands pays the
        // password hash (bcrypt, ~80 ms of CPU) once, not per command.
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        return http
                .authenticationManager(new ProviderManager(new RememberedSignIns(passwords, Duration.ofMinutes(5),
                        Clock.systemUTC())))
                .csrf(csrf -> csrf.disable()) // a JSON API with HTTP Basic, no browser session to forge
                .headers(SecurityHeaders::apply)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/error", "/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html",
                                "/swagger-ui/**").permitAll()
                        .requestMatchers("/actuator/**").hasRole(OPERATOR)
                        .requestMatchers(HttpMethod.POST, "/api/plans/*/evaluations/**").hasRole(EVALUATOR)
                        .requestMatchers("/api/**").hasRole(REGISTRAR)
                        .anyRequest().denyAll())
                .httpBasic(basic -> basic.authenticationEntryPoint((request, response, e) -> {
                    response.setStatus(HttpStatus.UNAUTHORIZED.value());
                    response.setHeader("WWW-Authenticate", "Basic realm=\"plan-registry\"");
                    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                    response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"Unauthorized\","
                            + "\"status\":401,\"detail\":\"" + (request.getRequestURI().startsWith("/actuator/")
                            ? "Operating the registry needs the operator's sign-in (HTTP Basic)"
                            : "Sign in as a registrar or evaluator (HTTP Basic)") + "\"}")
                            .getBytes(StandardCharsets.UTF_8));
                }))
                .exceptionHandling(ex -> ex.accessDeniedHandler((request, response, e) -> {
                    response.setStatus(HttpStatus.FORBIDDEN.value());
                    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                    response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"Forbidden\","
                            + "\"status\":403,\"detail\":\"" + (request.getRequestURI().startsWith("/actuator/")
                            ? "Only the operator may read this" : "Your role may not make this change") + "\"}")
                            .getBytes(StandardCharsets.UTF_8));
                }))
                .build();
    }

    @Bean
    UserDetailsService users(@Value("${registry.users.registrar.password}") String registrarPassword,
                             @Value("${registry.users.evaluator.password}") String evaluatorPassword,
                             @Value("${registry.users.operator.password}") String operatorPassword) {
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        return new InMemoryUserDetailsManager(
                User.withUsername("registrar").password(encoder.encode(registrarPassword)).roles(REGISTRAR).build(),
                User.withUsername("evaluator").password(encoder.encode(evaluatorPassword)).roles(EVALUATOR).build(),
                User.withUsername("operator").password(encoder.encode(operatorPassword)).roles(OPERATOR).build());
    }
}
