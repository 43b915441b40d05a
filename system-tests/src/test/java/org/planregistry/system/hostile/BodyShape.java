package org.planregistry.system.hostile;

import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * The JSON shape of a request record, read from the record itself: each field with its path, kind and whether it is
 * required, and a body of that shape with plausible values, which the hostile requests then break.
 */
record BodyShape(Class<?> type, List<Slot> slots) {

    enum Kind { TEXT, DATE, INTEGER, DECIMAL, ENUM, OBJECT, TEXT_LIST, OBJECT_LIST }

    /** A field: its path from the body's root ({@code ["target", "value"]}), its kind, whether it is required. */
    record Slot(List<String> path, Kind kind, boolean required) {
        String name() {
            return String.join(".", path);
        }
    }

    static BodyShape of(Class<?> record) {
        List<Slot> slots = new ArrayList<>();
        collect(record, List.of(), slots);
        return new BodyShape(record, List.copyOf(slots));
    }

    private static void collect(Class<?> record, List<String> prefix, List<Slot> slots) {
        for (RecordComponent component : record.getRecordComponents()) {
            List<String> path = new ArrayList<>(prefix);
            path.add(component.getName());
            Kind kind = kindOf(component.getType(), component.getGenericType());
            slots.add(new Slot(List.copyOf(path), kind, required(record, component)));
            if (kind == Kind.OBJECT) {
                collect(component.getType(), path, slots);
            }
        }
    }

    private static boolean required(Class<?> record, RecordComponent component) {
        try {
            Field field = record.getDeclaredField(component.getName());
            return field.isAnnotationPresent(NotNull.class) || field.isAnnotationPresent(NotBlank.class);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Kind kindOf(Class<?> type, Type generic) {
        if (type == String.class) {
            return Kind.TEXT;
        }
        if (type == LocalDate.class) {
            return Kind.DATE;
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return Kind.INTEGER;
        }
        if (type == BigDecimal.class) {
            return Kind.DECIMAL;
        }
        if (type.isEnum()) {
            return Kind.ENUM;
        }
        if (type.isRecord()) {
            return Kind.OBJECT;
        }
        if (List.class.isAssignableFrom(type) && generic instanceof ParameterizedType p) {
            Type element = p.getActualTypeArguments()[0];
            return element == String.class ? Kind.TEXT_LIST : Kind.OBJECT_LIST;
        }
        throw new IllegalStateException("the hostile input test does not know how to fill a " + type);
    }

    /** A body of this shape with a plausible value in every field. */
    ObjectNode plausible() {
        return plausible(type);
    }

    private static ObjectNode plausible(Class<?> record) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        for (RecordComponent component : record.getRecordComponents()) {
            body.set(component.getName(), plausible(component));
        }
        return body;
    }

    private static JsonNode plausible(RecordComponent component) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        String name = component.getName();
        Class<?> type = component.getType();
        return switch (kindOf(type, component.getGenericType())) {
            case TEXT -> json.textNode(name.equals("planCode") ? "SZ-FIN-14FYP" : name.toLowerCase().endsWith("code")
                    || name.equals("code") || name.equals("id") ? "X9" : "深圳 " + name);
            case DATE -> json.textNode("2023-06-30");
            case INTEGER -> json.numberNode(name.equals("number") ? 99 : 2023);
            case DECIMAL -> json.textNode("100.5");
            case ENUM -> json.textNode(((Enum<?>) type.getEnumConstants()[0]).name());
            case OBJECT -> plausible(type);
            case TEXT_LIST -> json.arrayNode().add("注");
            case OBJECT_LIST -> {
                ArrayNode list = json.arrayNode();
                Type element = ((ParameterizedType) component.getGenericType()).getActualTypeArguments()[0];
                list.add(plausible((Class<?>) element));
                yield list;
            }
        };
    }
}
