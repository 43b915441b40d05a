package org.planregistry.command.plan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.DomainEventMessage;
import org.planregistry.api.PlanCommand;
import org.planregistry.api.PlanEvent.FindingRecordedEvent;
import org.planregistry.api.PlanEvent.PlanAdoptedEvent;
import org.planregistry.eventstore.EventJson;
import org.planregistry.eventstore.MongoEventStorageEngine;
import org.springframework.stereotype.Component;

/**
 * Recognises a command sent again under an idempotency key and gives its first answer back. The key and the
 * command's fingerprint are in the metadata of the event the command recorded, and the store keeps the key beside
 * that event under a unique index (see {@link MongoEventStorageEngine#eventWithIdempotencyKey}): "recorded" and
 * "key remembered" are one write, so no crash can separate them, and the answer is rebuilt from the event.
 */
@Component
class RepeatedCommands {

    /** Metadata key of the scoped idempotency key ({@code actor:key}). */
    static final String IDEMPOTENCY_KEY = MongoEventStorageEngine.IDEMPOTENCY_KEY;
    /** Metadata key of the fingerprint of the command recorded under it. */
    static final String REQUEST_FINGERPRINT = "requestFingerprint";

    private static final ObjectMapper JSON = EventJson.mapper();

    private final MongoEventStorageEngine store;

    RepeatedCommands(MongoEventStorageEngine store) {
        this.store = store;
    }

    /**
     * The key as stored: the user's name and their key. An HTTP Basic user name cannot contain a colon (RFC 7617),
     * so two users' keys never meet.
     */
    static String scoped(String actor, String key) {
        return actor + ":" + key;
    }

    /**
     * What makes two requests the same: the command (its type and its JSON, so the body's layout does not count)
     * and the plan version it was based on ({@code If-Match}). The correlation id does not count: a retry may carry
     * a new one.
     */
    static String fingerprint(PlanCommand command, Long expectedVersion) {
        try {
            String canonical = command.getClass().getName() + "\n" + JSON.writeValueAsString(command) + "\n"
                    + (expectedVersion == null ? "" : expectedVersion);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("A command cannot be fingerprinted: " + command, e);
        }
    }

    /**
     * The answer the command recorded under {@code scopedKey} was given, or empty when nothing was recorded under
     * it; refused with {@link IdempotencyKeyReused} when what was recorded under it is a different request.
     */
    Optional<Recorded> original(String scopedKey, String fingerprint) {
        return store.eventWithIdempotencyKey(scopedKey).map(event -> {
            if (!fingerprint.equals(event.getMetaData().get(REQUEST_FINGERPRINT))) {
                throw new IdempotencyKeyReused(scopedKey.substring(scopedKey.indexOf(':') + 1));
            }
            // Every plan command records exactly one event, so this event is also the command's last: its
            // position and the plan's version after it are the answer's.
            Number globalSequence = (Number) event.getMetaData().get(MongoEventStorageEngine.GLOBAL_SEQUENCE);
            return new Recorded(idCreatedBy(event), globalSequence.longValue(), event.getSequenceNumber(), true);
        });
    }

    /**
     * The id a command handler answered with, read from its event: a plan's adoption answers the plan's code (Axon
     * returns a new aggregate's identifier), a recorded finding its id (the plan assigns one when the command names
     * none); every other command answers none.
     */
    private static String idCreatedBy(DomainEventMessage<?> event) {
        if (event.getPayload() instanceof PlanAdoptedEvent) {
            return event.getAggregateIdentifier();
        }
        return event.getPayload() instanceof FindingRecordedEvent finding ? finding.findingId() : null;
    }
}
