package org.planregistry.query.timeline;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;

/**
 * The "continued by" links of indicators, one document per predecessor indicator ({@code _id} = its element key,
 * {@code links} = the versions of {@link Attribute#CONTINUED_BY}), kept apart from the predecessor's own document.
 *
 * <p>The link is made by an event of the successor plan. The views' segments split the events by plan, so that event
 * may be handled by another segment, even another query-side instance, than the predecessor's events, which replace
 * the predecessor's document whole: a link written into that document could be overwritten, or skipped as already
 * seen. Here each link is added with {@code $addToSet}, which commutes with every other write and is idempotent, and
 * reading a plan's timeline adds the links to its indicators.
 */
final class Continuations {

    static final String COLLECTION = "indicator_continuations";
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final MongoCollection<Document> links;

    Continuations(MongoDatabase registryDatabase) {
        this.links = registryDatabase.getCollection(COLLECTION);
    }

    /** Adds the versions in {@code byPredecessor} (element key → links), each unless it is there already. */
    void add(Map<String, List<Version>> byPredecessor) {
        byPredecessor.forEach((predecessor, versions) -> versions.forEach(version -> links.updateOne(
                eq("_id", predecessor), Updates.addToSet("links", ViewDocuments.toDocument(version)), UPSERT)));
    }

    /** {@code elements} with the links of the indicators among them added (one key look-up). */
    Map<String, ElementDocument> addedTo(Map<String, ElementDocument> elements) {
        List<String> indicators = elements.values().stream().filter(e -> e.kind() == ElementKind.INDICATOR)
                .map(ElementDocument::key).toList();
        if (indicators.isEmpty()) {
            return elements;
        }
        Map<String, ElementDocument> linked = null;
        for (Document doc : links.find(in("_id", indicators))) {
            linked = linked == null ? new LinkedHashMap<>(elements) : linked;
            String key = doc.getString("_id");
            ElementDocument element = linked.get(key);
            for (Document link : doc.getList("links", Document.class)) {
                element = element.withVersion(Attribute.CONTINUED_BY, ViewDocuments.fromDocument(link, Version.class));
            }
            linked.put(key, element);
        }
        return linked == null ? elements : linked;
    }

    void clear() {
        links.deleteMany(new Document());
    }
}
