package org.planregistry.command;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The registry's write side: registrars and evaluators send commands here; plans decide and record events. */
@SpringBootApplication
public class CommandSideApplication {

    public static void main(String[] args) {
        // No outside network here or in most government deployments: Axon must not phone home at start-up.
        System.setProperty("axoniq.update-checker.disabled", "true");
        SpringApplication.run(CommandSideApplication.class, args);
    }
}
