package org.planregistry.query.eventstream;

import java.time.Clock;
import java.time.Duration;

import org.axonframework.serialization.Serializer;
import org.planregistry.eventstore.EventPages;
import org.planregistry.eventstore.MongoEventStorageEngine;
import org.planregistry.query.timeline.TimelineStore;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The outward event stream's parts; settings under {@code registry.events} (application.yml). */
@Configuration
class EventStreamConfiguration {

    @Bean
    EventPages eventPages(MongoEventStorageEngine engine, Clock clock,
                          @Value("${registry.eventstore.gap-timeout:60s}") Duration gapTimeout) {
        return new EventPages(engine, gapTimeout, clock);
    }

    @Bean
    PlanCloudEvents planCloudEvents(@Qualifier("eventSerializer") Serializer eventSerializer,
                                    @Value("${registry.public-url}") String publicUrl) {
        return new PlanCloudEvents(eventSerializer, publicUrl);
    }

    @Bean
    EventFeed eventFeed(EventPages pages, PlanCloudEvents cloudEvents,
                        @Value("${registry.events.type-scan-limit:50000}") long typeScanLimit) {
        return new EventFeed(pages, cloudEvents, typeScanLimit);
    }

    @Bean
    PublishedEvaluations publishedEvaluations(TimelineStore plans) {
        return new PublishedEvaluations(plans);
    }

    @Bean
    EventFollowers eventFollowers(EventFeed feed, PublishedEvaluations published,
                                  @Value("${registry.events.stream.poll-interval:100ms}") Duration pollInterval,
                                  @Value("${registry.events.stream.heartbeat:15s}") Duration heartbeat,
                                  @Value("${registry.events.stream.stall-timeout:10s}") Duration stallTimeout,
                                  @Value("${registry.events.stream.max-followers:500}") int maxFollowers,
                                  @Value("${registry.events.stream.recent-events:10000}") int recentEvents) {
        return new EventFollowers(feed, published, new EventFollowers.Settings(pollInterval, heartbeat, stallTimeout,
                maxFollowers, recentEvents));
    }
}
