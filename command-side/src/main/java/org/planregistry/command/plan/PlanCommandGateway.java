package org.planregistry.command.plan;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.planregistry.api.PlanCommand;
import org.planregistry.eventstore.AppendedEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Sends plan commands on behalf of the authenticated caller. The actor and role come from authentication, never
 * from the request body; they, the correlation id and an expected version travel as metadata and end up on every
 * event the command produces. The answer (global sequence and version) comes back in the command's result
 * ({@link AppendsInResult}), not through the calling thread.
 *
 * <p>A command sent with an idempotency key is recorded at most once per user and key: sent again, it is answered
 * with its first answer and writes nothing ({@link RepeatedCommands}).
 *
 * <p>Every command sent here is logged once, at INFO, with its correlation id, plan, type, outcome and duration,
 * and counted and timed ({@code registry.commands}, {@code registry.command.duration}, tags {@code command} and
 * {@code outcome}; docs/operations.md).
 */
@Component
public class PlanCommandGateway {

    /** Metadata key of the plan version a client based its request on (from {@code If-Match}). */
    public static final String EXPECTED_VERSION = "expectedVersion";

    private static final Logger log = LoggerFactory.getLogger(PlanCommandGateway.class);
    /** Commands an evaluator gives; every other command is a registrar's (docs/security.md). */
    private static final Set<Class<?>> EVALUATION_COMMANDS = Set.of(PlanCommand.OpenEvaluationCommand.class,
            PlanCommand.RecordFindingCommand.class, PlanCommand.CorrectFindingCommand.class,
            PlanCommand.WithdrawFindingCommand.class, PlanCommand.PublishEvaluationCommand.class);

    /** Each command class's type name, worked out once. */
    private static final ClassValue<String> TYPES = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            return type.getSimpleName().replaceFirst("Command$", "");
        }
    };

    private final CommandGateway gateway;
    private final RepeatedCommands repeated;
    private final Meter.MeterProvider<Counter> commands;
    private final Meter.MeterProvider<Timer> durations;
    /** The meters of each command type and outcome, looked up once: Micrometer's look-up builds tags each time. */
    private final Map<String, Counter> countersByTags = new ConcurrentHashMap<>();
    private final Map<String, Timer> timersByTags = new ConcurrentHashMap<>();

    public PlanCommandGateway(CommandGateway gateway, RepeatedCommands repeated, MeterRegistry meters) {
        this.gateway = gateway;
        this.repeated = repeated;
        this.commands = Counter.builder("registry.commands")
                .description("Commands sent, by type and outcome (accepted, repeated, refused, conflict, error)")
                .withRegistry(meters);
        this.durations = Timer.builder("registry.command.duration")
                .description("Time from sending a command to its answer, by type and outcome")
                .publishPercentileHistogram()
                .minimumExpectedValue(java.time.Duration.ofMillis(1))
                .maximumExpectedValue(java.time.Duration.ofSeconds(60))
                .withRegistry(meters);
    }

    /** What became of a command, as counted and logged. */
    enum Outcome {
        /** Accepted: its events are stored. */
        ACCEPTED,
        /** Recorded before under the same idempotency key: answered as then, nothing written. */
        REPEATED,
        /**
         * Refused by the plan's rules (400, 404, 409 for the plan's state), or under an idempotency key used for
         * another command (422): nothing written.
         */
        REFUSED,
        /** Lost to a concurrent change or based on an older version ({@code If-Match}): nothing written. */
        CONFLICT,
        /** Failed otherwise (the store, a bug): the client sees a 500. */
        ERROR;

        static Outcome of(Throwable failure) {
            if (failure instanceof PlanRuleViolation violation) {
                return violation.kind() == PlanRuleViolation.Kind.STALE ? CONFLICT : REFUSED;
            }
            if (failure instanceof IdempotencyKeyReused || failure instanceof AggregateNotFoundException
                    || failure instanceof AggregateStreamCreationException) {
                return REFUSED;
            }
            return failure instanceof ConcurrencyException ? CONFLICT : ERROR;
        }

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Recorded send(PlanCommand command, Long expectedVersion, String correlationId) {
        return send(command, expectedVersion, correlationId, null);
    }

    /**
     * Sends a command; with an {@code idempotencyKey} (the client's, not yet scoped to the user) a command recorded
     * before under it is answered as then instead, and a different command under it is refused.
     */
    public Recorded send(PlanCommand command, Long expectedVersion, String correlationId, String idempotencyKey) {
        String correlation = correlationId == null ? UUID.randomUUID().toString() : correlationId;
        long started = System.nanoTime();
        Outcome outcome = Outcome.ERROR;
        Throwable failure = null;
        try {
            Map<String, Object> metaData = metaData(command, expectedVersion, correlation);
            Recorded recorded = idempotencyKey == null ? dispatch(command, metaData)
                    : dispatchOnce(command, metaData, expectedVersion, idempotencyKey);
            outcome = recorded.repeated() ? Outcome.REPEATED : Outcome.ACCEPTED;
            return recorded;
        } catch (RuntimeException | Error e) {
            failure = e;
            outcome = Outcome.of(e);
            throw e;
        } finally {
            long nanos = System.nanoTime() - started;
            String type = type(command);
            String tags = type + '/' + outcome.tag();
            Outcome counted = outcome;
            countersByTags.computeIfAbsent(tags, t -> commands.withTags("command", type, "outcome", counted.tag()))
                    .increment();
            timersByTags.computeIfAbsent(tags, t -> durations.withTags("command", type, "outcome", counted.tag()))
                    .record(nanos, TimeUnit.NANOSECONDS);
            if (failure == null) {
                log.info("command correlationId={} plan={} command={} outcome={} durationMs={}", correlation,
                        command.planCode(), type, outcome.tag(), TimeUnit.NANOSECONDS.toMillis(nanos));
            } else {
                log.info("command correlationId={} plan={} command={} outcome={} durationMs={} reason=\"{}\"",
                        correlation, command.planCode(), type, outcome.tag(), TimeUnit.NANOSECONDS.toMillis(nanos),
                        failure.getMessage());
            }
        }
    }

    /** The command's type as tagged and logged: its record's name without "Command" ("ReviseIndicatorTarget"). */
    static String type(PlanCommand command) {
        return TYPES.get(command.getClass());
    }

    private static Map<String, Object> metaData(PlanCommand command, Long expectedVersion, String correlationId) {
        Map<String, Object> metaData = new HashMap<>();
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        metaData.put("actor", auth == null ? "system" : auth.getName());
        metaData.put("role", auth == null ? "SYSTEM" : role(command, auth));
        metaData.put("correlationId", correlationId);
        if (expectedVersion != null) {
            metaData.put(EXPECTED_VERSION, expectedVersion);
        }
        return metaData;
    }

    /**
     * The role in which the person acts: the one the command needs (a person may be registrar and evaluator), or,
     * for a caller the access rules let through otherwise, the first role they hold.
     */
    private static String role(PlanCommand command, Authentication auth) {
        List<String> held = auth.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .map(a -> a.replaceFirst("^ROLE_", "")).sorted().toList();
        String needed = EVALUATION_COMMANDS.contains(command.getClass()) ? "EVALUATOR" : "REGISTRAR";
        return held.contains(needed) ? needed : held.stream().findFirst().orElse("NONE");
    }

    private Recorded dispatchOnce(PlanCommand command, Map<String, Object> metaData, Long expectedVersion,
                                  String idempotencyKey) {
        String key = RepeatedCommands.scoped((String) metaData.get("actor"), idempotencyKey);
        String fingerprint = RepeatedCommands.fingerprint(command, expectedVersion);
        Optional<Recorded> original = repeated.original(key, fingerprint);
        if (original.isPresent()) {
            return original.get();
        }
        metaData.put(RepeatedCommands.IDEMPOTENCY_KEY, key);
        metaData.put(RepeatedCommands.REQUEST_FINGERPRINT, fingerprint);
        try {
            return dispatch(command, metaData);
        } catch (RuntimeException e) {
            // The same request sent at the same moment lost to its twin (on the plan's version, the key's unique
            // index or a rule the twin's event now breaks): the twin's answer is this one's too.
            return repeated.original(key, fingerprint).orElseThrow(() -> e);
        }
    }

    private Recorded dispatch(PlanCommand command, Map<String, Object> metaData) {
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
                appended.map(AppendedEvents.Appended::aggregateSequence).orElse(null), false);
    }
}
