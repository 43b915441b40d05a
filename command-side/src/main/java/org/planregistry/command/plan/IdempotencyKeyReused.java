package org.planregistry.command.plan;

/** A command sent under an idempotency key that the same user already used for a different command. */
public class IdempotencyKeyReused extends RuntimeException {

    public IdempotencyKeyReused(String key) {
        super("Idempotency-Key " + key + " was used before for a different request (another command, body or "
                + "If-Match); nothing written. Use a new key for a new request");
    }
}
