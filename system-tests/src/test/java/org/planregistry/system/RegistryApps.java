package org.planregistry.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.planregistry.command.CommandSideApplication;
import org.planregistry.query.QuerySideApplication;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.UrlResource;

/**
 * Starts the real applications in this JVM, each in its own Spring context on its own HTTP port, against one store,
 * each with the configuration it ships with.
 *
 * <p>Both jars carry an {@code application.yml} at the class-path root, and on a shared class path only the first is
 * found: the query side would silently run with the command side's file (no processor settings of its own). So each
 * app's own file is read from its own jar and handed over, with the test's settings, as command-line arguments, which
 * outrank every file.
 */
public final class RegistryApps {

    public static final String REGISTRAR_PASSWORD = "registrar-system-test";
    public static final String EVALUATOR_PASSWORD = "evaluator-system-test";
    public static final String OPERATOR_PASSWORD = "operator-system-test";
    public static final String READER_PASSWORD = "reader-system-test";
    public static final String AUDITOR_PASSWORD = "auditor-system-test";

    private RegistryApps() {
    }

    public static ConfigurableApplicationContext commandSide(String mongoUri) {
        return start(CommandSideApplication.class, mongoUri, "command-side", Map.of());
    }

    public static ConfigurableApplicationContext querySide(String mongoUri) {
        return start(QuerySideApplication.class, mongoUri, "query-side", Map.of());
    }

    public static String baseUrl(ConfigurableApplicationContext context) {
        return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    /** Starts {@code application} with its own configuration, the test settings and then {@code extra}. */
    public static ConfigurableApplicationContext start(Class<?> application, String mongoUri, String name,
                                                       Map<String, String> extra) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        Map<String, String> settings = new LinkedHashMap<>(ownSettings(application));
        settings.put("server.port", "0");
        settings.put("spring.data.mongodb.uri", mongoUri);
        settings.put("spring.application.name", name);
        settings.put("axon.axonserver.enabled", "false");
        settings.put("registry.users.registrar.password", REGISTRAR_PASSWORD);
        settings.put("registry.users.evaluator.password", EVALUATOR_PASSWORD);
        settings.put("registry.users.operator.password", OPERATOR_PASSWORD);
        settings.put("registry.users.reader.password", READER_PASSWORD);
        settings.put("registry.users.auditor.password", AUDITOR_PASSWORD);
        settings.put("registry.seed.enabled", "false");
        settings.putAll(extra);
        String[] args = settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(application).bannerMode(Banner.Mode.OFF).run(args);
    }

    /** The flattened {@code application.yml} from the jar (or classes directory) that holds {@code application}. */
    static Map<String, String> ownSettings(Class<?> application) {
        String home = application.getProtectionDomain().getCodeSource().getLocation().toString();
        try {
            for (URL url : Collections.list(application.getClassLoader().getResources("application.yml"))) {
                if (!url.toString().contains(home)) {
                    continue;
                }
                Map<String, String> flat = new LinkedHashMap<>();
                List<PropertySource<?>> sources = new YamlPropertySourceLoader().load(home, new UrlResource(url));
                for (PropertySource<?> source : sources) {
                    if (source instanceof EnumerablePropertySource<?> enumerable) {
                        for (String key : enumerable.getPropertyNames()) {
                            flat.put(key, String.valueOf(enumerable.getProperty(key)));
                        }
                    }
                }
                return flat;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no application.yml next to " + application.getName() + " in " + home);
    }
}
