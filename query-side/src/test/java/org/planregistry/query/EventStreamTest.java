package org.planregistry.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.planregistry.api.Baseline;
import org.planregistry.api.Nature;
import org.planregistry.api.PlanEvent.IndicatorAdoptedEvent;
import org.planregistry.api.PlanEvent.MilestoneSetEvent;
import org.planregistry.api.Qualifier;
import org.planregistry.api.Target;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code GET /api/events/stream}: followers over real HTTP connections receive every event once, in order, resume
 * exactly where they left off, and a client that stops reading cannot hold up the others.
 */
class EventStreamTest extends QuerySideTestSupport {

    @LocalServerPort
    int port;

    @Test
    void aFollowerReceivesEveryEventOnceInOrderAndResumesAfterItsLastEventId() throws Exception {
        String plan = "STREAM-RESUME";
        List<Long> written = new ArrayList<>();
        try (SseClient follower = follow("plan=" + plan, null)) {
            long last = ShenzhenPlan.adopt(registrar, plan);
            for (long sequence = last - 10; sequence <= last; sequence++) {
                written.add(sequence);
            }
            List<SseClient.Received> firstFive = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                firstFive.add(follower.nextEvent(10));
            }
            assertThat(firstFive).extracting(SseClient.Received::sequence).isEqualTo(written.subList(0, 5));
            SseClient.Received adopted = firstFive.get(0);
            assertThat(adopted.event()).isEqualTo("PlanAdopted");
            JsonNode cloudEvent = read(adopted.data());
            assertThat(cloudEvent.get("type").asText()).isEqualTo("org.planregistry.plan.PlanAdopted.v1");
            assertThat(cloudEvent.get("sequence").asLong()).isEqualTo(adopted.sequence());
            assertThat(cloudEvent.get("source").asText()).isEqualTo("/plans/" + plan);
        }
        written.add(milestone(plan, 2022));
        written.add(milestone(plan, 2023));

        try (SseClient resumed = follow("plan=" + plan + "&after=0", Long.toString(written.get(4)))) {
            List<Long> rest = new ArrayList<>();
            for (int i = 5; i < written.size(); i++) {
                rest.add(resumed.nextEvent(10).sequence());
            }
            assertThat(rest).isEqualTo(written.subList(5, written.size()));
            assertThat(resumed.nextEvent(2)).as("nothing after the last event written").isNull();
        }
    }

    @Test
    void anIdleConnectionIsAnsweredAtOnceAndReceivesHeartbeats() throws Exception {
        try (SseClient follower = follow("plan=STREAM-IDLE&type=PlanClosed&after=7", null)) {
            assertThat(follower.nextComment(10).comment()).isEqualTo("following after 7");
            assertThat(follower.nextComment(10).comment()).startsWith("heartbeat");
        }
    }

    @Test
    void fiftyFollowersSeeEveryEventExactlyOnceInOrderThroughDisconnectsWhileEventsAreWritten() throws Exception {
        String plan = "STREAM-FIFTY";
        long start = ShenzhenPlan.adopt(registrar, plan);
        int followers = 50;
        int events = 120;
        ExecutorService pool = Executors.newFixedThreadPool(followers);
        List<Future<List<Long>>> seen = new ArrayList<>();
        for (int i = 0; i < followers; i++) {
            // Every fifth follower drops its connection twice during the burst and resumes with Last-Event-ID.
            boolean reconnects = i % 5 == 0;
            seen.add(pool.submit(() -> followUntil(plan, start, events, reconnects)));
        }
        List<Long> written = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < events; i++) {
            written.add(milestone(plan, 2021 + i % 5));
        }
        for (Future<List<Long>> follower : seen) {
            assertThat(follower.get(120, TimeUnit.SECONDS)).isEqualTo(written);
        }
        pool.shutdownNow();
    }

    @Test
    void aClientThatStopsReadingIsCutOffWithoutHoldingUpTheOthers() throws Exception {
        String plan = "STREAM-STALL";
        long start = ShenzhenPlan.adopt(registrar, plan);
        try (Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new java.net.InetSocketAddress("127.0.0.1", port));
            OutputStream request = stalled.getOutputStream();
            request.write(("GET /api/events/stream?plan=" + plan + "&after=" + start + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Accept: text/event-stream\r\nAuthorization: Basic " + Base64.getEncoder().encodeToString(
                    ("reader:" + READER_PASSWORD).getBytes(StandardCharsets.UTF_8)) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            request.flush();

            List<Long> written = new ArrayList<>();
            try (SseClient reading = follow("plan=" + plan + "&after=" + start, null)) {
                // Large events, so that the stalled client's buffers fill up: about 12 MB in all.
                String note = "注".repeat(20_000);
                for (int i = 0; i < 200; i++) {
                    written.add(registrar.record("2024-02-01T09:30:00Z", new IndicatorAdoptedEvent(plan, "X" + i, 100 + i,
                            "总体指标", null, "测试指标 " + i, "亿元", Nature.EXPECTED, new Baseline(2020, BigDecimal.ONE),
                            new Target(2025, BigDecimal.TEN, Qualifier.ABOUT), List.of(note), LocalDate.of(2024, 1, 1),
                            null, null)));
                }
                List<Long> received = new ArrayList<>();
                for (int i = 0; i < written.size(); i++) {
                    SseClient.Received event = reading.nextEvent(30);
                    assertThat(event).as("event %d of %d for the reading follower", i, written.size()).isNotNull();
                    received.add(event.sequence());
                }
                assertThat(received).isEqualTo(written);
            }

            // The stalled client is cut off: once it reads again, what the server had written ends, and the
            // connection closes rather than staying open with heartbeats.
            stalled.setSoTimeout(20_000);
            InputStream answer = stalled.getInputStream();
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            try {
                for (int n; (n = answer.read(buffer)) >= 0; ) {
                    total += n;
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the stalled client was not cut off; it received " + total + " bytes", e);
            } catch (IOException e) {
                // a reset connection is a cut-off too
            }
            assertThat(total).as("bytes the stalled client received before the cut-off").isLessThan(12_000_000L);
        }
    }

    @Test
    void followersAtOnePositionEachReceiveThePageOfTheirOwnFiltersAndAudience() throws Exception {
        String plan = "STREAM-SHARED";
        long start = ShenzhenPlan.adopt(registrar, plan);
        try (SseClient reader = follow("after=" + start, null);
             SseClient sameAsReader = follow("after=" + start, null);
             SseClient onePlan = follow("plan=" + plan + "&after=" + start, null);
             SseClient anonymous = SseClient.connect("http://127.0.0.1:" + port + "/api/events/stream?after=" + start,
                     null, null, null)) {
            long otherPlan = ShenzhenPlan.adopt(registrar, "STREAM-SHARED-OTHER");
            long mine = milestone(plan, 2022);

            List<SseClient.Received> read = until(reader, mine);
            assertThat(read).extracting(SseClient.Received::sequence)
                    .isEqualTo(LongStream.rangeClosed(start + 1, mine).boxed().toList());
            assertThat(read).allSatisfy(event -> assertThat(read(event.data()).has("actor")).isTrue());
            assertThat(until(sameAsReader, mine)).isEqualTo(read);
            assertThat(until(onePlan, mine)).extracting(SseClient.Received::sequence).containsExactly(mine);
            List<SseClient.Received> seenByThePublic = until(anonymous, mine);
            assertThat(seenByThePublic).extracting(SseClient.Received::sequence)
                    .isEqualTo(read.stream().map(SseClient.Received::sequence).toList());
            assertThat(seenByThePublic).as("the public's stream names nobody")
                    .allSatisfy(event -> assertThat(read(event.data()).has("actor")).isFalse());
            assertThat(otherPlan).isLessThan(mine);
        }
    }

    private static List<SseClient.Received> until(SseClient follower, long last) throws InterruptedException {
        List<SseClient.Received> events = new ArrayList<>();
        while (events.isEmpty() || events.get(events.size() - 1).sequence() < last) {
            SseClient.Received event = follower.nextEvent(20);
            if (event == null) {
                throw new AssertionError("no event within 20 s after " + events.size());
            }
            events.add(event);
        }
        return events;
    }

    private List<Long> followUntil(String plan, long after, int count, boolean reconnects) throws Exception {
        List<Long> seen = new ArrayList<>();
        String lastEventId = null;
        int connections = 0;
        while (seen.size() < count) {
            connections++;
            try (SseClient follower = follow("plan=" + plan + "&after=" + after, lastEventId)) {
                int stopAt = reconnects && connections <= 2 ? seen.size() + count / 3 : count;
                while (seen.size() < Math.min(stopAt, count)) {
                    SseClient.Received event = follower.nextEvent(60);
                    if (event == null) {
                        throw new AssertionError("no event within 60 s after " + seen.size());
                    }
                    seen.add(event.sequence());
                    lastEventId = event.id();
                }
            }
        }
        return seen;
    }

    private long milestone(String plan, int year) {
        return registrar.record("2024-02-01T09:30:00Z", new MilestoneSetEvent(plan, "I01", year, null,
                new BigDecimal("5200"), LocalDate.of(2024, 1, 1), "规划分解机制", null));
    }

    private SseClient follow(String query, String lastEventId) throws IOException {
        return SseClient.connect("http://127.0.0.1:" + port + "/api/events/stream?" + query, "reader",
                READER_PASSWORD, lastEventId);
    }
}
