package org.planregistry.bench;

import java.util.Map;

import org.planregistry.command.CommandSideApplication;
import org.planregistry.query.QuerySideApplication;
import org.planregistry.system.RegistryApps;
import org.springframework.context.ConfigurableApplicationContext;

/** The real applications as {@link RegistryApps} starts them, with quiet logs so the benchmark's output reads. */
final class BenchApps {

    // The apps' own logging does not change what is measured; at INFO it buries the benchmark's lines.
    private static final Map<String, String> QUIET = Map.of("logging.level.root", "WARN",
            "logging.level.org.planregistry.bench", "INFO", "spring.main.log-startup-info", "false");

    private BenchApps() {
    }

    static ConfigurableApplicationContext commandSide(String mongoUri) {
        return RegistryApps.start(CommandSideApplication.class, mongoUri, "bench-command-side", QUIET);
    }

    static ConfigurableApplicationContext querySide(String mongoUri) {
        return RegistryApps.start(QuerySideApplication.class, mongoUri, "bench-query-side", QUIET);
    }

    static String baseUrl(ConfigurableApplicationContext context) {
        return RegistryApps.baseUrl(context);
    }
}
