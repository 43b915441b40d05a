package org.planregistry.httpguard;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The container's error page, in place of Spring Boot's: what Tomcat or a filter refuses before a controller is
 * reached (a malformed URI, a failure nobody handled) is answered as a problem too, never as Boot's
 * {@code {"timestamp":…}} JSON, an HTML page or a stack trace. A failure is logged here, with its cause, and the
 * client is told only that it happened.
 */
@Controller
final class ContainerErrors implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ContainerErrors.class);

    @RequestMapping("${server.error.path:${error.path:/error}}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        String path = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        HttpStatus status = code instanceof Integer c && HttpStatus.resolve(c) != null ? HttpStatus.resolve(c)
                : code == null ? HttpStatus.NOT_FOUND : HttpStatus.INTERNAL_SERVER_ERROR;
        String detail;
        if (code == null) {
            detail = "no such path: /error";
        } else if (status.is4xxClientError()) {
            detail = "the request was refused before the registry read it: " + status.getReasonPhrase();
        } else {
            log.error("Failed to answer {} with anything but {}", path, status,
                    (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION));
            detail = "the registry failed to answer this request; the failure is logged";
        }
        Problems.write(response, status, detail, path, Map.of());
    }
}
