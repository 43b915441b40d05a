package org.planregistry.query;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "org.planregistry.query", importOptions = ImportOption.DoNotIncludeTests.class)
class QuerySideArchitectureTest {

    @ArchTest
    static final ArchRule theQuerySideNeverReachesIntoTheCommandSide = noClasses()
            .should().dependOnClassesThat().resideInAPackage("org.planregistry.command..");

    @ArchTest
    static final ArchRule theViewsDoNotDependOnTheQuestionsAskedOfThem = noClasses()
            .that().resideInAnyPackage("..query.timeline..", "..query.event..", "..query.consistency..")
            .should().dependOnClassesThat().resideInAnyPackage("..query.planasof..", "..query.catalogue..",
                    "..query.diff..", "..query.progress..", "..query.indicatorhistory..", "..query.audit..",
                    "..query.rebuild..", "..query.changedates..");

    @ArchTest
    static final ArchRule eachQuestionStandsOnItsOwnOverTheSharedViews = slices()
            .matching("org.planregistry.query.(*)..")
            .should().notDependOnEachOther()
            .ignoreDependency(DescribedPredicate.alwaysTrue(), resideInAnyPackage("..query.timeline..",
                    "..query.event..", "..query.consistency..", "..query.segments..", "..query.http..",
                    "..query.access.."))
            // Kafka carries the outward stream's own envelope (PlanCloudEvents), so the publisher uses it.
            .ignoreDependency(resideInAPackage("..query.kafka.."), resideInAPackage("..query.eventstream.."));

    /** No two packages of the query side import each other, directly or round a longer loop. */
    @ArchTest
    static final ArchRule thePackagesFormNoCycle = slices().matching("org.planregistry.query.(*)..")
            .should().beFreeOfCycles();
}
