package org.planregistry.query.timeline;

import java.util.List;

import org.bson.Document;

/** Views kept whole in their documents: a plan, whose size is bounded by its elements and lifecycle. */
record WholeDocuments<T>(Class<T> type) implements ViewLayout<T> {

    /**
     * A few documents per look-up: the embedded server answers a look-up in one message however large (a real
     * MongoDB splits it at 16 MB).
     */
    private static final int DECODED_PER_LOOK_UP = 8;

    @Override
    public Document stored(T view) {
        return ViewDocuments.toDocument(view);
    }

    @Override
    public List<T> decoded(List<Document> stored) {
        return stored.stream().map(doc -> ViewDocuments.fromDocument(doc, type)).toList();
    }

    @Override
    public void writeOutside(List<ViewCollection.Change<T>> changes) {
        // nothing is kept outside
    }

    @Override
    public int decodedPerLookUp() {
        return DECODED_PER_LOOK_UP;
    }

    @Override
    public void clear() {
        // nothing is kept outside
    }
}
