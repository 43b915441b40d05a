package org.planregistry.command.web;

import org.planregistry.api.PlanCommand;
import org.planregistry.command.plan.PlanCommandGateway;
import org.planregistry.command.plan.PlanRuleViolation;
import org.planregistry.command.plan.Recorded;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** Sends a command for a controller and shapes the HTTP answer: 201, the position, and the plan's ETag. */
@Component
class CommandResponses {

    private final PlanCommandGateway gateway;

    CommandResponses(PlanCommandGateway gateway) {
        this.gateway = gateway;
    }

    ResponseEntity<CommandAccepted> send(PlanCommand command, String element, String ifMatch, String correlationId) {
        Recorded recorded = gateway.send(command, expectedVersion(ifMatch), correlationId);
        String id = recorded.result() instanceof String s ? s : null;
        var response = ResponseEntity.status(HttpStatus.CREATED);
        if (recorded.version() != null) {
            response.eTag("\"" + recorded.version() + "\"");
        }
        return response.body(new CommandAccepted(command.planCode(), element, id, recorded.globalSequence(),
                recorded.version()));
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
