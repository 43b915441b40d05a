package org.planregistry.system.hostile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.planregistry.httpguard.Shown;
import org.planregistry.system.hostile.BodyShape.Kind;
import org.planregistry.system.hostile.BodyShape.Slot;

/**
 * Generates bad commands: each endpoint's plausible body (from its request record, against the Shenzhen plan's real
 * codes) with at least one thing that must be refused, and often some extreme but lawful values besides. Whatever a
 * request carries, the store must not change.
 */
final class HostileCommands {

    static final String PLAN = RegistryUnderTest.PLAN;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOLE = "@@HOSTILE@@";

    private enum Poison { SYNTAX, WRONG_TYPE, MISSING, UNKNOWN_FIELD, DUPLICATE_FIELD, CONTENT_TYPE, TOO_LARGE, PATH,
        HEADER }

    private final List<CommandEndpoint> endpoints;
    private final byte[] planDocument;
    private final long bodyLimit;
    private final long documentLimit;

    HostileCommands(List<CommandEndpoint> endpoints, byte[] planDocument, long bodyLimit, long documentLimit) {
        this.endpoints = endpoints;
        this.planDocument = planDocument;
        this.bodyLimit = bodyLimit;
        this.documentLimit = documentLimit;
    }

    List<CommandEndpoint> endpoints() {
        return endpoints;
    }

    HostileRequest next(Random random) {
        CommandEndpoint endpoint = HostileValues.pick(endpoints, random);
        return endpoint.takesDocument() ? document(endpoint, random) : command(endpoint, random);
    }

    private HostileRequest command(CommandEndpoint endpoint, Random random) {
        BodyShape shape = BodyShape.of(endpoint.body());
        ObjectNode body = shape.plausible();
        if (endpoint.variables().isEmpty()) {
            // adopting a plan: its code is taken, so that nothing but the poison decides the answer
            body.put("code", PLAN);
        }
        Map<String, String> raw = new LinkedHashMap<>();
        List<String> what = new ArrayList<>();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        String path = endpoint.expand(existing(endpoint));
        Poison poison = HostileValues.pick(List.of(Poison.values()), random);
        if (poison == Poison.MISSING && shape.slots().stream().noneMatch(Slot::required)) {
            poison = Poison.WRONG_TYPE;
        }
        if (poison == Poison.PATH && endpoint.variables().isEmpty()) {
            poison = Poison.SYNTAX;
        }
        Slot poisoned = HostileValues.pick(shape.slots(), random);
        if (poison == Poison.MISSING) {
            poisoned = HostileValues.pick(shape.slots().stream().filter(Slot::required).toList(), random);
        }
        // Lawful extremes in other fields: they must not turn the refusal into a failure.
        for (int n = random.nextInt(4); n > 0; n--) {
            Slot slot = HostileValues.pick(shape.slots(), random);
            String value = HostileValues.lawful(slot.kind(), random);
            if (slot != poisoned && value != null && !slot.path().get(0).equals("code")) {
                raw.put(slot.name(), value);
                set(body, slot, new TextNode(HOLE + slot.name()));
                what.add("lawful " + slot.name() + "=" + Shown.value(value, 60));
            }
        }
        switch (poison) {
            case WRONG_TYPE -> {
                String value = HostileValues.refused(poisoned.kind(), random);
                raw.put(poisoned.name(), value);
                set(body, poisoned, new TextNode(HOLE + poisoned.name()));
                what.add("refused " + poisoned.name() + "=" + Shown.value(value, 60));
            }
            case MISSING -> {
                if (random.nextBoolean()) {
                    remove(body, poisoned);
                    what.add("without required " + poisoned.name());
                } else {
                    set(body, poisoned, NullNode.instance);
                    what.add("null required " + poisoned.name());
                }
            }
            case UNKNOWN_FIELD -> {
                String field = HostileValues.pick(List.of("zz", "__proto__", "@class", "constructor", "$where",
                        poisoned.path().get(0).toUpperCase(), " " + poisoned.path().get(0), "planCode", "actor",
                        "globalSequence", "recordedAt"), random);
                if (shape.slots().stream().anyMatch(s -> s.name().equals(field))) {
                    body.put("unknownExtra", 1);
                    what.add("unknown field unknownExtra");
                } else {
                    body.set(field, JSON.getNodeFactory().textNode("x"));
                    what.add("unknown field " + field);
                }
            }
            default -> {
            }
        }
        String json = write(body, raw);
        switch (poison) {
            case SYNTAX -> {
                SyntaxPoison syntax = syntax(json, random);
                json = syntax.body();
                what.add(syntax.what());
            }
            case DUPLICATE_FIELD -> {
                String first = body.fieldNames().next();
                json = "{\"" + first + "\":\"duplicate\"," + json.substring(1);
                what.add("duplicate field " + first);
            }
            case CONTENT_TYPE -> {
                String type = HostileValues.pick(Arrays.asList("text/plain", "application/xml",
                        "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", null,
                        "application/json;charset=UTF-16", "application/json;charset=no-such-charset",
                        "application/json;charset=", "json", "text/json", "application/json, text/plain",
                        "application/*", "*/*", "application/json;charset=UTF-32BE", "application/x-yaml",
                        "application/json; charset=\"\\\"\""), random);
                if (type == null) {
                    headers.remove("Content-Type");
                } else {
                    headers.put("Content-Type", type);
                }
                what.add("Content-Type " + type);
            }
            case PATH -> {
                if (random.nextInt(4) == 0) {
                    path = path + HostilePaths.suffix(random);
                    what.add("path suffix");
                } else {
                    String variable = HostileValues.pick(endpoint.variables(), random);
                    Map<String, String> values = new LinkedHashMap<>(existing(endpoint));
                    values.put(variable, HostilePaths.segment(random));
                    path = endpoint.expand(values);
                    what.add("hostile {" + variable + "}");
                }
            }
            case HEADER -> {
                // If-Match is only read where there is a plan to match (not when adopting one)
                if (random.nextBoolean() && !endpoint.variables().isEmpty()) {
                    String tag = HostileValues.pick(List.of("\"0\"", "\"-1\"", "\"99999999999999999999\"",
                            "W/\"x\"", "*", "\"\"", "garbage", "\"1\", \"2\"", "\"1e3\"", "\"0x10\""), random);
                    headers.put("If-Match", tag);
                    what.add("If-Match " + tag);
                } else {
                    // (the client sends header values as ASCII: a non-ASCII key would arrive as '?')
                    String key = HostileValues.pick(List.of(" ", "x".repeat(201), "k".repeat(5000)), random);
                    headers.put("Idempotency-Key", key);
                    what.add("Idempotency-Key " + Shown.value(key, 40));
                }
            }
            default -> {
            }
        }
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        boolean chunked = random.nextInt(5) == 0;
        if (poison == Poison.TOO_LARGE) {
            int over = 1 + random.nextInt(random.nextInt(10) == 0 ? 4_000_000 : 200_000);
            String big = "\"" + "x".repeat((int) bodyLimit + over) + "\"";
            raw.put("_big", big);
            body.set("reason", new TextNode(HOLE + "_big"));
            bytes = write(body, raw).getBytes(StandardCharsets.UTF_8);
            what.add("body of " + bytes.length + " bytes over the limit of " + bodyLimit);
        }
        if (random.nextInt(5) == 0) {
            headers.put("X-Correlation-Id", HostileValues.pick(List.of("c".repeat(10_000), "é", "../..",
                    "<script>", ""), random));
            what.add("odd X-Correlation-Id");
        }
        if (random.nextInt(8) == 0) {
            String accept = HostileValues.pick(List.of("application/xml", "text/html", "*/*", "image/png",
                    "application/json;q=0", "nonsense"), random);
            headers.put("Accept", accept);
            what.add("Accept " + accept);
        }
        return new HostileRequest(endpoint.path(), "POST", path, headers, bytes, chunked, true, String.join("; ", what));
    }

    private HostileRequest document(CommandEndpoint endpoint, Random random) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/yaml");
        String text = new String(planDocument, StandardCharsets.UTF_8);
        String what;
        byte[] body;
        switch (random.nextInt(9)) {
            case 0 -> {
                String json = asJson();
                int cut = random.nextInt(json.length());
                body = json.substring(0, cut).getBytes(StandardCharsets.UTF_8);
                headers.put("Content-Type", "application/json");
                what = "JSON document cut at " + cut;
            }
            case 1 -> {
                ObjectNode tree = tree();
                List<String> pointers = new ArrayList<>();
                leaves(tree, "", pointers);
                String pointer = HostileValues.pick(pointers, random);
                String value = HostileValues.pick(List.of("{}", "[]", "true", "\"2023-02-30\"", "-1", "1e999999999",
                        "\"\\u0000\"", "\"\\ud800\"", "\"" + "x".repeat(100_000) + "\"", "null",
                        "\"" + "9".repeat(40) + "\"", "\"0." + "1".repeat(20) + "\""), random);
                String parent = pointer.substring(0, pointer.lastIndexOf('/'));
                String field = pointer.substring(pointer.lastIndexOf('/') + 1);
                JsonNode holder = tree.at(parent);
                if (holder instanceof ObjectNode object) {
                    object.put(field, HOLE);
                } else {
                    ((ArrayNode) holder).set(Integer.parseInt(field),
                            new TextNode(HOLE));
                }
                body = write(tree, Map.of("", value)).getBytes(StandardCharsets.UTF_8);
                headers.put("Content-Type", "application/json");
                what = "document with " + pointer + "=" + Shown.value(value, 40);
            }
            case 2 -> {
                ObjectNode tree = tree();
                tree.put(HostileValues.pick(List.of("zz", "@class", "__proto__"), random), "x");
                body = write(tree, Map.of()).getBytes(StandardCharsets.UTF_8);
                headers.put("Content-Type", "application/json");
                what = "document with an unknown field";
            }
            case 3 -> {
                StringBuilder bomb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
                for (char c = 'b'; c <= 'j'; c++) {
                    char p = (char) (c - 1);
                    bomb.append(c).append(": &").append(c).append(" [*").append(p).append(",*").append(p)
                            .append(",*").append(p).append(",*").append(p).append(",*").append(p).append("]\n");
                }
                body = bomb.toString().getBytes(StandardCharsets.UTF_8);
                what = "YAML alias bomb";
            }
            case 4 -> {
                body = ("x: " + "[".repeat(5_000 + random.nextInt(50_000))).getBytes(StandardCharsets.UTF_8);
                what = "deeply nested YAML";
            }
            case 5 -> {
                body = HostileValues.pick(List.of(new byte[]{(byte) 0xff, (byte) 0xfe, 0, 'a'},
                        new byte[]{'a', ':', ' ', (byte) 0xc3, (byte) 0x28}, new byte[]{(byte) 0xc0, (byte) 0xaf},
                        new byte[0], "   \n".getBytes(StandardCharsets.UTF_8),
                        "!!javax.script.ScriptEngineManager {}".getBytes(StandardCharsets.UTF_8),
                        "formatVersion: !!python/object/apply:os.system [\"id\"]\n".getBytes(StandardCharsets.UTF_8),
                        "%YAML 9.9\n---\na: 1".getBytes(StandardCharsets.UTF_8),
                        (text + "\nplan: {code: X}\n").getBytes(StandardCharsets.UTF_8),
                        "\t- tab".getBytes(StandardCharsets.UTF_8)), random);
                if (random.nextBoolean()) {
                    headers.put("Content-Type", "application/json");
                }
                what = "broken document bytes";
            }
            case 6 -> {
                String type = HostileValues.pick(Arrays.asList("application/xml", "application/octet-stream",
                        "multipart/form-data; boundary=x", null, "application/x-www-form-urlencoded", "image/png",
                        "application/yaml;charset=no-such-charset"), random);
                if (type == null) {
                    headers.remove("Content-Type");
                } else {
                    headers.put("Content-Type", type);
                }
                body = planDocument;
                what = "document as " + type;
            }
            case 7 -> {
                int over = 1 + random.nextInt(random.nextInt(10) == 0 ? 4_000_000 : 200_000);
                body = (text + "\n# " + "x".repeat((int) (documentLimit - planDocument.length) + over) + "\n")
                        .getBytes(StandardCharsets.UTF_8);
                what = "document of " + body.length + " bytes over the limit of " + documentLimit;
            }
            default -> {
                body = ("formatVersion: 1\nplan: " + HostileValues.pick(List.of("[]", "\"x\"", "{code: ../x}",
                        "{code: \"" + "\\u0000" + "\"}", "{code: SZ-FIN-14FYP, period: {from: -2147483648, to: "
                                + "2147483647}}"), random) + "\n").getBytes(StandardCharsets.UTF_8);
                what = "skeleton document";
            }
        }
        return new HostileRequest(endpoint.path(), "POST", endpoint.path(), headers, body, random.nextInt(5) == 0, true, what);
    }

    private ObjectNode tree() {
        try {
            return (ObjectNode) new YAMLMapper().readTree(planDocument);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String asJson() {
        return write(tree(), Map.of());
    }

    private static void leaves(JsonNode node, String pointer, List<String> out) {
        if (node.isContainerNode()) {
            if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    var e = it.next();
                    leaves(e.getValue(), pointer + "/" + e.getKey(), out);
                }
            } else {
                for (int i = 0; i < node.size(); i++) {
                    leaves(node.get(i), pointer + "/" + i, out);
                }
            }
        } else if (!pointer.isEmpty()) {
            out.add(pointer);
        }
    }

    /** The code of an element that exists in the Shenzhen plan (or was recorded on it by the test) per variable. */
    private static Map<String, String> existing(CommandEndpoint endpoint) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("plan", PLAN);
        values.put("evaluation", "2023-annual");
        values.put("finding", "2023-annual-F1");
        String path = endpoint.path();
        values.put("code", path.contains("/chapters/") ? "CH1" : path.contains("/goals/") ? "G1"
                : path.contains("/tasks/") ? "T1.1" : "I01");
        return values;
    }

    private record SyntaxPoison(String body, String what) {
    }

    private static SyntaxPoison syntax(String json, Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> {
                int cut = random.nextInt(json.length());
                yield new SyntaxPoison(json.substring(0, cut), "cut at " + cut + " of " + json.length());
            }
            case 1 -> new SyntaxPoison(json + HostileValues.pick(List.of("x", "{}", "}", ",", "[]", "null",
                    json), random), "trailing content");
            case 2 -> new SyntaxPoison(HostileValues.pick(List.of("[]", "\"x\"", "null", "42", "true", "[" + json
                    + "]", "\"" + json.replace("\"", "\\\"") + "\""), random), "not an object");
            case 3 -> new SyntaxPoison("[".repeat(2_000 + random.nextInt(100_000)), "deeply nested");
            case 4 -> new SyntaxPoison(json.replaceFirst(":", ": NaN, \"x\":"), "NaN literal");
            case 5 -> new SyntaxPoison(json.replaceFirst("\"", "'"), "single quote");
            case 6 -> new SyntaxPoison(json.replaceFirst("\\{", "{/* comment */"), "comment");
            default -> new SyntaxPoison(json.replaceFirst("\\{", "{\"" + "k".repeat(60_000) + "\": 1,"),
                    "huge field name");
        };
    }

    private static void set(ObjectNode body, Slot slot, JsonNode value) {
        ObjectNode parent = parent(body, slot);
        if (parent != null) {
            parent.set(slot.path().get(slot.path().size() - 1), value);
        }
    }

    private static void remove(ObjectNode body, Slot slot) {
        ObjectNode parent = parent(body, slot);
        if (parent != null) {
            parent.remove(slot.path().get(slot.path().size() - 1));
        }
    }

    private static ObjectNode parent(ObjectNode body, Slot slot) {
        JsonNode node = body;
        for (String step : slot.path().subList(0, slot.path().size() - 1)) {
            node = node.get(step);
        }
        return node instanceof ObjectNode object ? object : null;
    }

    /** The body as JSON with each hole replaced by its raw text. */
    private static String write(JsonNode body, Map<String, String> raw) {
        try {
            String json = JSON.writeValueAsString(body);
            if (raw.containsKey("")) {
                return json.replace("\"" + HOLE + "\"", raw.get(""));
            }
            for (Map.Entry<String, String> hole : raw.entrySet()) {
                json = json.replace("\"" + HOLE + hole.getKey() + "\"", hole.getValue());
            }
            return json;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
