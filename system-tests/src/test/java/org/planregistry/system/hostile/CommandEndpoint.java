package org.planregistry.system.hostile;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationContext;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * One command endpoint as the command side itself maps it: read from its handler mapping, so a new endpoint is
 * fuzzed without anyone adding it here.
 *
 * @param path     the path template, e.g. {@code /api/plans/{plan}/indicators/{code}/revisions}
 * @param body     the type of its {@code @RequestBody}: a request record, or {@code byte[]} for a document
 * @param consumes the media types it declares, empty when it takes JSON only
 */
record CommandEndpoint(String path, Class<?> body, List<String> consumes) {


    static List<CommandEndpoint> of(ApplicationContext commandSide) {
        RequestMappingHandlerMapping mapping = commandSide.getBean("requestMappingHandlerMapping",
                RequestMappingHandlerMapping.class);
        return mapping.getHandlerMethods().entrySet().stream()
                .filter(e -> e.getKey().getMethodsCondition().getMethods().contains(RequestMethod.POST))
                .flatMap(e -> endpoints(e.getKey(), e.getValue()).stream())
                .filter(endpoint -> endpoint.path().startsWith("/api/"))
                .sorted(Comparator.comparing(CommandEndpoint::path))
                .toList();
    }

    private static List<CommandEndpoint> endpoints(RequestMappingInfo info, HandlerMethod method) {
        Class<?> body = null;
        for (MethodParameter parameter : method.getMethodParameters()) {
            if (parameter.hasParameterAnnotation(RequestBody.class)) {
                body = parameter.getParameterType();
            }
        }
        if (body == null) {
            throw new IllegalStateException(method + " takes no body: teach the hostile input test about it");
        }
        Class<?> type = body;
        List<String> consumes = info.getConsumesCondition().getConsumableMediaTypes().stream()
                .map(Object::toString).toList();
        return info.getPatternValues().stream().map(p -> new CommandEndpoint(p, type, consumes)).toList();
    }

    boolean takesDocument() {
        return body == byte[].class;
    }

    List<String> variables() {
        return PathTemplate.variables(path);
    }

    String expand(Map<String, String> values) {
        return PathTemplate.expand(path, values);
    }
}
