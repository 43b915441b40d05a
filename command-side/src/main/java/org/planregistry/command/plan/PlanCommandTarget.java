package org.planregistry.command.plan;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.planregistry.api.PlanCommand;

/**
 * The plan a command is for: its {@link PlanCommand#planCode()}. Axon's default resolver finds the same value by
 * scanning the command's fields and methods for annotations on every command, which cost about a tenth of a cached
 * command's time. No version is resolved here: the version a client based its request on travels as metadata (see
 * {@link PlanCommandGateway#EXPECTED_VERSION}).
 */
final class PlanCommandTarget implements CommandTargetResolver {

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        if (command.getPayload() instanceof PlanCommand plan && plan.planCode() != null) {
            return new VersionedAggregateIdentifier(plan.planCode(), null);
        }
        throw new IllegalArgumentException("Invalid command: " + command.getPayloadType().getSimpleName()
                + " names no plan");
    }
}
