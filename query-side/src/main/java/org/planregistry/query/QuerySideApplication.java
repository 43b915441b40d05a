package org.planregistry.query;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The registry's read side: tracking processors keep temporal views; evaluators and auditors query them. */
@SpringBootApplication
public class QuerySideApplication {

    public static void main(String[] args) {
        // No outside network here or in most government deployments: Axon must not phone home at start-up.
        System.setProperty("axoniq.update-checker.disabled", "true");
        SpringApplication.run(QuerySideApplication.class, args);
    }
}
