package org.planregistry.query.access;

import java.util.List;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Lets a controller take the {@link Audience} of its request as a parameter, resolved on the request's thread from
 * its sign-in (Spring's own {@code Authentication} parameter would be null for the anonymous public).
 */
@Configuration
class AudienceResolver implements WebMvcConfigurer, HandlerMethodArgumentResolver {

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Audience.class;
    }

    @Override
    public Audience resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
                                    NativeWebRequest request, WebDataBinderFactory binders) {
        return Audience.of(SecurityContextHolder.getContext().getAuthentication());
    }
}
