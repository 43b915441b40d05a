package org.planregistry.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.RequestEntity;
import org.springframework.http.ResponseEntity;

/**
 * The web page is served to anyone with its scripts and the chart library, and a sign-in it must ask for is left to
 * the page rather than to the browser's own box.
 */
class WebPageTest extends QuerySideTestSupport {

    private ResponseEntity<String> anonymous(String path) {
        return http.getForEntity(path, String.class);
    }

    @Test
    void thePageItsScriptsAndTheChartLibraryAreServedWithoutSignIn() {
        ResponseEntity<String> page = anonymous("/");
        ResponseEntity<String> script = anonymous("/js/page.js");
        ResponseEntity<String> chart = anonymous("/webjars/chart.js/4.4.7/dist/chart.umd.js");
        ResponseEntity<String> report = anonymous("/report.html");

        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
        assertThat(page.getBody()).contains("规划登记簿").contains("webjars/chart.js/4.4.7/dist/chart.umd.js");
        assertThat(script.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(script.getBody()).contains("change-dates");
        assertThat(chart.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(chart.getBody()).contains("Chart");
        assertThat(report.getBody()).contains("js/report.js");
    }

    @Test
    void aRefusalOfThePagesOwnRequestDoesNotAskTheBrowserForASignIn() {
        ResponseEntity<String> fromPage = http.exchange(RequestEntity.get(URI.create("/actuator/metrics"))
                .header("X-Requested-With", "XMLHttpRequest").accept(MediaType.APPLICATION_JSON).build(),
                String.class);
        ResponseEntity<String> fromClient = anonymous("/actuator/metrics");

        assertThat(fromPage.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(fromPage.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .isTrue();
        assertThat(fromPage.getHeaders().containsKey(HttpHeaders.WWW_AUTHENTICATE)).isFalse();
        assertThat(fromClient.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(fromClient.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");
    }
}
