package org.planregistry.query.http;

import org.planregistry.httpguard.BodyTooLarge;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A body the query side could not read (the one it reads: the auditor's store digest): 413 when it passed the size
 * limit while being read (sent in chunks, so the limit could not be seen up front), 400 naming the body otherwise.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class UnreadableBody {

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        var tooLarge = BodyTooLarge.in(e);
        if (tooLarge.isPresent()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
                    tooLarge.get().reason());
            problem.setProperty("field", "body");
            problem.setProperty("limit", tooLarge.get().limit());
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).header(HttpHeaders.CONNECTION, "close")
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "the body is not the JSON expected here");
        problem.setProperty("field", "body");
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
