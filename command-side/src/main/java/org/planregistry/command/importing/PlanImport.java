package org.planregistry.command.importing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.planregistry.api.Baseline;
import org.planregistry.api.FinalObservation;
import org.planregistry.api.IndicatorRef;
import org.planregistry.api.PlanCommand;
import org.planregistry.api.PlanEvent;
import org.planregistry.command.plan.OtherPlans;
import org.planregistry.command.plan.PlanCommandGateway;
import org.planregistry.command.plan.PlanRuleViolation;
import org.planregistry.command.plan.PlanRules;
import org.planregistry.command.plan.Recorded;
import org.planregistry.eventstore.EventJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Imports a plan definition document: adopts a new plan element by element, and recognises a document that was
 * imported before. Importing the same document again writes nothing; a document that differs from an adopted plan
 * is refused as a whole, because changing an adopted plan is an adjustment with a reason and a decision, never a
 * silent rewrite. The one exception is an import of the same document that was cut short: it is finished.
 */
@Service
public class PlanImport {

    private static final Logger log = LoggerFactory.getLogger(PlanImport.class);
    private static final int PROGRESS_EVERY = 20;

    private final PlanDocumentReader reader;
    private final PlanCommandGateway gateway;
    private final EventStore eventStore;
    private final OtherPlans otherPlans;
    private final ObjectMapper json = EventJson.mapper();

    public PlanImport(PlanDocumentReader reader, PlanCommandGateway gateway, EventStore eventStore,
                      OtherPlans otherPlans) {
        this.reader = reader;
        this.gateway = gateway;
        this.eventStore = eventStore;
        this.otherPlans = otherPlans;
    }

    public ImportReport importDocument(byte[] document, boolean isJson, String correlationId) {
        PlanDefinition definition = reader.read(document, isJson);
        String planCode = definition.plan().code();
        List<PlanCommand> commands = PlanAdoption.commandsFor(definition);
        List<PlanEvent> stored = storedEvents(planCode);
        if (stored.isEmpty()) {
            checkContinuity(definition);
            log.info("Importing plan {}: {} elements", planCode, commands.size());
            return adopt(planCode, commands, 0, correlationId);
        }
        int cutShortAfter = cutShortImport(commands, stored);
        if (cutShortAfter > 0) {
            checkContinuity(definition);
            log.info("Importing plan {}: an import of this document was cut short after {} of {} elements; "
                    + "adopting the rest", planCode, cutShortAfter, commands.size());
            return adopt(planCode, commands, cutShortAfter, correlationId);
        }
        List<String> differences = differences(commands, adoptedElements(stored));
        if (!differences.isEmpty()) {
            throw new ImportConflict(planCode, differences);
        }
        log.info("Import of plan {}: identical to the adopted plan, nothing written", planCode);
        return new ImportReport(planCode, ImportReport.Outcome.UNCHANGED, commands.size(), 0, null,
                "plan " + planCode + " is already adopted exactly as this document describes it; nothing written");
    }

    /**
     * The one rule of a document that depends on other plans, checked before anything is written so that a refused
     * import leaves no half-adopted plan: each continued indicator exists, and each baseline is the predecessor's
     * observed final value unless the document states the difference. Refused as the command would refuse it.
     */
    private void checkContinuity(PlanDefinition definition) {
        for (int i = 0; i < definition.indicators().size(); i++) {
            PlanDefinition.Indicator indicator = definition.indicators().get(i);
            PlanDefinition.Continues continues = indicator.continues();
            if (continues == null) {
                continue;
            }
            String field = "/indicators/" + i + "/continues";
            IndicatorRef predecessor = new IndicatorRef(continues.plan(), continues.indicator());
            FinalObservation observed;
            try {
                observed = otherPlans.finalObservation(predecessor).orElse(null);
            } catch (PlanRuleViolation unknown) {
                throw new PlanRuleViolation(unknown.kind(), field, unknown.getMessage());
            }
            boolean stated = continues.differenceReason() != null && !continues.differenceReason().isBlank();
            Baseline baseline = new Baseline(indicator.baseline().year(), indicator.baseline().value());
            if (!stated) {
                PlanRules.baselineIsTheFinalValue(baseline, observed, predecessor).ifPresent(reason -> {
                    throw new PlanRuleViolation(PlanRuleViolation.Kind.CONFLICT, field, "indicator "
                            + indicator.code() + ": " + reason);
                });
            }
        }
    }

    /** Whether the store holds any event of the plan. */
    public boolean hasPlan(String planCode) {
        return eventStore.readEvents(planCode).hasNext();
    }

    /** Sends the document's commands from {@code from} on, logging how far it is. */
    private ImportReport adopt(String planCode, List<PlanCommand> commands, int from, String correlationId) {
        Long lastSequence = null;
        for (int i = from; i < commands.size(); i++) {
            Recorded recorded = gateway.send(commands.get(i), null, correlationId);
            lastSequence = recorded.globalSequence();
            if ((i + 1) % PROGRESS_EVERY == 0 || i + 1 == commands.size()) {
                log.info("Importing plan {}: {}/{} elements adopted", planCode, i + 1, commands.size());
            }
        }
        int written = commands.size() - from;
        return from == 0
                ? new ImportReport(planCode, ImportReport.Outcome.ADOPTED, commands.size(), written, lastSequence,
                        "plan " + planCode + " adopted with " + (commands.size() - 1) + " elements")
                : new ImportReport(planCode, ImportReport.Outcome.COMPLETED, commands.size(), written, lastSequence,
                        "plan " + planCode + ": an import cut short after " + from + " of " + commands.size()
                                + " elements was finished; " + written + " elements adopted");
    }

    /**
     * How many of the document's elements an import that was cut short (a crash, a lost connection) had adopted, or
     * 0 when the stored plan is not such an import. It is one when the plan's events are exactly the adoption of the
     * document's first elements, in the document's order, each as the document states it, and nothing else: no
     * adjustment, milestone or evaluation was recorded since. Anything more, and a differing document is refused as
     * before, because changing an adopted plan is an adjustment.
     */
    private int cutShortImport(List<PlanCommand> commands, List<PlanEvent> stored) {
        if (stored.size() >= commands.size()) {
            return 0;
        }
        for (int i = 0; i < stored.size(); i++) {
            PlanEvent event = stored.get(i);
            PlanCommand command = commands.get(i);
            String element = PlanAdoption.element(event);
            if (element == null || !element.equals(PlanAdoption.element(command))
                    || !differingFields(json.valueToTree(command), json.valueToTree(event)).isEmpty()) {
                return 0;
            }
        }
        return stored.size();
    }

    /** The plan's events from the first, not from a snapshot: the adoptions are the plan's earliest events. */
    private List<PlanEvent> storedEvents(String planCode) {
        return eventStore.readEvents(planCode, 0).asStream()
                .map(DomainEventMessage::getPayload)
                .filter(PlanEvent.class::isInstance)
                .map(PlanEvent.class::cast)
                .toList();
    }

    /** The elements adopted for this plan, as JSON, keyed like {@link PlanAdoption#element(PlanCommand)}. */
    private Map<String, JsonNode> adoptedElements(List<PlanEvent> stored) {
        Map<String, JsonNode> adopted = new LinkedHashMap<>();
        for (PlanEvent event : stored) {
            String element = PlanAdoption.element(event);
            if (element != null) {
                adopted.put(element, json.valueToTree(event));
            }
        }
        return adopted;
    }

    private List<String> differences(List<PlanCommand> commands, Map<String, JsonNode> adopted) {
        List<String> differences = new ArrayList<>();
        for (PlanCommand command : commands) {
            String element = PlanAdoption.element(command);
            JsonNode wanted = json.valueToTree(command);
            JsonNode existing = adopted.remove(element);
            if (existing == null) {
                differences.add(element + " is in the document but not in the adopted plan");
            } else {
                List<String> fields = differingFields(wanted, existing);
                if (!fields.isEmpty()) {
                    differences.add(element + " differs in " + String.join(", ", fields));
                }
            }
        }
        adopted.keySet().forEach(element -> differences.add(element + " was adopted but is not in the document"));
        return differences;
    }

    /** The fields of a command whose values its event does not have: only what the document states is compared. */
    private static List<String> differingFields(JsonNode wanted, JsonNode existing) {
        // An event may also record what it replaced (a previous value), which the document does not state.
        List<String> fields = new ArrayList<>();
        wanted.fieldNames().forEachRemaining(field -> {
            if (!wanted.get(field).equals(existing.get(field))) {
                fields.add(field);
            }
        });
        return fields;
    }
}
