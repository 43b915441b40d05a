package org.planregistry.system;

import org.planregistry.command.CommandSideApplication;
import org.planregistry.query.QuerySideApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the real applications in this JVM, each in its own Spring context on its own HTTP port, against one store.
 * Both jars carry an application.yml and only one of them is found on a shared class path, so every setting the
 * apps need is given here explicitly.
 */
public final class RegistryApps {

    public static final String REGISTRAR_PASSWORD = "registrar-system-test";
    public static final String EVALUATOR_PASSWORD = "evaluator-system-test";
    public static final String OPERATOR_PASSWORD = "operator-system-test";

    private RegistryApps() {
    }

    /** Command-line arguments, because they outrank the application.yml found on the class path. */
    private static String[] arguments(String mongoUri, String name) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        return new String[] {
                "--server.port=0",
                "--spring.data.mongodb.uri=" + mongoUri,
                "--axon.axonserver.enabled=false",
                "--axon.serializer.general=jackson",
                "--axon.serializer.events=jackson",
                "--axon.serializer.messages=jackson",
                "--registry.users.registrar.password=" + REGISTRAR_PASSWORD,
                "--registry.users.evaluator.password=" + EVALUATOR_PASSWORD,
                "--registry.users.operator.password=" + OPERATOR_PASSWORD,
                "--registry.seed.enabled=false",
                "--spring.application.name=" + name
        };
    }

    public static ConfigurableApplicationContext commandSide(String mongoUri) {
        return new SpringApplicationBuilder(CommandSideApplication.class)
                .run(arguments(mongoUri, "command-side"));
    }

    public static ConfigurableApplicationContext querySide(String mongoUri) {
        return new SpringApplicationBuilder(QuerySideApplication.class)
                .run(arguments(mongoUri, "query-side"));
    }

    public static String baseUrl(ConfigurableApplicationContext context) {
        return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }
}
