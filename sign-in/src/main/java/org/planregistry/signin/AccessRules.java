package org.planregistry.signin;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may use which endpoint, as one ordered list: the first rule whose method and path match a request decides.
 * The same list configures Spring Security and answers which role a refused request would have needed, so a 403
 * can say it. A request no rule names is refused, except paths left to the application's own
 * "not found" answer ({@link #openElsewhere}).
 */
public final class AccessRules {

    /** Who a rule lets in: everyone, anyone signed in, or the holders of some roles. */
    public sealed interface Access {
    }

    public record Everyone() implements Access {
    }

    public record SignedIn() implements Access {
    }

    public record Roles(Set<Role> roles) implements Access {
        public Roles {
            roles = Set.copyOf(roles);
        }
    }

    /** One line of the list: {@code method} null means every method. */
    public record Rule(HttpMethod method, List<String> patterns, Access access, String purpose) {

        boolean matches(HttpServletRequest request) {
            return matchers().stream().anyMatch(m -> m.matches(request));
        }

        List<RequestMatcher> matchers() {
            return patterns.stream().<RequestMatcher>map(p -> PathPatternRequestMatcher.withDefaults().matcher(method, p))
                    .toList();
        }
    }

    private final List<Rule> rules = new ArrayList<>();
    private final List<Rule> otherwise = new ArrayList<>();

    public AccessRules everyone(String purpose, String... patterns) {
        return add(null, new Everyone(), purpose, patterns);
    }

    public AccessRules signedIn(String purpose, String... patterns) {
        return add(null, new SignedIn(), purpose, patterns);
    }

    public AccessRules roles(Set<Role> roles, HttpMethod method, String purpose, String... patterns) {
        return add(method, new Roles(roles), purpose, patterns);
    }

    public AccessRules role(Role role, HttpMethod method, String purpose, String... patterns) {
        return roles(EnumSet.of(role), method, purpose, patterns);
    }

    /** Readers: everyone when reading is public, otherwise anyone signed in. */
    public AccessRules read(boolean publicReading, String purpose, String... patterns) {
        return add(HttpMethod.GET, publicReading ? new Everyone() : new SignedIn(), purpose, patterns);
    }

    /**
     * What happens to requests no rule names, which the application answers itself (a web page's files, or a "not
     * found" for a mistyped address) instead of their being refused as unknown. A test checks that every endpoint the
     * application maps has a rule of its own, so an endpoint never falls through to these.
     */
    public AccessRules otherwise(HttpMethod method, Access access, String... patterns) {
        otherwise.add(new Rule(method, List.of(patterns), access, "anything else"));
        return this;
    }

    private AccessRules add(HttpMethod method, Access access, String purpose, String... patterns) {
        rules.add(new Rule(method, List.of(patterns), access, purpose));
        return this;
    }

    public List<Rule> rules() {
        return List.copyOf(rules);
    }

    /** The rule that decides {@code request}, if any names it. */
    public Optional<Rule> ruleFor(HttpServletRequest request) {
        return rules.stream().filter(rule -> rule.matches(request)).findFirst();
    }

    /** Applies the rules to Spring Security, in order, then "otherwise", then nothing else. */
    public void applyTo(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry auth) {
        List<Rule> all = new ArrayList<>(rules);
        all.addAll(otherwise);
        for (Rule rule : all) {
            var matched = auth.requestMatchers(rule.matchers().toArray(RequestMatcher[]::new));
            if (rule.access() instanceof Roles roles) {
                matched.hasAnyRole(roles.roles().stream().map(Role::name).toArray(String[]::new));
            } else if (rule.access() instanceof SignedIn) {
                matched.authenticated();
            } else {
                matched.permitAll();
            }
        }
        auth.anyRequest().denyAll();
    }
}
