package org.planregistry.query.http;

import java.time.Duration;

import org.planregistry.httpguard.Shown;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A query the registry cannot answer as asked, as an RFC 9457 problem ({@code application/problem+json}). Spring
 * renders it directly; the factories name what went wrong so that a client's mistake is never a 500.
 */
public final class QueryProblem extends ErrorResponseException {

    private QueryProblem(HttpStatus status, String title, String detail) {
        super(status, problem(status, title, detail), null);
    }

    /** 400: a parameter is malformed or out of range; names the parameter, the value given and why it is wrong. */
    public static QueryProblem badParameter(String parameter, String value, String reason) {
        // The value is quoted shortened and with invisible characters escaped: it is the client's, maybe hostile.
        String shown = value == null ? null : Shown.value(value);
        QueryProblem problem = new QueryProblem(HttpStatus.BAD_REQUEST, "Bad parameter",
                parameter + ": " + reason + (value == null ? "" : ", got '" + shown + "'"));
        problem.getBody().setProperty("parameter", parameter);
        problem.getBody().setProperty("value", shown);
        return problem;
    }

    /** 404: the plan, element or state asked for does not exist (for this point of view). */
    public static QueryProblem notFound(String parameter, String detail) {
        QueryProblem problem = new QueryProblem(HttpStatus.NOT_FOUND, "Not found", detail);
        problem.getBody().setProperty("parameter", parameter);
        return problem;
    }

    /** 503 with {@code Retry-After}: the view cannot answer yet (it lags the asked position or is being rebuilt). */
    public static QueryProblem notReady(String detail, Duration retryAfter) {
        QueryProblem problem = new QueryProblem(HttpStatus.SERVICE_UNAVAILABLE, "View not ready", detail);
        problem.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
        return problem;
    }

    /** 409: the request conflicts with what the registry is doing (a rebuild already running). */
    public static QueryProblem conflict(String detail) {
        return new QueryProblem(HttpStatus.CONFLICT, "Conflict", detail);
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
