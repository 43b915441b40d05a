package org.planregistry.command.importing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.planregistry.api.Baseline;
import org.planregistry.api.IndicatorRef;
import org.planregistry.api.Item;
import org.planregistry.api.PlanCommand;
import org.planregistry.api.PlanCommand.AdoptChapterCommand;
import org.planregistry.api.PlanCommand.AdoptColumnCommand;
import org.planregistry.api.PlanCommand.AdoptGoalCommand;
import org.planregistry.api.PlanCommand.AdoptIndicatorCommand;
import org.planregistry.api.PlanCommand.AdoptPlanCommand;
import org.planregistry.api.PlanCommand.AdoptSafeguardCommand;
import org.planregistry.api.PlanCommand.AdoptSectionCommand;
import org.planregistry.api.PlanCommand.AdoptTaskCommand;
import org.planregistry.api.PlanCommand.DeclareContinuityCommand;
import org.planregistry.api.PlanCommand.SetMeasurementBasisCommand;
import org.planregistry.api.PlanEvent;
import org.planregistry.api.Target;

/**
 * Turns a plan definition into the commands that adopt it, one per element (and one more for an indicator that
 * declares its measurement basis), in document order, and names each so an import can be compared with what an
 * earlier one adopted.
 */
final class PlanAdoption {

    private PlanAdoption() {
    }

    static List<PlanCommand> commandsFor(PlanDefinition definition) {
        var plan = definition.plan();
        String code = plan.code();
        // Elements take effect when the plan does: at adoption, or at the start of its period if adopted earlier.
        LocalDate from = plan.adoptedOn().isBefore(plan.period().firstDay()) ? plan.period().firstDay()
                : plan.adoptedOn();
        List<PlanCommand> commands = new ArrayList<>();
        commands.add(new AdoptPlanCommand(code, plan.title(), plan.issuer(), plan.issued(), plan.adoptedOn(),
                plan.period(), plan.visionYear(), plan.source()));
        for (var chapter : definition.chapters()) {
            commands.add(new AdoptChapterCommand(code, chapter.code(), chapter.kind(), chapter.title(),
                    chapter.text(), from, null, null));
        }
        for (var goal : definition.goals()) {
            commands.add(new AdoptGoalCommand(code, goal.code(), goal.title(), goal.horizon(), goal.description(),
                    from, null, null));
        }
        for (var indicator : definition.indicators()) {
            commands.add(new AdoptIndicatorCommand(code, indicator.code(), indicator.number(), indicator.category(),
                    indicator.subCategory(), indicator.name(), indicator.unit(), indicator.nature(),
                    new Baseline(indicator.baseline().year(), indicator.baseline().value()),
                    new Target(indicator.target().year(), indicator.target().value(), indicator.target().qualifier()),
                    indicator.notes() == null ? List.of() : indicator.notes(), from, null, null));
            if (indicator.basis() != null) {
                // Declared with the adoption: the plan's wording for it is the reason.
                commands.add(new SetMeasurementBasisCommand(code, indicator.code(), indicator.basis().kind(), from,
                        indicator.basis().wording(), null));
            }
            if (indicator.continues() != null) {
                commands.add(new DeclareContinuityCommand(code, indicator.code(), new IndicatorRef(
                        indicator.continues().plan(), indicator.continues().indicator()),
                        indicator.continues().differenceReason(), from));
            }
        }
        for (var section : definition.sections()) {
            commands.add(new AdoptSectionCommand(code, section.code(), section.title(), section.intro(), from));
            for (var measure : section.measures()) {
                commands.add(new AdoptTaskCommand(code, measure.code(), section.code(), measure.title(),
                        measure.text(), from, null, null));
            }
        }
        for (var column : definition.columns()) {
            commands.add(new AdoptColumnCommand(code, column.code(), column.section(), column.title(), column.intro(),
                    items(column.items()), from));
        }
        for (var group : definition.safeguards()) {
            commands.add(new AdoptSafeguardCommand(code, group.code(), group.kind(), group.title(),
                    items(group.items()), from));
        }
        return commands;
    }

    private static List<Item> items(List<PlanDefinition.Entry> entries) {
        return entries.stream().map(e -> new Item(e.code(), e.title(), e.text())).toList();
    }

    /** "indicator I03", or {@code null} for a command that adopts nothing. */
    static String element(PlanCommand command) {
        if (command instanceof AdoptPlanCommand c) {
            return "plan " + c.planCode();
        } else if (command instanceof AdoptChapterCommand c) {
            return "chapter " + c.chapterCode();
        } else if (command instanceof AdoptGoalCommand c) {
            return "goal " + c.goalCode();
        } else if (command instanceof AdoptIndicatorCommand c) {
            return "indicator " + c.indicatorCode();
        } else if (command instanceof DeclareContinuityCommand c) {
            return "continuity of indicator " + c.indicatorCode();
        } else if (command instanceof SetMeasurementBasisCommand c) {
            return "measurement basis of indicator " + c.indicatorCode();
        } else if (command instanceof AdoptSectionCommand c) {
            return "section " + c.sectionCode();
        } else if (command instanceof AdoptTaskCommand c) {
            return "task " + c.taskCode();
        } else if (command instanceof AdoptColumnCommand c) {
            return "column " + c.columnCode();
        } else if (command instanceof AdoptSafeguardCommand c) {
            return "safeguard " + c.safeguardCode();
        }
        return null;
    }

    /** The element an adoption event adopted, named as {@link #element(PlanCommand)} names it; else null. */
    static String element(PlanEvent event) {
        if (event instanceof PlanEvent.PlanAdoptedEvent e) {
            return "plan " + e.planCode();
        } else if (event instanceof PlanEvent.ChapterAdoptedEvent e) {
            return "chapter " + e.chapterCode();
        } else if (event instanceof PlanEvent.GoalAdoptedEvent e) {
            return "goal " + e.goalCode();
        } else if (event instanceof PlanEvent.IndicatorAdoptedEvent e) {
            return "indicator " + e.indicatorCode();
        } else if (event instanceof PlanEvent.IndicatorContinuityDeclaredEvent e) {
            return "continuity of indicator " + e.indicatorCode();
        } else if (event instanceof PlanEvent.MeasurementBasisSetEvent e && e.previousBasis() == null) {
            // The declaration, not a later revision: a revision is an adjustment, which a document does not carry.
            return "measurement basis of indicator " + e.indicatorCode();
        } else if (event instanceof PlanEvent.SectionAdoptedEvent e) {
            return "section " + e.sectionCode();
        } else if (event instanceof PlanEvent.TaskAdoptedEvent e) {
            return "task " + e.taskCode();
        } else if (event instanceof PlanEvent.ColumnAdoptedEvent e) {
            return "column " + e.columnCode();
        } else if (event instanceof PlanEvent.SafeguardAdoptedEvent e) {
            return "safeguard " + e.safeguardCode();
        }
        return null;
    }
}
