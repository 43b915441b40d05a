package org.planregistry.httpguard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BodyLimitsTest {

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json;charset=UTF-8", "application/json; charset=utf-8",
            "application/yaml", "text/plain"})
    void aConcreteTypeInUtf8IsRead(String type) {
        assertThat(BodyLimits.problemWithType(type)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"*/*", "application/*", "json", "application/json, text/plain",
            "application/json;charset=ISO-8859-1", "application/json;charset=UTF-16", "application/json;charset=nope",
            "application/json;charset="})
    void aWildcardAMalformedTypeOrAnotherCharsetIsRefused(String type) {
        assertThat(BodyLimits.problemWithType(type)).isNotNull();
    }
}
