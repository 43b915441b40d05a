package org.planregistry.eventstore;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.planregistry.eventstore.upcasting.IndicatorTargetRevisedEvent1_to_2Upcaster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.mongo.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.autoconfigure.mongo.MongoProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.annotation.Order;

/**
 * Wires the registry's event store into Axon for both applications: MongoDB event storage with the global
 * sequence, tokens claimed per segment in MongoDB, and Jackson for every serializer. Runs before Axon's own
 * auto-configuration so that Axon's in-memory defaults never come into play.
 */
@AutoConfiguration(before = {AxonAutoConfiguration.class, JacksonAutoConfiguration.class})
public class EventStoreAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EventStoreAutoConfiguration.class);

    /**
     * Removes the snapshotter Axon's Spring Boot auto-configuration declares ({@code aggregateSnapshotter}, a
     * {@code SpringAggregateSnapshotter}, whenever there is an event store and no other snapshotter), from both
     * applications. Neither uses it: the query side has no aggregate, and the command side's plans are snapshotted
     * by their own trigger ({@code PlanSnapshotTrigger}), which writes the plan it has in hand to the event store
     * itself; only a trigger definition of Axon's own would schedule snapshots on a snapshotter. Left in place it
     * would be an unused bean and a second, slower way to write a plan's snapshot (replaying its events on another
     * instance). Axon's configuration still knows how to build a default snapshotter, but only when asked for one
     * ({@code Configuration.snapshotter()}), which nothing here does. Static, so it runs before any bean is made.
     */
    @Bean
    static BeanFactoryPostProcessor noAxonSnapshotter() {
        return beanFactory -> {
            BeanDefinitionRegistry registry = (BeanDefinitionRegistry) beanFactory;
            for (String name : beanFactory.getBeanNamesForType(Snapshotter.class, true, false)) {
                registry.removeBeanDefinition(name);
            }
        };
    }

    /**
     * Bounds every wait on the store, so that a store that is down or frozen makes requests fail within
     * {@code registry.store.timeout} (answered 503 with {@code Retry-After}) instead of hanging: the driver's
     * defaults wait 30 s to find a server, 2 minutes for a pooled connection and for ever for a reply. Finding the
     * server, taking a connection from the pool and waiting for a reply each get the timeout; connecting gets less.
     */
    @Bean
    MongoClientSettingsBuilderCustomizer storeTimeouts(@Value("${registry.store.timeout:5s}") Duration timeout,
                                                       @Value("${registry.store.connect-timeout:2s}")
                                                       Duration connectTimeout) {
        long millis = timeout.toMillis();
        return settings -> settings
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(millis, TimeUnit.MILLISECONDS))
                .applyToConnectionPoolSettings(pool -> pool.maxWaitTime(millis, TimeUnit.MILLISECONDS))
                .applyToSocketSettings(socket -> socket
                        .connectTimeout(Math.toIntExact(connectTimeout.toMillis()), TimeUnit.MILLISECONDS)
                        .readTimeout(Math.toIntExact(millis), TimeUnit.MILLISECONDS));
    }

    @Bean
    MongoDatabase registryDatabase(MongoClient client, MongoProperties properties) {
        return client.getDatabase(properties.getMongoClientDatabase());
    }

    /**
     * The web layer's JSON follows the event conventions (exact decimals as strings, ISO dates) but is strict about
     * unknown fields, so a misspelt field in a request is an error rather than silently ignored. A customizer, not
     * a mapper of our own, so Spring keeps its own additions (such as the problem-detail format).
     */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.http.converter.json.Jackson2ObjectMapperBuilder")
    static class WebJson {

        @Bean
        Jackson2ObjectMapperBuilderCustomizer eventConventions() {
            return builder -> builder
                    .modulesToInstall(modules -> {
                        modules.add(new JavaTimeModule());
                        modules.add(EventJson.exactDecimals());
                    })
                    .featuresToDisable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .featuresToEnable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS,
                            DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        }
    }

    @Bean
    @Primary
    Serializer serializer() {
        return json();
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer() {
        return json();
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer() {
        return json();
    }

    private static Serializer json() {
        return JacksonSerializer.builder().objectMapper(EventJson.mapper()).build();
    }

    /**
     * Upcasters are beans: Axon's Spring Boot support registers every {@code EventUpcaster} bean with the
     * configurer, in {@code @Order}, and {@link #eventStorageEngine} takes the resulting chain, so both applications
     * read older revisions the same way. A later step of the same type (2 → 3) gets a higher order.
     */
    @Bean
    @Order(1)
    IndicatorTargetRevisedEvent1_to_2Upcaster indicatorTargetRevisedEvent1To2Upcaster() {
        return new IndicatorTargetRevisedEvent1_to_2Upcaster();
    }

    /** The applications' {@link StoreObserver} bean, if any, is told how long each append and read takes. */
    @Bean
    MongoEventStorageEngine eventStorageEngine(MongoClient client, MongoDatabase registryDatabase,
                                               @Qualifier("eventSerializer") Serializer eventSerializer,
                                               Configuration configuration,
                                               @Value("${registry.eventstore.gap-timeout:60s}") Duration gapTimeout,
                                               @Value("${registry.eventstore.transactions:auto}") String transactions,
                                               ObjectProvider<StoreObserver> observer) {
        MongoEventStorageEngine engine = MongoEventStorageEngine.builder()
                .database(registryDatabase)
                .transactions(useTransactions(transactions, registryDatabase) ? client : null)
                .gapTimeout(gapTimeout)
                .observer(observer.getIfAvailable(() -> StoreObserver.NONE))
                .eventSerializer(eventSerializer)
                .snapshotSerializer(JacksonSerializer.builder().objectMapper(EventJson.snapshotMapper()).build())
                .upcasterChain(configuration.upcasterChain() != null ? configuration.upcasterChain()
                        : new EventUpcasterChain())
                .build();
        engine.ensureIndexes();
        return engine;
    }

    /**
     * Whether a commit of several events is one transaction: {@code auto} (the default) where the store has them (a
     * replica set, a sharded cluster), {@code on} or {@code off} to decide without asking it.
     */
    static boolean useTransactions(String setting, MongoDatabase database) {
        boolean use;
        if (setting.equalsIgnoreCase("auto")) {
            StoreTopology topology = StoreTopology.of(database);
            use = topology.transactions();
            log.info("Event store on a {}: a commit of several events is {}", topology.kind(),
                    use ? "one transaction" : "an ordered insert (no transactions on this store)");
        } else if (setting.equalsIgnoreCase("on") || setting.equalsIgnoreCase("off")) {
            use = setting.equalsIgnoreCase("on");
        } else {
            throw new IllegalArgumentException("registry.eventstore.transactions is auto, on or off, not " + setting);
        }
        return use;
    }

    /** The event bus; polls the store every {@code fetch-delay} for events written by other processes. */
    @Bean(name = "eventBus")
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine, Configuration configuration,
                                  @Value("${registry.eventstore.fetch-delay:100ms}") Duration fetchDelay) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EmbeddedEventStore.class, "eventStore"))
                .spanFactory(configuration.spanFactory())
                .fetchDelay(fetchDelay.toMillis())
                .timeUnit(TimeUnit.MILLISECONDS)
                .build();
    }

    /**
     * Tokens per segment in MongoDB. The claim timeout (30 s) exceeds a replica set's election (up to ~12 s) plus
     * the time to find the new primary ({@code registry.store.timeout}), so an instance that is only cut off by a
     * failover does not lose its segments to another meanwhile.
     */
    @Bean
    TokenStore tokenStore(MongoDatabase registryDatabase, Serializer serializer,
                          @Value("${registry.eventstore.claim-timeout:30s}") Duration claimTimeout) {
        return MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(registryDatabase)
                        .trackingTokensCollectionName("trackingtokens").build())
                .serializer(serializer)
                .claimTimeout(claimTimeout)
                .build();
    }
}
