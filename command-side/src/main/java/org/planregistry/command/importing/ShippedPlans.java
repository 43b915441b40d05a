package org.planregistry.command.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.planregistry.eventstore.MongoEventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Loads the plans that ship with the registry (the Shenzhen financial-industry plan) into an empty store, so the
 * first thing a new user sees is a real plan, and finishes loading them when a first start was cut short. Recorded
 * as done by the system on the registrar's behalf.
 */
@Component
@ConditionalOnProperty(name = "registry.seed.enabled", havingValue = "true")
class ShippedPlans {

    static final String SHENZHEN = "/plans/shenzhen-finance-14fyp.yaml";
    private static final String SHENZHEN_CODE = "SZ-FIN-14FYP";
    private static final Logger log = LoggerFactory.getLogger(ShippedPlans.class);

    private final PlanImport planImport;
    private final MongoEventStorageEngine storageEngine;

    ShippedPlans(PlanImport planImport, MongoEventStorageEngine storageEngine) {
        this.planImport = planImport;
        this.storageEngine = storageEngine;
    }

    @EventListener(ApplicationReadyEvent.class)
    void load() {
        // Loaded into an empty store; imported again where it was begun, so a first start that was cut short
        // (a crash, Ctrl-C) is finished by the next; a complete plan is recognised and nothing is written.
        if (storageEngine.lastAllocatedSequence() > 0 && !planImport.hasPlan(SHENZHEN_CODE)) {
            log.info("The store holds other plans; shipped plans are not loaded");
            return;
        }
        try (InputStream in = ShippedPlans.class.getResourceAsStream(SHENZHEN)) {
            SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken("system",
                    null, AuthorityUtils.createAuthorityList("ROLE_REGISTRAR")));
            ImportReport report = planImport.importDocument(in.readAllBytes(), false, "seed");
            log.info("Loaded the shipped plan: {}", report.message());
        } catch (ImportConflict e) {
            // The stored plan was adopted from another version of the document: it stays as it is.
            log.warn("The shipped plan differs from the stored one, which is kept: {}", e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
