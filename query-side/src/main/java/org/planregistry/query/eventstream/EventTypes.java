package org.planregistry.query.eventstream;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.axonframework.serialization.Revision;
import org.planregistry.api.PlanEvent;

/**
 * The names of the plan's event types on the outward stream. A CloudEvents {@code type} is reverse-DNS and carries
 * the revision of the payload's shape ({@code org.planregistry.plan.IndicatorTargetRevised.v2}), so a consumer
 * knows from the envelope which schema the data follows; filters use the short name ({@code IndicatorTargetRevised}).
 */
final class EventTypes {

    static final String PREFIX = "org.planregistry.plan.";

    /** Short name → event class, for every permitted plan event. */
    private static final Map<String, Class<?>> BY_NAME = Arrays.stream(PlanEvent.class.getPermittedSubclasses())
            .collect(Collectors.toUnmodifiableMap(EventTypes::shortName, Function.identity()));

    private EventTypes() {
    }

    static boolean isKnown(String shortName) {
        return BY_NAME.containsKey(shortName);
    }

    /** The known short names, sorted, for an error message. */
    static String known() {
        return BY_NAME.keySet().stream().sorted().collect(Collectors.joining(", "));
    }

    /** {@code IndicatorTargetRevisedEvent} → {@code IndicatorTargetRevised}, as the views name it. */
    static String shortName(Class<?> type) {
        String name = type.getSimpleName();
        return name.endsWith("Event") ? name.substring(0, name.length() - "Event".length()) : name;
    }

    /** The revision of the event type's current shape, from its {@code @Revision}. */
    static String revision(Class<?> type) {
        Revision revision = type.getAnnotation(Revision.class);
        return revision == null ? "1" : revision.value();
    }
}
