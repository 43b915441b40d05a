package org.planregistry.command.web;

import com.mongodb.MongoException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * When the store cannot be reached within {@code registry.store.timeout}, the registry is unavailable, not broken:
 * 503 with {@code Retry-After}. Matches a MongoDB failure also as the cause of Axon's own exceptions (an append
 * that failed arrives as an {@code EventStoreException}).
 */
@RestControllerAdvice
class StoreUnavailable {

    private static final Logger log = LoggerFactory.getLogger(StoreUnavailable.class);

    @ExceptionHandler(MongoException.class)
    ResponseEntity<ProblemDetail> storeUnavailable(MongoException e) {
        log.warn("The store failed to answer a command: {}", e.toString());
        // An append whose answer did not arrive may still have been written: the client must look before it repeats.
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "the store did not answer in time; the command may or may not have been recorded: send it again "
                        + "with the same Idempotency-Key (recorded once either way), or check the plan first");
        problem.setTitle("Store unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                .body(problem);
    }
}
