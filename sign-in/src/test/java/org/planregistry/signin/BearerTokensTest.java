package org.planregistry.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;

/** Who a token names and with which registry roles. */
class BearerTokensTest {

    @Test
    void thePersonIsTheNameClaimAndTheRolesThoseTheRegistryKnows() {
        AbstractAuthenticationToken who = new BearerTokens("preferred_username", "roles").convert(jwt(Map.of(
                "sub", "3f2a-91", "preferred_username", "li.wei", "roles", List.of("registrar", "Auditor", "hr-admin"))));

        assertThat(who.getName()).isEqualTo("li.wei");
        assertThat(who.getAuthorities()).extracting(Object::toString)
                .containsExactlyInAnyOrder("ROLE_REGISTRAR", "ROLE_AUDITOR");
    }

    @Test
    void aNestedClaimAndASpaceSeparatedStringAndTheSubjectAsFallback() {
        AbstractAuthenticationToken nested = new BearerTokens("preferred_username", "realm_access.roles").convert(
                jwt(Map.of("sub", "3f2a-91", "realm_access", Map.of("roles", List.of("EVALUATOR")))));
        assertThat(nested.getName()).isEqualTo("3f2a-91");
        assertThat(nested.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_EVALUATOR");

        AbstractAuthenticationToken spaced = new BearerTokens("name", "scope").convert(
                jwt(Map.of("sub", "x", "name", "张敏", "scope", "openid reader operator")));
        assertThat(spaced.getName()).isEqualTo("张敏");
        assertThat(spaced.getAuthorities()).extracting(Object::toString)
                .containsExactlyInAnyOrder("ROLE_READER", "ROLE_OPERATOR");
    }

    @Test
    void aTokenWithoutRegistryRolesHasNone() {
        assertThat(new BearerTokens("preferred_username", "roles").convert(jwt(Map.of("sub", "x")))
                .getAuthorities()).isEmpty();
    }

    private static Jwt jwt(Map<String, Object> claims) {
        return Jwt.withTokenValue("token").header("alg", "RS256").claims(c -> c.putAll(claims))
                .issuedAt(Instant.parse("2026-01-01T00:00:00Z")).expiresAt(Instant.parse("2026-01-01T01:00:00Z"))
                .build();
    }
}
