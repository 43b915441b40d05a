package org.planregistry.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.planregistry.command.CommandSideApplication;
import org.planregistry.query.QuerySideApplication;
import org.planregistry.system.RegistryApps;
import org.springframework.context.ConfigurableApplicationContext;

/** The real applications as {@link RegistryApps} starts them, with quiet logs so the benchmark's output reads. */
final class BenchApps {

    /** The query side's {@code reader} account, which the event stream ({@code /api/events}) requires. */
    static final String READER_PASSWORD = "reader-bench";

    // The apps' own logging does not change what is measured; at INFO it buries the benchmark's lines.
    private static final Map<String, String> QUIET = Map.of("logging.level.root", "WARN",
            "logging.level.org.planregistry.bench", "INFO", "spring.main.log-startup-info", "false");

    private BenchApps() {
    }

    static ConfigurableApplicationContext commandSide(String mongoUri) {
        return RegistryApps.start(CommandSideApplication.class, mongoUri, "bench-command-side", QUIET);
    }

    static ConfigurableApplicationContext querySide(String mongoUri) {
        Map<String, String> settings = new HashMap<>(QUIET);
        settings.put("registry.users.reader.password", READER_PASSWORD);
        settings.put("registry.users.auditor.password", "auditor-bench");
        return RegistryApps.start(QuerySideApplication.class, mongoUri, "bench-query-side", settings);
    }

    /**
     * A second query side on the same views that keeps no decoded document in memory
     * ({@code registry.query.kept-documents=0}), so every answer decodes every document it reads, and that never
     * writes the views. Axon has no switch to disable a processor; in subscribing mode a processor receives only the
     * events published through this application's own event bus, and the query side publishes none, so its
     * processors never run. Sharing the tracking processors instead would let this instance claim their segments
     * whenever the first one is slow to extend its claim, and catching up would then be measured on either.
     */
    static ConfigurableApplicationContext querySideKeepingNothing(String mongoUri, List<String> processors) {
        Map<String, String> settings = new HashMap<>(QUIET);
        settings.put("registry.users.reader.password", READER_PASSWORD);
        settings.put("registry.users.auditor.password", "auditor-bench");
        settings.put("registry.query.kept-documents", "0");
        processors.forEach(name -> settings.put("axon.eventhandling.processors." + name + ".mode", "subscribing"));
        ConfigurableApplicationContext context = RegistryApps.start(QuerySideApplication.class, mongoUri,
                "bench-query-side-keeping-nothing", settings);
        // A processor named otherwise than the first query side's would still track, and write the shared views.
        if (context.getBean(EventProcessingConfiguration.class).eventProcessors().values().stream()
                .anyMatch(StreamingEventProcessor.class::isInstance)) {
            context.close();
            throw new IllegalStateException("the query side keeping nothing still has streaming processors");
        }
        return context;
    }

    static String baseUrl(ConfigurableApplicationContext context) {
        return RegistryApps.baseUrl(context);
    }
}
