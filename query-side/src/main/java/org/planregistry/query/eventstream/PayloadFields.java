package org.planregistry.query.eventstream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Reads a few top-level fields of a stored event's JSON (its payload or its metadata) without decoding the rest: the
 * envelope needs an element's code, a date and who recorded it, and decoding each payload into its record and its
 * metadata into a map only for those cost nearly half of a feed page.
 */
final class PayloadFields {

    private static final JsonFactory JSON = new JsonFactory();

    private PayloadFields() {
    }

    /**
     * The values of {@code names} as JSON text ({@code "I01"} → {@code I01}, {@code 2023} → {@code 2023}); a field
     * that is absent, null or not a scalar has no entry.
     */
    static Map<String, String> read(byte[] json, Set<String> names) {
        Map<String, String> values = new HashMap<>(names.size() * 2);
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("The event's data is not a JSON object");
            }
            while (values.size() < names.size() && parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value.isScalarValue() && value != JsonToken.VALUE_NULL && names.contains(name)) {
                    values.put(name, parser.getText());
                } else {
                    parser.skipChildren();
                }
            }
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException("The event's data is not readable JSON", e);
        }
    }
}
