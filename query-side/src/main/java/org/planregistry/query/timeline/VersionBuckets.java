package org.planregistry.query.timeline;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import org.bson.Document;

/**
 * Element documents whose versions are kept in buckets of at most {@code perBucket} versions each, in the
 * {@code plan_element_versions} collection: an element's document holds its adoption, findings, {@code lastSequence}
 * and the number of its versions, so neither it nor a bucket grows with the element's history, and a batch of events
 * writes only the versions it adds.
 *
 * <p>The element's versions are numbered in the order they were added (by global sequence, then by the attribute's
 * place in the element); version {@code i} is field {@code v<i>} of bucket {@code <key>#<i / perBucket>}. The number
 * depends only on the events before it, so every writer — a retry, a late instance after a failover — writes the
 * same version under the same number: a bucket is changed by {@code $set} of its new fields, idempotently, and a
 * version is never stored twice. A version counts once the element document's count includes it: a bucket written
 * by a batch whose element document was not (a failure between the two, a stale writer refused) holds only
 * versions that are not read, and that the same number will hold again.
 */
final class VersionBuckets implements ViewLayout<ElementDocument> {

    static final String COUNT = "versions";
    private static final String ATTRIBUTE = "attribute";
    private static final String ELEMENT = "element";
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);
    /** Element documents are small now; buckets are read in look-ups of at most this many too. */
    private static final int PER_LOOK_UP = 64;

    private final MongoCollection<Document> buckets;
    private final int perBucket;

    VersionBuckets(MongoCollection<Document> buckets, int perBucket) {
        if (perBucket < 1) {
            throw new IllegalArgumentException("A bucket holds at least one version, not " + perBucket);
        }
        this.buckets = buckets;
        this.perBucket = perBucket;
    }

    @Override
    public Document stored(ElementDocument element) {
        Document doc = ViewDocuments.toDocument(new ElementDocument(element.key(), element.plan(), element.kind(),
                element.code(), element.adopted(), Map.of(), element.findings(), element.lastSequence()));
        doc.remove("attributes");
        doc.append(COUNT, count(element));
        return doc;
    }

    @Override
    public List<ElementDocument> decoded(List<Document> stored) {
        List<String> ids = new ArrayList<>();
        for (Document doc : stored) {
            String key = doc.getString("_id");
            for (int bucket = 0; bucket * perBucket < count(doc); bucket++) {
                ids.add(bucketId(key, bucket));
            }
        }
        Map<String, Document> found = new HashMap<>(ids.size() * 2);
        for (int from = 0; from < ids.size(); from += PER_LOOK_UP) {
            buckets.find(in("_id", ids.subList(from, Math.min(ids.size(), from + PER_LOOK_UP))))
                    .forEach(bucket -> found.put(bucket.getString("_id"), bucket));
        }
        List<ElementDocument> elements = new ArrayList<>(stored.size());
        for (Document doc : stored) {
            elements.add(element(doc, found));
        }
        return elements;
    }

    @Override
    public void writeOutside(List<ViewCollection.Change<ElementDocument>> changes) {
        List<UpdateOneModel<Document>> writes = new ArrayList<>();
        for (ViewCollection.Change<ElementDocument> change : changes) {
            String key = change.after().key();
            int number = change.before() == null ? 0 : count(change.before());
            Map<Integer, Document> fields = new TreeMap<>();
            for (Added added : added(change.before(), change.after())) {
                Document version = ViewDocuments.toDocument(added.version()).append(ATTRIBUTE, added.attribute());
                fields.computeIfAbsent(number / perBucket, bucket -> new Document()).append("v" + number, version);
                number++;
            }
            fields.forEach((bucket, set) -> writes.add(new UpdateOneModel<>(eq("_id", bucketId(key, bucket)),
                    new Document("$set", set).append("$setOnInsert", new Document(ELEMENT, key)), UPSERT)));
        }
        if (!writes.isEmpty()) {
            buckets.bulkWrite(writes, UNORDERED);
        }
    }

    @Override
    public int decodedPerLookUp() {
        return PER_LOOK_UP;
    }

    @Override
    public void clear() {
        buckets.drop();
    }

    private record Added(String attribute, int place, Version version) {
    }

    /**
     * The versions {@code after} holds that {@code before} does not, in the order they are numbered. Versions are
     * only added, each by an event after the one {@code before} had applied last.
     */
    private static List<Added> added(ElementDocument before, ElementDocument after) {
        long known = before == null ? Long.MIN_VALUE : before.lastSequence();
        List<Added> added = new ArrayList<>();
        int place = 0;
        for (Map.Entry<String, List<Version>> attribute : after.attributes().entrySet()) {
            if (before == null || before.versions(attribute.getKey()).size() != attribute.getValue().size()) {
                for (Version version : attribute.getValue()) {
                    if (version.globalSequence() > known) {
                        added.add(new Added(attribute.getKey(), place, version));
                    }
                }
            }
            place++;
        }
        added.sort(Comparator.comparingLong((Added a) -> a.version().globalSequence()).thenComparingInt(Added::place));
        return added;
    }

    /** The element a stored document and its buckets hold: its versions grouped by attribute, as they were added. */
    private ElementDocument element(Document doc, Map<String, Document> found) {
        String key = doc.getString("_id");
        int count = count(doc);
        Map<String, List<Version>> attributes = new LinkedHashMap<>();
        for (int number = 0; number < count; number++) {
            Document bucket = found.get(bucketId(key, number / perBucket));
            Document version = bucket == null ? null : bucket.get("v" + number, Document.class);
            if (version == null) {
                throw new IllegalStateException("Element " + key + " counts " + count + " versions but version "
                        + number + " is not stored: rebuild the views");
            }
            Document fields = new Document(version);
            String attribute = (String) fields.remove(ATTRIBUTE);
            attributes.computeIfAbsent(attribute, a -> new ArrayList<>())
                    .add(ViewDocuments.fromDocument(fields, Version.class));
        }
        Document head = new Document(doc);
        head.remove(COUNT);
        ElementDocument element = ViewDocuments.fromDocument(head, ElementDocument.class);
        return new ElementDocument(element.key(), element.plan(), element.kind(), element.code(), element.adopted(),
                attributes, element.findings(), element.lastSequence());
    }

    private static int count(ElementDocument element) {
        return element.attributes().values().stream().mapToInt(List::size).sum();
    }

    private static int count(Document doc) {
        Number count = doc.get(COUNT, Number.class);
        if (count == null) {
            throw new IllegalStateException("Element " + doc.get("_id") + " is stored in the layout before version "
                    + "buckets: rebuild the views (POST /api/admin/views/rebuild)");
        }
        return count.intValue();
    }

    private static String bucketId(String key, int bucket) {
        return key + "#" + bucket;
    }
}
