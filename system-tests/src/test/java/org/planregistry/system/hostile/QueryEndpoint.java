package org.planregistry.system.hostile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationContext;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * One read endpoint of the query side as it maps it itself, with its query parameters: the public reads and the
 * event feed (the operator's endpoints are left out: rebuilding views is not a read).
 */
record QueryEndpoint(String path, List<String> parameters) {


    static List<QueryEndpoint> of(ApplicationContext querySide) {
        RequestMappingHandlerMapping mapping = querySide.getBean("requestMappingHandlerMapping",
                RequestMappingHandlerMapping.class);
        return mapping.getHandlerMethods().entrySet().stream()
                .filter(e -> e.getKey().getMethodsCondition().getMethods().contains(RequestMethod.GET))
                .flatMap(e -> endpoints(e.getKey(), e.getValue()).stream())
                .filter(endpoint -> endpoint.path().startsWith("/api/") && !endpoint.path().startsWith("/api/admin"))
                .distinct()
                .sorted(Comparator.comparing(QueryEndpoint::path))
                .toList();
    }

    private static List<QueryEndpoint> endpoints(RequestMappingInfo info, HandlerMethod method) {
        List<String> parameters = new ArrayList<>();
        for (MethodParameter parameter : method.getMethodParameters()) {
            RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
            if (param != null) {
                parameters.add(!param.name().isEmpty() ? param.name() : parameter.getParameter().getName());
            }
        }
        return info.getPatternValues().stream().map(p -> new QueryEndpoint(p, List.copyOf(parameters))).toList();
    }

    List<String> variables() {
        return PathTemplate.variables(path);
    }

    String expand(Map<String, String> values) {
        return PathTemplate.expand(path, values);
    }
}
