package org.planregistry.query.timeline;

import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bson.Document;
import org.planregistry.eventstore.EventJson;

/**
 * Converts view records to MongoDB documents and back with the events' own JSON conventions: decimals as exact
 * strings, dates and instants as ISO-8601 strings. One mapping for all views, so a stored view reads the way the
 * events it came from read.
 */
public final class ViewDocuments {

    private static final ObjectMapper JSON = EventJson.mapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private ViewDocuments() {
    }

    /** The mapper used for stored views; independent of any web-layer customisation. */
    public static ObjectMapper json() {
        return JSON;
    }

    public static Document toDocument(Object view) {
        return new Document(JSON.convertValue(view, MAP));
    }

    public static <T> T fromDocument(Document document, Class<T> type) {
        return document == null ? null : JSON.convertValue(document, type);
    }
}
