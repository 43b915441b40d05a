package org.planregistry.command.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How strictly the command API reads JSON: a registry of record takes what the client meant or nothing. Besides
 * unknown fields (refused by the web layer's conventions, event-store's {@code WebJson}), it refuses content after
 * the body's object, a field given twice, an enum given by its position, a fraction where a whole number belongs
 * (2023.9 is not a year), and text with control characters or broken UTF-16, which no plan text contains and which
 * could not be stored and hashed faithfully; numbers given as text in digits other than ASCII. A date is exactly {@code YYYY-MM-DD}: Jackson's own reading also takes
 * a number of days since 1970, an array, an instant, and trims what surrounds the date (NUL included). Each refusal
 * is a 400 naming the field (ProblemAdvice).
 */
@Configuration
class RequestJson {

    @Bean
    Jackson2ObjectMapperBuilderCustomizer strictRequests() {
        return builder -> builder
                .featuresToEnable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                        DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
                        JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .featuresToDisable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                // by type, not as a module: these are registered after every module, so they replace Jackson's own
                .deserializerByType(String.class, new PlainText())
                .deserializerByType(LocalDate.class, new IsoDate())
                .deserializerByType(Integer.class, new AsciiDigits<>(Integer.class,
                        new NumberDeserializers.IntegerDeserializer(Integer.class, null)))
                .deserializerByType(BigDecimal.class, new AsciiDigits<>(BigDecimal.class,
                        NumberDeserializers.BigDecimalDeserializer.instance));
    }

    /**
     * A number given as text ("7000", the documented form of a figure) in ASCII digits only: Java's parsers also
     * take other scripts' digits, so "７０００" would be recorded as 7000 rather than refused.
     */
    static final class AsciiDigits<T> extends StdScalarDeserializer<T> {

        private static final Pattern NUMBER = Pattern.compile("\\s*-?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?\\s*");

        private final JsonDeserializer<T> jackson;

        AsciiDigits(Class<T> type, JsonDeserializer<T> jackson) {
            super(type);
            this.jackson = jackson;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext context) throws IOException {
            if (p.hasToken(JsonToken.VALUE_STRING) && !NUMBER.matcher(p.getText()).matches()) {
                throw InvalidFormatException.from(p, "not a number", p.getText(), handledType());
            }
            return jackson.deserialize(p, context);
        }
    }

    /** A calendar date written as YYYY-MM-DD and nothing else. */
    static final class IsoDate extends StdScalarDeserializer<LocalDate> {

        private static final Pattern FORM = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

        IsoDate() {
            super(LocalDate.class);
        }

        @Override
        public LocalDate deserialize(JsonParser p, DeserializationContext context) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (LocalDate) context.handleUnexpectedToken(LocalDate.class, p);
            }
            String text = p.getText();
            if (FORM.matcher(text).matches()) {
                try {
                    return LocalDate.parse(text);
                } catch (DateTimeParseException e) {
                    // not a day of the calendar, such as 2023-02-30
                }
            }
            throw InvalidFormatException.from(p, "not a date", text, LocalDate.class);
        }
    }

    /** Text as plan documents have it: any character but controls (tab and line breaks aside) and lone surrogates. */
    static final class PlainText extends StringDeserializer {

        @Override
        public String deserialize(JsonParser p, DeserializationContext context) throws IOException {
            String text = super.deserialize(p, context);
            String problem = text == null ? null : problemWith(text);
            if (problem != null) {
                throw InvalidFormatException.from(p, problem, text, String.class);
            }
            return text;
        }

        static String problemWith(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    return String.format("contains a lone surrogate U+%04X at position %d: not valid Unicode text",
                            (int) c, i);
                } else if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                    return String.format("contains the control character U+%04X at position %d", (int) c, i);
                }
            }
            return null;
        }
    }
}
