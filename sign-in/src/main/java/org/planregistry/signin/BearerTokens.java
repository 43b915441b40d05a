package org.planregistry.signin;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.core.convert.converter.Converter;
import org.springframework.core.env.PropertyResolver;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who a JWT from the organisation's identity provider names, and with which roles: the person is the
 * {@code nameClaim} (e.g. {@code preferred_username}, falling back to {@code sub}), so the audit trail names them;
 * the roles are the values of {@code rolesClaim} (a list or a space-separated string; a dotted path reaches into a
 * nested claim, as Keycloak's {@code realm_access.roles}) that name a registry {@link Role}, in any case. Other
 * values are ignored: an identity provider's token carries many roles that mean nothing here.
 */
public final class BearerTokens implements Converter<Jwt, AbstractAuthenticationToken> {

    private final String nameClaim;
    private final String rolesClaim;

    public BearerTokens(String nameClaim, String rolesClaim) {
        this.nameClaim = nameClaim;
        this.rolesClaim = rolesClaim;
    }

    /** The claims an application's settings name ({@code registry.security.jwt.name-claim}, {@code …roles-claim}). */
    public static BearerTokens configured(PropertyResolver settings) {
        return new BearerTokens(settings.getProperty("registry.security.jwt.name-claim", "preferred_username"),
                settings.getProperty("registry.security.jwt.roles-claim", "roles"));
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        String name = Optional.ofNullable(jwt.getClaimAsString(nameClaim)).filter(n -> !n.isBlank())
                .orElse(jwt.getSubject());
        List<GrantedAuthority> authorities = roleNames(claim(jwt.getClaims(), rolesClaim)).stream()
                .map(Role::named).flatMap(Optional::stream).distinct()
                .<GrantedAuthority>map(role -> new SimpleGrantedAuthority(role.authority())).toList();
        return new JwtAuthenticationToken(jwt, authorities, name);
    }

    private static Object claim(Map<String, Object> claims, String path) {
        Object value = claims;
        for (String part : path.split("\\.")) {
            if (!(value instanceof Map<?, ?> map)) {
                return null;
            }
            value = map.get(part);
        }
        return value;
    }

    private static List<String> roleNames(Object value) {
        if (value instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        if (value instanceof String text) {
            return List.of(text.trim().split("\\s+"));
        }
        return List.of();
    }
}
