package org.planregistry.query.http;

import java.nio.charset.StandardCharsets;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Plans and their audit trail are public records: reading needs no sign-in. Operating the views (rebuilding them
 * from the event store) does: the {@code operator} user, whose password comes from
 * {@code REGISTRY_OPERATOR_PASSWORD}.
 */
@Configuration
class SecurityConfiguration {

    @Bean
    SecurityFilterChain querySecurity(HttpSecurity http) throws Exception {
        return http
                .csrf(csrf -> csrf.disable()) // no browser session: operators use HTTP Basic
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/api/admin/**").hasRole("OPERATOR")
                        .anyRequest().permitAll())
                .httpBasic(basic -> basic.authenticationEntryPoint((request, response, e) -> {
                    response.setStatus(HttpStatus.UNAUTHORIZED.value());
                    response.setHeader("WWW-Authenticate", "Basic realm=\"plan-registry\"");
                    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                    response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"Unauthorized\","
                            + "\"status\":401,\"detail\":\"Operating the views needs the operator's sign-in "
                            + "(HTTP Basic)\"}").getBytes(StandardCharsets.UTF_8));
                }))
                .build();
    }

    @Bean
    UserDetailsService operators(@Value("${registry.users.operator.password}") String password) {
        return new InMemoryUserDetailsManager(User.withUsername("operator")
                .password(PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(password))
                .roles("OPERATOR").build());
    }
}
