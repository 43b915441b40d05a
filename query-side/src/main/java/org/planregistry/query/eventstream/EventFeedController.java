package org.planregistry.query.eventstream;

import java.io.ByteArrayOutputStream;
import java.util.LinkedHashSet;
import java.util.Set;

import org.planregistry.query.access.Audience;
import org.planregistry.query.http.QueryParameters;
import org.planregistry.query.http.QueryProblem;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code GET /api/events}: the outward stream as pages of CloudEvents ({@code application/cloudevents-batch+json}),
 * in global-sequence order, resumable from any position. The answer's headers say where to continue
 * ({@code Link: <…>; rel="next"}, {@code Stream-Position}), whether the reader has caught up
 * ({@code Stream-At-Head}) and, when the page stopped before a commit in flight, which position it waits for
 * ({@code Stream-Waiting-For}).
 */
@RestController
class EventFeedController {

    static final MediaType BATCH = MediaType.parseMediaType("application/cloudevents-batch+json");
    static final int DEFAULT_LIMIT = 500;
    static final int MAX_LIMIT = 5000;
    /** Far beyond any store, and far enough below the largest long that a page's positions cannot overflow. */
    static final long LAST_POSITION = Long.MAX_VALUE / 2;

    private final EventFeed feed;
    private final PublishedEvaluations published;

    EventFeedController(EventFeed feed, PublishedEvaluations published) {
        this.feed = feed;
        this.published = published;
    }

    @GetMapping("/api/events")
    ResponseEntity<byte[]> page(@RequestParam(required = false) String after,
                                @RequestParam(required = false) String limit,
                                @RequestParam(required = false) String plan,
                                @RequestParam(required = false) String type, Audience audience) {
        FeedQuery query = query(QueryParameters.sequence("after", after, 0),
                QueryParameters.limit("limit", limit, DEFAULT_LIMIT, MAX_LIMIT), plan, type);
        FeedPage page = published.visibleTo(feed.read(query), audience);
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(BATCH);
        headers.add(HttpHeaders.LINK, "<" + ServletUriComponentsBuilder.fromCurrentRequest()
                .replaceQueryParam("after", page.position()).build().toUriString() + ">; rel=\"next\"");
        headers.add("Stream-Position", Long.toString(page.position()));
        headers.add("Stream-At-Head", Boolean.toString(page.atHead()));
        page.waitingFor().ifPresent(position -> headers.add("Stream-Waiting-For", Long.toString(position)));
        return ResponseEntity.ok().headers(headers).body(batch(page, audience));
    }

    /** Reads the filters shared by the feed and the SSE stream; unknown types are refused, naming the known ones. */
    static FeedQuery query(long after, int limit, String plan, String type) {
        if (after > LAST_POSITION) {
            throw QueryProblem.badParameter("after", Long.toString(after), "is beyond any position of the stream");
        }
        Set<String> types = new LinkedHashSet<>();
        if (type != null && !type.isBlank()) {
            for (String name : type.split(",")) {
                String trimmed = name.trim();
                if (!EventTypes.isKnown(trimmed)) {
                    throw QueryProblem.badParameter("type", type,
                            "unknown event type '" + trimmed + "'; known types: " + EventTypes.known());
                }
                types.add(trimmed);
            }
        }
        return new FeedQuery(after, limit, plan == null || plan.isBlank() ? null : plan.trim(), Set.copyOf(types));
    }

    private static byte[] batch(FeedPage page, Audience audience) {
        int size = 2 + page.events().stream().mapToInt(event -> event.length(audience) + 1).sum();
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        out.write('[');
        for (int i = 0; i < page.events().size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(page.events().get(i).json(audience));
        }
        out.write(']');
        return out.toByteArray();
    }
}
