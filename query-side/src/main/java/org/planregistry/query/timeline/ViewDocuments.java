package org.planregistry.query.timeline;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bson.Document;
import org.planregistry.eventstore.EventJson;

/**
 * Converts view records to MongoDB documents and back with the events' own JSON conventions: decimals as exact
 * strings, dates and instants as ISO-8601 strings. One mapping for all views, so a stored view reads the way the
 * events it came from read; only null fields are left out of stored documents.
 */
public final class ViewDocuments {

    private static final ObjectMapper JSON = EventJson.mapper();
    /**
     * Stored views leave null fields out (reading them back gives null again): the store copies, measures and
     * compares a whole document on every write, so every byte saved is saved on every change of the document.
     */
    private static final ObjectMapper STORED = JSON.copy().setSerializationInclusion(JsonInclude.Include.NON_NULL);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private ViewDocuments() {
    }

    /** The mapper used for stored views; independent of any web-layer customisation. */
    public static ObjectMapper json() {
        return JSON;
    }

    public static Document toDocument(Object view) {
        return new Document(STORED.convertValue(view, MAP));
    }

    public static <T> T fromDocument(Document document, Class<T> type) {
        return document == null ? null : JSON.convertValue(document, type);
    }
}
