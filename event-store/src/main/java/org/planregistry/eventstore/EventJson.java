package org.planregistry.eventstore;

import java.io.IOException;
import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON shape of events, in the store and on the wire. Decimals are written as strings ("4189.6") so no
 * consumer ever reads a plan figure through a binary float; dates are ISO-8601 strings.
 */
public final class EventJson {

    private EventJson() {
    }

    /** Mapper for event payloads and metadata: stable, independent of any web-layer customisation. */
    public static ObjectMapper mapper() {
        return configure(JsonMapper.builder().build());
    }

    /**
     * Mapper for aggregate snapshots: reads and writes fields directly, because aggregate state is not a public
     * contract and has no accessors.
     */
    public static ObjectMapper snapshotMapper() {
        ObjectMapper mapper = configure(JsonMapper.builder().build());
        mapper.setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE);
        mapper.setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
        mapper.setVisibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY);
        return mapper;
    }

    /** Applies the event conventions to a mapper, also the one the web layer uses. */
    public static ObjectMapper configure(ObjectMapper mapper) {
        mapper.registerModule(new JavaTimeModule());
        mapper.registerModule(exactDecimals());
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        mapper.setSerializationInclusion(JsonInclude.Include.ALWAYS);
        return mapper;
    }

    /** Writes every decimal as a plain string, "4189.6", so no reader takes a plan figure through a float. */
    public static Module exactDecimals() {
        return new SimpleModule("exact-decimals").addSerializer(BigDecimal.class, new PlainDecimal());
    }

    /** Writes a decimal as its plain string form: 1.1E+3 would be correct but unreadable for a plan figure. */
    private static final class PlainDecimal extends JsonSerializer<BigDecimal> {
        @Override
        public void serialize(BigDecimal value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(value.toPlainString());
        }
    }
}
