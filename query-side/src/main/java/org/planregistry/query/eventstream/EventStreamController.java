package org.planregistry.query.eventstream;

import java.time.Duration;

import org.planregistry.query.access.Audience;
import org.planregistry.query.http.QueryParameters;
import org.planregistry.query.http.QueryProblem;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /api/events/stream}: the outward stream as Server-Sent Events, with the feed's filters. Each event's
 * {@code id} is its global sequence, so a client that reconnects with {@code Last-Event-ID} (or {@code ?after=})
 * receives exactly what follows: nothing lost, nothing repeated.
 */
@RestController
class EventStreamController {

    private final EventFollowers followers;

    EventStreamController(EventFollowers followers) {
        this.followers = followers;
    }

    @GetMapping(value = "/api/events/stream", produces = "text/event-stream")
    SseEmitter follow(@RequestHeader(value = "Last-Event-ID", required = false) String lastEventId,
                      @RequestParam(required = false) String after,
                      @RequestParam(required = false) String plan,
                      @RequestParam(required = false) String type, Audience audience) {
        // A reconnecting EventSource repeats the original URL: its Last-Event-ID is the newer position.
        long position = lastEventId != null && !lastEventId.isBlank()
                ? QueryParameters.sequence("Last-Event-ID", lastEventId, 0)
                : QueryParameters.sequence("after", after, 0);
        FeedQuery query = EventFeedController.query(position, 1, plan, type);
        SseEmitter emitter = new SseEmitter(0L); // no time limit: heartbeats keep the connection, the client ends it
        // Resolved here, on the request's thread: the follower's own thread writes for this audience.
        if (!followers.follow(query, audience, emitter)) {
            throw QueryProblem.notReady("The event stream serves as many followers as it may; try again later",
                    Duration.ofSeconds(5));
        }
        return emitter;
    }
}
