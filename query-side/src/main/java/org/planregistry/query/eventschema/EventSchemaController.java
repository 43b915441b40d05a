package org.planregistry.query.eventschema;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.planregistry.eventstore.schema.EventSchemas;
import org.planregistry.eventstore.schema.EventSchemas.Entry;
import org.planregistry.query.http.QueryProblem;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The JSON Schema of every plan event type at every revision the store may hold, public like the rest of reading:
 * {@code GET /api/schemas/{Type}.v{revision}.json} (e.g. {@code IndicatorTargetRevised.v2.json}) as
 * {@code application/schema+json}, and {@code GET /api/schemas} listing them. Earlier revisions stay served, since
 * stored events of those revisions stay in the store. A schema's {@code $id} is its URL below
 * {@code registry.public-url}.
 */
@RestController
class EventSchemaController {

    static final MediaType SCHEMA_JSON = MediaType.parseMediaType("application/schema+json");
    private static final Pattern FILE = Pattern.compile("([A-Za-z]+)\\.v([0-9]+)\\.json");

    private final String publicUrl;

    EventSchemaController(@Value("${registry.public-url:http://localhost:${server.port:8080}}") String publicUrl) {
        this.publicUrl = publicUrl;
    }

    /** One schema in the list. */
    record Listed(String type, String revision, boolean current, String url) {
    }

    /** Every schema, by type then revision. */
    record Listing(List<Listed> schemas) {
    }

    @GetMapping("/api/schemas")
    Listing list() {
        return new Listing(EventSchemas.all().stream()
                .map(e -> new Listed(e.type(), e.revision(), e.current(), e.url(publicUrl))).toList());
    }

    @GetMapping("/api/schemas/{file}")
    ResponseEntity<JsonNode> schema(@PathVariable String file) {
        Matcher name = FILE.matcher(file);
        Optional<Entry> found = name.matches() ? EventSchemas.find(name.group(1), name.group(2)) : Optional.empty();
        Entry entry = found.orElseThrow(() -> QueryProblem.notFound("schema", "no event schema " + file
                        + "; GET /api/schemas lists them, named <Type>.v<revision>.json"));
        // A revision's schema never changes: a new shape is a new revision.
        return ResponseEntity.ok().contentType(SCHEMA_JSON).cacheControl(CacheControl.maxAge(1, TimeUnit.DAYS)
                .cachePublic()).body(EventSchemas.schema(entry, publicUrl));
    }
}
