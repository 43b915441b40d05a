package org.planregistry.query.timeline;

import java.util.List;

import org.bson.Document;

/**
 * How the views of one {@link ViewCollection} are laid out in MongoDB: the document each keeps in the collection
 * under its key, and whatever it keeps elsewhere (an element's versions, in buckets of bounded size).
 */
interface ViewLayout<T> {

    /** The document kept under the view's key; its {@code lastSequence} says which state of the view it holds. */
    Document stored(T view);

    /** The views the stored documents hold, in their order, reading whatever they keep elsewhere. */
    List<T> decoded(List<Document> stored);

    /**
     * Writes what the changed views keep outside their own documents, before those are written: a document's
     * {@code lastSequence} then never announces anything that is not stored yet.
     */
    void writeOutside(List<ViewCollection.Change<T>> changes);

    /** How many stored documents one look-up decodes. */
    int decodedPerLookUp();

    /** Empties what the views keep elsewhere, for a rebuild. */
    void clear();
}
