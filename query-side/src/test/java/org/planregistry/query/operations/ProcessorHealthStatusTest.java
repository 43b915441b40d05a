package org.planregistry.query.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;

/** The status the processors give the query side: DOWN on an error, OUT_OF_SERVICE past the lag limit. */
class ProcessorHealthStatusTest {

    private static ProcessorLag.State state(boolean error, Long lag) {
        return new ProcessorLag.State("view", !error, error, error ? "boom" : null, 1, false,
                lag == null ? OptionalLong.empty() : OptionalLong.of(100 - lag),
                lag == null ? OptionalLong.empty() : OptionalLong.of(lag));
    }

    @Test
    void upWhileEveryProcessorIsWithinTheLimit() {
        assertThat(ProcessorHealth.status(List.of(state(false, 0L), state(false, 10L)), 10)).isEqualTo(Status.UP);
        assertThat(ProcessorHealth.status(List.of(state(false, null)), 10)).as("held elsewhere").isEqualTo(Status.UP);
    }

    @Test
    void outOfServicePastTheLimit() {
        assertThat(ProcessorHealth.status(List.of(state(false, 0L), state(false, 11L)), 10))
                .isEqualTo(Status.OUT_OF_SERVICE);
    }

    @Test
    void downWhenAProcessorIsInErrorWhateverItsLag() {
        assertThat(ProcessorHealth.status(List.of(state(false, 11L), state(true, 0L)), 10)).isEqualTo(Status.DOWN);
    }
}
