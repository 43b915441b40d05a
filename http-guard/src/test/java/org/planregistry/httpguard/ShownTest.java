package org.planregistry.httpguard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShownTest {

    @Test
    void invisibleCharactersAndLoneSurrogatesAreEscapedAndPairsKept() {
        assertThat(Shown.value("a\u0000b\u202Ec\uD800d\uD83D\uDE00")).isEqualTo("a\\u0000b\\u202Ec\\uD800d\uD83D\uDE00");
    }

    @Test
    void aLongValueIsShortenedAndSaysHowLongItWas() {
        assertThat(Shown.value("x".repeat(1000))).isEqualTo("x".repeat(60) + "… (1000 characters)");
        assertThat(Shown.value("2023-02-30")).isEqualTo("2023-02-30");
    }
}
