package org.planregistry.command.web;

import java.nio.charset.StandardCharsets;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may do what. Registrars adopt, decompose and adjust plans; evaluators record evaluations. Every command is
 * made by an authenticated principal, whose name and role go onto the events. Passwords come from
 * {@code REGISTRY_REGISTRAR_PASSWORD} and {@code REGISTRY_EVALUATOR_PASSWORD}; there are no built-in defaults.
 */
@Configuration
class SecurityConfiguration {

    static final String REGISTRAR = "REGISTRAR";
    static final String EVALUATOR = "EVALUATOR";

    @Bean
    SecurityFilterChain commandSecurity(HttpSecurity http) throws Exception {
        return http
                .csrf(csrf -> csrf.disable()) // a JSON API with HTTP Basic, no browser session to forge
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/error", "/actuator/health").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/plans/*/evaluations/**").hasRole(EVALUATOR)
                        .requestMatchers("/api/**").hasRole(REGISTRAR)
                        .anyRequest().denyAll())
                .httpBasic(basic -> basic.authenticationEntryPoint((request, response, e) -> {
                    response.setStatus(HttpStatus.UNAUTHORIZED.value());
                    response.setHeader("WWW-Authenticate", "Basic realm=\"plan-registry\"");
                    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                    response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"Unauthorized\","
                            + "\"status\":401,\"detail\":\"Sign in as a registrar or evaluator (HTTP Basic)\"}")
                            .getBytes(StandardCharsets.UTF_8));
                }))
                .exceptionHandling(ex -> ex.accessDeniedHandler((request, response, e) -> {
                    response.setStatus(HttpStatus.FORBIDDEN.value());
                    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                    response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"Forbidden\","
                            + "\"status\":403,\"detail\":\"Your role may not make this change\"}")
                            .getBytes(StandardCharsets.UTF_8));
                }))
                .build();
    }

    @Bean
    UserDetailsService users(@Value("${registry.users.registrar.password}") String registrarPassword,
                             @Value("${registry.users.evaluator.password}") String evaluatorPassword) {
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        return new InMemoryUserDetailsManager(
                User.withUsername("registrar").password(encoder.encode(registrarPassword)).roles(REGISTRAR).build(),
                User.withUsername("evaluator").password(encoder.encode(evaluatorPassword)).roles(EVALUATOR).build());
    }
}
