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
import java.util.Optional;
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
import org.planregistry.command.plan.PlanRules;
import org.planregistry.command.plan.PlanRules.Element;
import org.planregistry.eventstore.EventJson;
import org.springframework.stereotype.Component;

/**
 * Reads a plan definition document (YAML or JSON) and either returns it as a {@link PlanDefinition} or says
 * everything that is wrong with it, each problem with its field path and, for YAML, its line. The JSON Schema
 * shipped in {@code plans/plan-definition.schema.json} checks shapes; the rules it cannot express (unique codes,
 * years within the period, references between elements) are checked here, the plan's own rules through
 * {@link PlanRules}, the very checks the plan makes on each command.
 */
@Component
public class PlanDocumentReader {

    static final String SCHEMA = "/plans/plan-definition.schema.json";
    private static final int MAX_NUMBER_LENGTH = 40;
    private static final int MAX_EXPONENT = 40;

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
            new DocumentRules(definition, lines, problems).check();
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
                if (token.isNumeric() && outOfRange(parser.getText())) {
                    // Refused before anything reads it as a number: the schema validator expands 1e999999999 into
                    // a billion digits and runs out of memory.
                    throw new InvalidPlanDocument(List.of(new DocumentProblem(
                            parser.getParsingContext().pathAsPointer().toString(),
                            parser.currentLocation().getLineNr(), "a number out of range: at most "
                            + MAX_NUMBER_LENGTH + " characters and an exponent within ±" + MAX_EXPONENT)));
                }
            }
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            throw new InvalidPlanDocument(List.of(new DocumentProblem("/", line > 0 ? line : null,
                    "not a well-formed " + (factory instanceof YAMLFactory ? "YAML" : "JSON") + " document: "
                            + inWords(e))));
        } catch (IOException e) {
            // read from bytes in memory: what fails is the document (a broken UTF-8 byte, say), not the reading
            throw new InvalidPlanDocument(List.of(new DocumentProblem("/", null, "not a well-formed "
                    + (factory instanceof YAMLFactory ? "YAML" : "JSON") + " document: " + inWords(e.getMessage()))));
        }
        try (JsonParser parser = factory.createParser(document)) {
            JsonNode tree = mapper.readTree(parser);
            if (tree == null || !tree.isObject()) {
                throw new InvalidPlanDocument(List.of(new DocumentProblem("/", null,
                        "the document must be a mapping with formatVersion, plan, goals, indicators, …")));
            }
            return tree;
        } catch (JsonParseException e) {
            throw new InvalidPlanDocument(List.of(new DocumentProblem("/", null, inWords(e))));
        } catch (IOException e) {
            throw new InvalidPlanDocument(List.of(new DocumentProblem("/", null, inWords(e.getMessage()))));
        }
    }

    /** A number no plan holds, whose reading as a number costs more than the whole document. */
    static boolean outOfRange(String number) {
        if (number.length() > MAX_NUMBER_LENGTH) {
            return true;
        }
        int e = Math.max(number.indexOf('e'), number.indexOf('E'));
        if (e < 0) {
            return false;
        }
        try {
            return Math.abs(Integer.parseInt(number.substring(e + 1))) > MAX_EXPONENT;
        } catch (NumberFormatException notAnExponent) {
            return true;
        }
    }

    private PlanDefinition bind(JsonNode tree) {
        try {
            return mapper.treeToValue(tree, PlanDefinition.class);
        } catch (JsonProcessingException e) {
            // The schema admitted it, so this is a value the schema cannot judge (an impossible date, say).
            throw new InvalidPlanDocument(List.of(new DocumentProblem("/", null, inWords(e))));
        }
    }

    /**
     * The parser's words without the Java it carries: a broken byte is reported as "java.io.CharConversionException:
     * Invalid UTF-8 start byte", and the client needs the second half only.
     */
    static String inWords(JsonProcessingException e) {
        return inWords(e.getOriginalMessage());
    }

    static String inWords(String message) {
        return String.valueOf(message).replaceAll("(?:[a-z]\\w*\\.)+[A-Z]\\w*(?:\\$\\w+)*:\\s*", "")
                .replaceAll("`[^`]*`", "this value's type");
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

    /**
     * The cross-field checks of a whole document (docs/plan-format.md, §9), each violation a problem with its path.
     * Most are rules of the plan itself ({@link PlanRules}): the same checks the plan makes on each command, so a
     * document is refused for the same reason, in the same words, as the command it would send; they are made here,
     * on the whole document, so that a bad document is refused before anything of it is written and with every
     * problem at once. The others are rules of the document format only, marked as such below.
     */
    private record DocumentRules(PlanDefinition document, Map<String, Integer> lines, List<DocumentProblem> problems) {

        void check() {
            var plan = document.plan();
            var period = plan.period();
            String planCode = plan.code();
            rule("/plan/period", PlanRules.periodInOrder(period));
            rule("/plan/visionYear", PlanRules.visionYearNotBeforeTheEnd(plan.visionYear(), period));
            rule("/plan/adoptedOn", PlanRules.adoptedBeforeThePeriodEnds(plan.adoptedOn(), period));
            Set<String> chapters = new HashSet<>();
            for (int c = 0; c < document.chapters().size(); c++) {
                newCode("/chapters/" + c + "/code", Element.CHAPTER, document.chapters().get(c).code(), planCode,
                        chapters);
            }
            Set<String> goals = new HashSet<>();
            for (int g = 0; g < document.goals().size(); g++) {
                var goal = document.goals().get(g);
                newCode("/goals/" + g + "/code", Element.GOAL, goal.code(), planCode, goals);
                rule("/goals/" + g + "/horizon", PlanRules.goalHorizon(goal.horizon(), period, plan.visionYear()));
            }
            Set<String> indicators = new HashSet<>();
            for (int i = 0; i < document.indicators().size(); i++) {
                var indicator = document.indicators().get(i);
                newCode("/indicators/" + i + "/code", Element.INDICATOR, indicator.code(), planCode, indicators);
                rule("/indicators/" + i + "/target/year",
                        PlanRules.yearWithinThePeriod(period, indicator.target().year()));
                rule("/indicators/" + i + "/baseline/year",
                        PlanRules.baselineNotAfterTarget(indicator.baseline().year(), indicator.target().year()));
            }
            uniqueNumbers();
            Set<String> sections = new HashSet<>();
            Set<String> tasks = new HashSet<>();
            for (int s = 0; s < document.sections().size(); s++) {
                var section = document.sections().get(s);
                newCode("/sections/" + s + "/code", Element.SECTION, section.code(), planCode, sections);
                for (int m = 0; m < section.measures().size(); m++) {
                    String path = "/sections/" + s + "/measures/" + m + "/code";
                    String code = section.measures().get(m).code();
                    nested(path, code, "T" + section.code().substring(1) + ".");
                    newCode(path, Element.TASK, code, planCode, tasks);
                }
            }
            Set<String> columns = new HashSet<>();
            for (int c = 0; c < document.columns().size(); c++) {
                var column = document.columns().get(c);
                newCode("/columns/" + c + "/code", Element.COLUMN, column.code(), planCode, columns);
                rule("/columns/" + c + "/section", PlanRules.knownSection(planCode, column.section(), sections));
                items("/columns/" + c + "/items", column.items(), column.code());
            }
            Set<String> safeguards = new HashSet<>();
            for (int g = 0; g < document.safeguards().size(); g++) {
                var group = document.safeguards().get(g);
                newCode("/safeguards/" + g + "/code", Element.SAFEGUARD, group.code(), planCode, safeguards);
                items("/safeguards/" + g + "/items", group.items(), group.code());
            }
        }

        /** The numbered items of a column or safeguard group: unique codes (a plan rule) that nest (format). */
        private void items(String listPath, List<PlanDefinition.Entry> items, String groupCode) {
            Set<String> earlier = new HashSet<>();
            for (int i = 0; i < items.size(); i++) {
                String path = listPath + "/" + i + "/code";
                String code = items.get(i).code();
                rule(path, PlanRules.newItemCode(code, earlier));
                earlier.add(code);
                nested(path, code, groupCode + ".");
            }
        }

        /** An element's code, taken by an earlier element of the same kind in the document, is refused there. */
        private void newCode(String path, Element kind, String code, String planCode, Set<String> earlier) {
            rule(path, PlanRules.newCode(kind, code, planCode, earlier));
            earlier.add(code);
        }

        /**
         * A rule of the document format only, not of the plan: an indicator's {@code number} is its 序号 in the
         * source document's printed table, which a transcription must keep unique. The plan knows its indicators by
         * code; an indicator adopted later by adjustment has no row in that table, so the plan does not check it.
         */
        private void uniqueNumbers() {
            Set<Integer> seen = new HashSet<>();
            for (int i = 0; i < document.indicators().size(); i++) {
                Integer number = document.indicators().get(i).number();
                if (number != null && !seen.add(number)) {
                    problem("/indicators/" + i + "/number", "number " + number + " is used more than once");
                }
            }
        }

        /**
         * A rule of the document format only, not of the plan: the format numbers a measure {@code T<s>.<n>} after
         * its section {@code S<s>}, and an item {@code C<c>.<n>} or {@code SG<g>.<n>} after its group. Commands
         * may use any codes; the plan ties a task to its section by the section code it names, not by its own code.
         */
        private void nested(String path, String code, String prefix) {
            if (!code.startsWith(prefix)) {
                problem(path, "code " + code + " does not belong here: expected it to start with " + prefix);
            }
        }

        private void rule(String path, Optional<String> refusal) {
            refusal.ifPresent(reason -> problem(path, reason));
        }

        private void problem(String path, String reason) {
            problems.add(new DocumentProblem(path, lineOf(path, lines), reason));
        }
    }
}
