package org.planregistry.httpguard;

import java.io.IOException;
import java.io.Writer;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's own error report, for what Tomcat refuses before the application sees it (an address that is not valid
 * UTF-8, say): a problem like every other refusal instead of Tomcat's HTML page.
 */
final class ProblemReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int code = response.getStatus();
        if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus status = HttpStatus.resolve(code);
        String title = status == null ? "Error" : status.getReasonPhrase();
        String detail = code < 500 ? "the request was refused before the registry read it: " + title
                : "the registry failed to answer this request; the failure is logged";
        String json = "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + code
                + ",\"detail\":\"" + detail + "\"}";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(json);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the connection is gone or the answer already begun: nothing more can be said
        }
    }
}
