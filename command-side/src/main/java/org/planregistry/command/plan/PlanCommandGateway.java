package org.planregistry.command.plan;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.planregistry.api.PlanCommand;
import org.planregistry.eventstore.AppendedEvents;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Sends plan commands on behalf of the authenticated caller. The actor and role come from authentication, never
 * from the request body; they, the correlation id and an expected version travel as metadata and end up on every
 * event the command produces. The answer (global sequence and version) comes back in the command's result
 * ({@link AppendsInResult}), not through the calling thread.
 */
@Component
public class PlanCommandGateway {

    /** Metadata key of the plan version a client based its request on (from {@code If-Match}). */
    public static final String EXPECTED_VERSION = "expectedVersion";

    private final CommandGateway gateway;

    public PlanCommandGateway(CommandGateway gateway) {
        this.gateway = gateway;
    }

    public Recorded send(PlanCommand command, Long expectedVersion, String correlationId) {
        Map<String, Object> metaData = new HashMap<>();
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        metaData.put("actor", auth == null ? "system" : auth.getName());
        metaData.put("role", auth == null ? "SYSTEM" : auth.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).map(a -> a.replaceFirst("^ROLE_", "")).sorted()
                .findFirst().orElse("NONE"));
        metaData.put("correlationId", correlationId == null ? UUID.randomUUID().toString() : correlationId);
        if (expectedVersion != null) {
            metaData.put(EXPECTED_VERSION, expectedVersion);
        }
        Object result;
        try {
            result = gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData));
        } catch (CommandExecutionException e) {
            // Checked exceptions come wrapped; the domain's own refusals are unchecked and arrive as they are.
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        if (!(result instanceof AppendsInResult.Outcome outcome)) {
            throw new IllegalStateException("The command bus returned " + result + " without what the command "
                    + "appended: is AppendsInResult registered on it?");
        }
        var appended = outcome.appended().last();
        return new Recorded(outcome.result(), appended.map(AppendedEvents.Appended::globalSequence).orElse(null),
                appended.map(AppendedEvents.Appended::aggregateSequence).orElse(null));
    }
}
