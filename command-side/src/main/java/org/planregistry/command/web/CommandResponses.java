package org.planregistry.command.web;

import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import org.planregistry.api.PlanCommand;
import org.planregistry.command.plan.PlanCommandGateway;
import org.planregistry.command.plan.PlanRuleViolation;
import org.planregistry.command.plan.Recorded;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Sends a command for a controller and shapes the HTTP answer: 201, the position, and the plan's ETag. A command
 * sent with an {@code Idempotency-Key} that was recorded before under it gets that first answer again, marked
 * {@code Idempotent-Replayed: true}.
 */
@Component
class CommandResponses {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    static final int MAX_KEY_LENGTH = 200;
    private static final Pattern PRINTABLE = Pattern.compile("[\\x20-\\x7E]+");

    private final PlanCommandGateway gateway;
    /** The current request (a proxy): the key is read here, not in each of the controllers' many endpoints. */
    private final HttpServletRequest request;

    CommandResponses(PlanCommandGateway gateway, HttpServletRequest request) {
        this.gateway = gateway;
        this.request = request;
    }

    ResponseEntity<CommandAccepted> send(PlanCommand command, String element, String ifMatch, String correlationId) {
        Recorded recorded = gateway.send(command, expectedVersion(ifMatch), correlationId, idempotencyKey());
        String id = recorded.result() instanceof String s ? s : null;
        var response = ResponseEntity.status(HttpStatus.CREATED);
        if (recorded.version() != null) {
            response.eTag("\"" + recorded.version() + "\"");
        }
        if (recorded.repeated()) {
            response.header(REPLAYED, "true");
        }
        return response.body(new CommandAccepted(command.planCode(), element, id, recorded.globalSequence(),
                recorded.version()));
    }

    private String idempotencyKey() {
        String key = request.getHeader(IDEMPOTENCY_KEY);
        if (key == null) {
            return null;
        }
        if (key.isBlank()) {
            throw new PlanRuleViolation(PlanRuleViolation.Kind.INVALID, IDEMPOTENCY_KEY, "must not be blank");
        }
        if (key.length() > MAX_KEY_LENGTH) {
            throw new PlanRuleViolation(PlanRuleViolation.Kind.INVALID, IDEMPOTENCY_KEY,
                    "must be at most " + MAX_KEY_LENGTH + " characters, was " + key.length());
        }
        if (!PRINTABLE.matcher(key).matches()) {
            throw new PlanRuleViolation(PlanRuleViolation.Kind.INVALID, IDEMPOTENCY_KEY,
                    "must consist of printable ASCII characters only");
        }
        return key;
    }

    private static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String tag = ifMatch.trim().replaceFirst("^W/", "").replace("\"", "");
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            throw new PlanRuleViolation(PlanRuleViolation.Kind.INVALID, "If-Match",
                    "must be a plan version as given in the ETag header, e.g. \"7\"");
        }
    }
}
