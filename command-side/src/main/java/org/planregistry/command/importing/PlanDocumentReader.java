package org.planregistry.command.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.planregistry.eventstore.EventJson;
import org.springframework.stereotype.Component;

/**
 * Reads a plan definition document (YAML or JSON) and either returns it as a {@link PlanDefinition} or says
 * everything that is wrong with it, each problem with its field path and, for YAML, its line. The JSON Schema
 * shipped in {@code plans/plan-definition.schema.json} checks shapes; the rules it cannot express (unique codes,
 * years within the period, references between elements) are checked here.
 */
@Component
public class PlanDocumentReader {

    static final String SCHEMA = "/plans/plan-definition.schema.json";

    private final JsonSchema schema;
    private final ObjectMapper mapper = EventJson.mapper();

    public PlanDocumentReader() {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER)
                .formatAssertionsEnabled(true).locale(Locale.ENGLISH).build();
        try (InputStream in = PlanDocumentReader.class.getResourceAsStream(SCHEMA)) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        } catch (IOException e) {
            throw new UncheckedIOException("The plan definition schema is missing from the build", e);
        }
    }

    /** Reads the document; YAML unless {@code json} is set (JSON is valid YAML, but its errors read better). */
    public PlanDefinition read(byte[] document, boolean json) {
        if (document == null || new String(document, StandardCharsets.UTF_8).isBlank()) {
            throw new InvalidPlanDocument(List.of(new DocumentProblem("/", null, "empty document: send a plan "
                    + "definition (YAML or JSON, see docs/plan-format.md) as the request body")));
        }
        JsonFactory factory = json ? new JsonFactory() : new YAMLFactory();
        factory.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        Map<String, Integer> lines = new HashMap<>();
        JsonNode tree = parse(factory, document, lines);
        List<DocumentProblem> problems = new ArrayList<>();
        for (ValidationMessage message : schema.validate(tree)) {
            String path = message.getInstanceLocation().toString();
            if (message.getProperty() != null && ("required".equals(message.getType())
                    || "additionalProperties".equals(message.getType()))) {
                path = path + "/" + message.getProperty();
            }
            problems.add(new DocumentProblem(path.isEmpty() ? "/" : path, lineOf(path, lines),
                    message.getError()));
        }
        if (problems.isEmpty()) {
            PlanDefinition definition = bind(tree);
            new PlanRules(definition, lines, problems).check();
            if (problems.isEmpty()) {
                return definition;
            }
        }
        problems.sort(Comparator.comparing(DocumentProblem::path));
        throw new InvalidPlanDocument(problems);
    }

    private JsonNode parse(JsonFactory factory, byte[] document, Map<String, Integer> lines) {
        // First pass records the line of every value so that later problems can point into the file.
        try (JsonParser parser = factory.createParser(document)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token != JsonToken.FIELD_NAME) {
                    lines.putIfAbsent(parser.getParsingContext().pathAsPointer().toString(),
                            parser.currentLocation().getLineNr());
                }
            }
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            throw new InvalidPlanDocument(List.of(new DocumentProblem("/", line > 0 ? line : null,
                    "not a well-formed " + (factory instanceof YAMLFactory ? "YAML" : "JSON") + " document: "
                            + e.getOriginalMessage())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (JsonParser parser = factory.createParser(document)) {
            JsonNode tree = mapper.readTree(parser);
            if (tree == null || !tree.isObject()) {
                throw new InvalidPlanDocument(List.of(new DocumentProblem("/", null,
                        "the document must be a mapping with formatVersion, plan, goals, indicators, …")));
            }
            return tree;
        } catch (JsonParseException e) {
            throw new InvalidPlanDocument(List.of(new DocumentProblem("/", null, e.getOriginalMessage())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private PlanDefinition bind(JsonNode tree) {
        try {
            return mapper.treeToValue(tree, PlanDefinition.class);
        } catch (JsonProcessingException e) {
            // The schema admitted it, so this is a value the schema cannot judge (an impossible date, say).
            throw new InvalidPlanDocument(List.of(new DocumentProblem("/", null, e.getOriginalMessage())));
        }
    }

    static Integer lineOf(String pointer, Map<String, Integer> lines) {
        String path = pointer;
        while (!path.isEmpty()) {
            Integer line = lines.get(path);
            if (line != null) {
                return line;
            }
            path = path.substring(0, path.lastIndexOf('/'));
        }
        return null;
    }

    /** The cross-field rules of the format (docs/plan-format.md), each violation a problem with its path. */
    private record PlanRules(PlanDefinition plan, Map<String, Integer> lines, List<DocumentProblem> problems) {

        void check() {
            var period = plan.plan().period();
            if (period.from() > period.to()) {
                problem("/plan/period", "the period starts (" + period.from() + ") after it ends (" + period.to()
                        + ")");
            }
            if (plan.plan().visionYear() != null && plan.plan().visionYear() < period.to()) {
                problem("/plan/visionYear", "the vision year is before the end of the period");
            }
            if (!period.contains(plan.plan().adoptedOn()) && plan.plan().adoptedOn().getYear() > period.to()) {
                problem("/plan/adoptedOn", "the plan is adopted after its period has ended");
            }
            unique("/goals", plan.goals().stream().map(PlanDefinition.Goal::code).toList());
            unique("/indicators", plan.indicators().stream().map(PlanDefinition.Indicator::code).toList());
            uniqueNumbers();
            unique("/sections", plan.sections().stream().map(PlanDefinition.Section::code).toList());
            unique("/columns", plan.columns().stream().map(PlanDefinition.Column::code).toList());
            unique("/safeguards", plan.safeguards().stream().map(PlanDefinition.SafeguardGroup::code).toList());
            Set<String> measureCodes = new HashSet<>();
            for (int s = 0; s < plan.sections().size(); s++) {
                var measures = plan.sections().get(s).measures();
                for (int m = 0; m < measures.size(); m++) {
                    nested("/sections/" + s + "/measures/" + m + "/code", measures.get(m).code(),
                            "T" + plan.sections().get(s).code().substring(1) + ".");
                    if (!measureCodes.add(measures.get(m).code())) {
                        problem("/sections/" + s + "/measures/" + m + "/code", "measure code "
                                + measures.get(m).code() + " is used more than once");
                    }
                }
            }
            Set<String> sectionCodes = new HashSet<>(plan.sections().stream()
                    .map(PlanDefinition.Section::code).toList());
            for (int c = 0; c < plan.columns().size(); c++) {
                var column = plan.columns().get(c);
                if (!sectionCodes.contains(column.section())) {
                    problem("/columns/" + c + "/section", "no section " + column.section() + " in this plan");
                }
                unique("/columns/" + c + "/items", column.items().stream().map(PlanDefinition.Entry::code).toList());
                for (int i = 0; i < column.items().size(); i++) {
                    nested("/columns/" + c + "/items/" + i + "/code", column.items().get(i).code(),
                            column.code() + ".");
                }
            }
            for (int g = 0; g < plan.safeguards().size(); g++) {
                var group = plan.safeguards().get(g);
                unique("/safeguards/" + g + "/items", group.items().stream().map(PlanDefinition.Entry::code).toList());
                for (int i = 0; i < group.items().size(); i++) {
                    nested("/safeguards/" + g + "/items/" + i + "/code", group.items().get(i).code(),
                            group.code() + ".");
                }
            }
            for (int g = 0; g < plan.goals().size(); g++) {
                Integer horizon = plan.goals().get(g).horizon();
                if (horizon != null && !period.containsYear(horizon) && !horizon.equals(plan.plan().visionYear())) {
                    problem("/goals/" + g + "/horizon", "horizon " + horizon + " is neither within the period "
                            + period.from() + "–" + period.to() + " nor the vision year");
                }
            }
            for (int i = 0; i < plan.indicators().size(); i++) {
                var indicator = plan.indicators().get(i);
                if (!period.containsYear(indicator.target().year())) {
                    problem("/indicators/" + i + "/target/year", "target year " + indicator.target().year()
                            + " is outside the plan period " + period.from() + "–" + period.to());
                }
                if (indicator.baseline().year() > indicator.target().year()) {
                    problem("/indicators/" + i + "/baseline/year", "baseline year " + indicator.baseline().year()
                            + " is after the target year " + indicator.target().year());
                }
            }
        }

        private void uniqueNumbers() {
            Set<Integer> seen = new HashSet<>();
            for (int i = 0; i < plan.indicators().size(); i++) {
                Integer number = plan.indicators().get(i).number();
                if (number != null && !seen.add(number)) {
                    problem("/indicators/" + i + "/number", "number " + number + " is used more than once");
                }
            }
        }

        private void nested(String path, String code, String prefix) {
            if (!code.startsWith(prefix)) {
                problem(path, "code " + code + " does not belong here: expected it to start with " + prefix);
            }
        }

        private void unique(String listPath, List<String> codes) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < codes.size(); i++) {
                if (!seen.add(codes.get(i))) {
                    problem(listPath + "/" + i + "/code", "code " + codes.get(i) + " is used more than once");
                }
            }
        }

        private void problem(String path, String reason) {
            problems.add(new DocumentProblem(path, lineOf(path, lines), reason));
        }
    }
}
