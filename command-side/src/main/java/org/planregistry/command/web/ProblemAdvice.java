package org.planregistry.command.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.planregistry.command.importing.ImportConflict;
import org.planregistry.command.importing.InvalidPlanDocument;
import org.planregistry.command.plan.IdempotencyKeyReused;
import org.planregistry.command.plan.PlanRuleViolation;
import org.planregistry.httpguard.BodyTooLarge;
import org.planregistry.httpguard.Shown;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.NonNull;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every refusal into an RFC 9457 problem ({@code application/problem+json}) that names the field and the
 * reason: 400 for a malformed request, 404 for something unknown, 409 for a conflict with the plan's state, 412 for
 * a stale {@code If-Match}, 422 for an {@code Idempotency-Key} used before for a different request. A client's
 * mistake never reaches the user as a bare 500.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

    @ExceptionHandler(PlanRuleViolation.class)
    ProblemDetail ruleViolated(PlanRuleViolation e) {
        HttpStatus status = switch (e.kind()) {
            case UNKNOWN -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case STALE -> HttpStatus.PRECONDITION_FAILED;
            case INVALID -> HttpStatus.BAD_REQUEST;
        };
        return problem(status, e.field(), e.getMessage());
    }

    @ExceptionHandler(IdempotencyKeyReused.class)
    ProblemDetail idempotencyKeyReused(IdempotencyKeyReused e) {
        return problem(HttpStatus.UNPROCESSABLE_ENTITY, CommandResponses.IDEMPOTENCY_KEY, e.getMessage());
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ProblemDetail planUnknown(AggregateNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "plan", "no plan " + e.getAggregateIdentifier() + " has been adopted");
    }

    @ExceptionHandler(AggregateStreamCreationException.class)
    ProblemDetail planExists(AggregateStreamCreationException e) {
        return problem(HttpStatus.CONFLICT, "code", "a plan with this code has already been adopted");
    }

    @ExceptionHandler(ConcurrencyException.class)
    ProblemDetail concurrentChange(ConcurrencyException e) {
        return problem(HttpStatus.CONFLICT, "plan", "the plan was changed by someone else at the same moment; "
                + "reload it and decide again");
    }

    @ExceptionHandler(InvalidPlanDocument.class)
    ProblemDetail invalidDocument(InvalidPlanDocument e) {
        var first = e.problems().get(0);
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, first.path(), e.getMessage() + "; first: "
                + first.path() + (first.line() == null ? "" : " (line " + first.line() + ")") + ": "
                + first.reason());
        problem.setProperty("errors", e.problems());
        return problem;
    }

    @ExceptionHandler(ImportConflict.class)
    ProblemDetail importConflict(ImportConflict e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "document", e.getMessage());
        problem.setProperty("differences", e.differences());
        return problem;
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(@NonNull MethodArgumentNotValidException e,
                                                                  @NonNull HttpHeaders headers,
                                                                  @NonNull HttpStatusCode status,
                                                                  @NonNull WebRequest request) {
        List<Map<String, String>> errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> Map.of("field", f.getField(), "reason", String.valueOf(f.getDefaultMessage())))
                .sorted((a, b) -> a.get("field").compareTo(b.get("field")))
                .toList();
        String detail = errors.stream().map(m -> m.get("field") + " " + m.get("reason"))
                .collect(Collectors.joining("; "));
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, errors.isEmpty() ? null : errors.get(0).get("field"),
                detail);
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(@NonNull HttpMessageNotReadableException e,
                                                                  @NonNull HttpHeaders headers,
                                                                  @NonNull HttpStatusCode status,
                                                                  @NonNull WebRequest request) {
        var tooLarge = BodyTooLarge.in(e);
        if (tooLarge.isPresent()) {
            // the limit was passed while Jackson read a field: not a malformed body but one too large (BodyLimits)
            ProblemDetail problem = problem(HttpStatus.PAYLOAD_TOO_LARGE, "body", tooLarge.get().reason());
            problem.setProperty("limit", tooLarge.get().limit());
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).header(HttpHeaders.CONNECTION, "close")
                    .body(problem);
        }
        String field = null;
        String reason = "the body is not valid JSON";
        if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            field = mapping.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            reason = reasonFor(mapping);
        } else if (e.getCause() instanceof JsonProcessingException syntax) {
            // The parser's own words say what is wrong and where; they name no class of ours.
            reason = "the body is not valid JSON: " + withoutTypes(syntax.getOriginalMessage())
                    + (syntax.getLocation() == null ? "" : " (line " + syntax.getLocation().getLineNr()
                    + ", column " + syntax.getLocation().getColumnNr() + ")");
        } else if (e.getCause() == null && String.valueOf(e.getMessage()).startsWith("Required request body")) {
            reason = "the body is missing: send the command as a JSON object";
        }
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, field,
                field == null ? reason : field + ": " + reason));
    }

    private static String reasonFor(JsonMappingException e) {
        if (e instanceof InvalidFormatException format) {
            Class<?> type = format.getTargetType();
            String value = Shown.value(format.getValue());
            if (type == String.class) {
                return withoutTypes(e.getOriginalMessage());
            }
            if (type.isEnum()) {
                return "'" + value + "' is not one of " + Arrays.toString(type.getEnumConstants());
            }
            if (type == LocalDate.class) {
                return "'" + value + "' is not a date (YYYY-MM-DD)";
            }
            if (type == BigDecimal.class || Number.class.isAssignableFrom(type) || type.isPrimitive()) {
                return "'" + value + "' is not a number";
            }
            return "'" + value + "' is not a valid " + type.getSimpleName();
        }
        if (e instanceof UnrecognizedPropertyException) {
            return "is not a known field";
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "expected " + inWords(mismatch.getTargetType());
        }
        return withoutTypes(e.getOriginalMessage());
    }

    /** A field's type as the client knows it (JSON), not as Java names it. */
    private static String inWords(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        if (type == LocalDate.class) {
            return "a date (YYYY-MM-DD)";
        }
        if (type == String.class) {
            return "text";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        return List.class.isAssignableFrom(type) ? "a list" : "an object";
    }

    /** A parser's message without the Java types it names: the client needs the value and the place only. */
    private static String withoutTypes(String message) {
        return Shown.value(String.valueOf(message).replaceAll("`[^`]*`", "this field's type")
                .replaceAll("\\b(?:[a-z]+\\.)+[A-Z]\\w*(?:\\$\\w+)*", "this field's type"), 300);
    }

    /** A path the command API does not have: a 404 problem naming it, not the framework's "No static resource". */
    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(@NonNull NoResourceFoundException e,
                                                                    @NonNull HttpHeaders headers,
                                                                    @NonNull HttpStatusCode status,
                                                                    @NonNull WebRequest request) {
        String path = "/" + e.getResourcePath();
        ProblemDetail problem = problem(HttpStatus.NOT_FOUND, "path", "no such path: " + path + " (" + e.getHttpMethod()
                + "); the command API is under /api/plans");
        problem.setProperty("path", path);
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
    }

    private static ProblemDetail problem(HttpStatus status, String field, String reason) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, reason);
        if (field != null) {
            problem.setProperty("field", field);
        }
        problem.setProperty("reason", reason);
        return problem;
    }
}
