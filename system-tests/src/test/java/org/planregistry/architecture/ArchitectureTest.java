package org.planregistry.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.Set;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The arrows between modules point one way; these rules keep them so as the code grows. */
class ArchitectureTest {

    private static final JavaClasses REGISTRY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar")) // the modules' test-jars (TestMongo)
            .importPackages("org.planregistry");

    @Test
    void sharedEventsDependOnTheJdkAndAxonAnnotationsOnly() {
        Set<String> axonAnnotations = Set.of("org.axonframework.serialization.Revision",
                "org.axonframework.modelling.command.TargetAggregateIdentifier");
        classes().that().resideInAPackage("org.planregistry.api..")
                .should().onlyDependOnClassesThat(DescribedPredicate.describe(
                        "the JDK, the contract itself or Axon's @Revision and @TargetAggregateIdentifier", c -> {
                            JavaClass type = c.getBaseComponentType();
                            return type.isPrimitive() || type.getPackageName().startsWith("java.")
                                    || type.getPackageName().startsWith("org.planregistry.api")
                                    || axonAnnotations.contains(type.getFullName());
                        }))
                .check(REGISTRY);
    }

    @Test
    void theCommandSideNeverImportsTheQuerySide() {
        noClasses().that().resideInAPackage("org.planregistry.command..")
                .should().dependOnClassesThat().resideInAPackage("org.planregistry.query..")
                .check(REGISTRY);
    }

    @Test
    void theQuerySideNeverImportsTheCommandSide() {
        noClasses().that().resideInAPackage("org.planregistry.query..")
                .should().dependOnClassesThat().resideInAPackage("org.planregistry.command..")
                .check(REGISTRY);
    }

    @Test
    void thePlanAggregateHasNoSpringInIt() {
        noClasses().that().haveFullyQualifiedName("org.planregistry.command.plan.Plan")
                .or().haveNameMatching("org\\.planregistry\\.command\\.plan\\.Plan\\$.*")
                .should().dependOnClassesThat().resideInAPackage("org.springframework..")
                .check(REGISTRY);
    }

    @Test
    void theEventStoreKnowsNeitherApplication() {
        noClasses().that().resideInAPackage("org.planregistry.eventstore..")
                .should().dependOnClassesThat().resideInAnyPackage("org.planregistry.command..",
                        "org.planregistry.query..")
                .check(REGISTRY);
    }

    /** The HTTP guard is shared by both applications and knows neither, nor the store. */
    @Test
    void theHttpGuardKnowsNoApplication() {
        noClasses().that().resideInAPackage("org.planregistry.httpguard..")
                .should().dependOnClassesThat().resideInAnyPackage("org.planregistry.command..",
                        "org.planregistry.query..", "org.planregistry.eventstore..")
                .check(REGISTRY);
    }

    /**
     * The embedded MongoDB-protocol server is a separate program ({@code embedded-store}, started by ./run) and a test
     * tool: no application or library of the registry uses it, so none ships a database server.
     */
    @Test
    void noApplicationUsesTheEmbeddedServer() {
        noClasses().that().resideInAnyPackage("org.planregistry.api..", "org.planregistry.eventstore..",
                        "org.planregistry.command..", "org.planregistry.query..")
                .should().dependOnClassesThat().resideInAnyPackage("de.bwaldvogel..", "org.planregistry.embeddedstore..")
                .check(REGISTRY);
    }

    /** Within each module no two packages import each other, directly or round a longer loop. */
    @Test
    void noModuleHasAPackageCycle() {
        for (String module : new String[] {"command", "query", "eventstore"}) {
            com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices()
                    .matching("org.planregistry." + module + ".(*)..").should().beFreeOfCycles()
                    .check(REGISTRY);
        }
    }
}
