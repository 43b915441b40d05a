package org.planregistry.command.plan;

import static org.planregistry.command.plan.PlanRuleViolation.conflict;
import static org.planregistry.command.plan.PlanRuleViolation.invalid;
import static org.planregistry.command.plan.PlanRuleViolation.unknown;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.planregistry.api.Item;
import org.planregistry.api.Period;
import org.planregistry.api.PlanCommand.AdoptChapterCommand;
import org.planregistry.api.PlanCommand.AdoptColumnCommand;
import org.planregistry.api.PlanCommand.AdoptGoalCommand;
import org.planregistry.api.PlanCommand.AdoptSafeguardCommand;
import org.planregistry.api.PlanCommand.AdoptSectionCommand;
import org.planregistry.api.PlanCommand.AdoptTaskCommand;
import org.planregistry.api.PlanCommand.AmendChapterCommand;
import org.planregistry.api.PlanCommand.AmendGoalCommand;
import org.planregistry.api.PlanCommand.AmendTaskCommand;
import org.planregistry.api.PlanCommand.RetireTaskCommand;
import org.planregistry.api.PlanEvent.ChapterAdoptedEvent;
import org.planregistry.api.PlanEvent.ChapterAmendedEvent;
import org.planregistry.api.PlanEvent.ColumnAdoptedEvent;
import org.planregistry.api.PlanEvent.GoalAdoptedEvent;
import org.planregistry.api.PlanEvent.GoalAmendedEvent;
import org.planregistry.api.PlanEvent.SafeguardAdoptedEvent;
import org.planregistry.api.PlanEvent.SectionAdoptedEvent;
import org.planregistry.api.PlanEvent.TaskAdoptedEvent;
import org.planregistry.api.PlanEvent.TaskAmendedEvent;
import org.planregistry.api.PlanEvent.TaskRetiredEvent;
import org.planregistry.command.plan.PlanRules.Element;

/**
 * A plan's written elements: its opening chapters (what the plan is for), its goals, its sections, the tasks
 * (measures) within them, its special columns (专栏) and its safeguards (保障措施). Chapters, goals and tasks have a
 * wording that can be amended, and tasks can be retired; sections, columns and safeguards are the plan's structure,
 * adopted once. Each decision method checks the rules of one command against this part and returns the event to
 * apply, or refuses with a {@link PlanRuleViolation}; the {@code on} methods only assign state. The plan has checked
 * the effective date and the reason the plan-wide rules ask for before it asks here.
 */
final class PlanText {

    private Map<String, Chapter> chapters = new HashMap<>();
    private Map<String, Goal> goals = new HashMap<>();
    private Set<String> sections = new HashSet<>();
    private Map<String, Task> tasks = new HashMap<>();
    private Set<String> columns = new HashSet<>();
    private Set<String> safeguards = new HashSet<>();

    ChapterAdoptedEvent adoptChapter(String planCode, AdoptChapterCommand command, LocalDate effective) {
        Require.present("chapterCode", command.chapterCode());
        if (command.kind() == null) {
            throw invalid("kind", "is required: FOUNDATION_AND_SITUATION, GUIDING_THOUGHT, BASIC_PRINCIPLES or "
                    + "OVERALL_GOAL");
        }
        Require.present("title", command.title());
        Require.present("text", command.text());
        Require.noConflict("chapterCode", PlanRules.newCode(Element.CHAPTER, command.chapterCode(), planCode,
                chapters.keySet()));
        return new ChapterAdoptedEvent(planCode, command.chapterCode(), command.kind(), command.title(),
                command.text(), effective, command.reason(), command.decisionRef());
    }

    /** The event repeats whatever the command leaves out; an amendment that changes nothing is refused. */
    ChapterAmendedEvent amendChapter(String planCode, AmendChapterCommand command, LocalDate effective) {
        Chapter chapter = chapters.get(command.chapterCode());
        if (chapter == null) {
            throw unknown("chapterCode", "plan " + planCode + " has no chapter " + command.chapterCode());
        }
        String title = command.title() == null ? chapter.title() : command.title();
        String text = command.text() == null ? chapter.text() : command.text();
        if (title.equals(chapter.title()) && text.equals(chapter.text())) {
            throw conflict("text", "the amendment changes nothing: title and text are as in force");
        }
        return new ChapterAmendedEvent(planCode, chapter.code(), title, text, effective, command.reason(),
                command.decisionRef());
    }

    /** A goal is set for a year of the plan's period or for its vision year. */
    GoalAdoptedEvent adoptGoal(String planCode, Period period, Integer visionYear, AdoptGoalCommand command,
                               LocalDate effective) {
        Require.present("goalCode", command.goalCode());
        Require.present("title", command.title());
        Require.noConflict("goalCode", PlanRules.newCode(Element.GOAL, command.goalCode(), planCode,
                goals.keySet()));
        Require.valid("horizon", PlanRules.goalHorizon(command.horizon(), period, visionYear));
        return new GoalAdoptedEvent(planCode, command.goalCode(), command.title(), command.horizon(),
                command.description(), effective, command.reason(), command.decisionRef());
    }

    /** The event repeats whatever the command leaves out; an amendment that changes nothing is refused. */
    GoalAmendedEvent amendGoal(String planCode, AmendGoalCommand command, LocalDate effective) {
        Goal goal = goals.get(command.goalCode());
        if (goal == null) {
            throw unknown("goalCode", "plan " + planCode + " has no goal " + command.goalCode());
        }
        String title = command.title() == null ? goal.title() : command.title();
        String description = command.description() == null ? goal.description() : command.description();
        if (title.equals(goal.title()) && Objects.equals(description, goal.description())) {
            throw conflict("title", "the amendment changes nothing: title and description are as in force");
        }
        return new GoalAmendedEvent(planCode, command.goalCode(), title, description, effective, command.reason(),
                command.decisionRef());
    }

    SectionAdoptedEvent adoptSection(String planCode, AdoptSectionCommand command, LocalDate effective) {
        Require.present("sectionCode", command.sectionCode());
        Require.present("title", command.title());
        Require.noConflict("sectionCode", PlanRules.newCode(Element.SECTION, command.sectionCode(), planCode,
                sections));
        return new SectionAdoptedEvent(planCode, command.sectionCode(), command.title(), command.intro(), effective);
    }

    TaskAdoptedEvent adoptTask(String planCode, AdoptTaskCommand command, LocalDate effective) {
        Require.present("taskCode", command.taskCode());
        Require.present("title", command.title());
        Require.present("text", command.text());
        requireSection(planCode, command.sectionCode());
        Require.noConflict("taskCode", PlanRules.newCode(Element.TASK, command.taskCode(), planCode,
                tasks.keySet()));
        return new TaskAdoptedEvent(planCode, command.taskCode(), command.sectionCode(), command.title(),
                command.text(), effective, command.reason(), command.decisionRef());
    }

    /** The event repeats whatever the command leaves out; an amendment that changes nothing is refused. */
    TaskAmendedEvent amendTask(String planCode, AmendTaskCommand command, LocalDate effective) {
        Task task = liveTask(planCode, command.taskCode());
        String title = command.title() == null ? task.title() : command.title();
        String text = command.text() == null ? task.text() : command.text();
        if (title.equals(task.title()) && text.equals(task.text())) {
            throw conflict("text", "the amendment changes nothing: title and text are as in force");
        }
        return new TaskAmendedEvent(planCode, task.code(), title, text, effective, command.reason(),
                command.decisionRef());
    }

    TaskRetiredEvent retireTask(String planCode, RetireTaskCommand command, LocalDate effective) {
        Task task = liveTask(planCode, command.taskCode());
        return new TaskRetiredEvent(planCode, task.code(), effective, command.reason(), command.decisionRef());
    }

    ColumnAdoptedEvent adoptColumn(String planCode, AdoptColumnCommand command, LocalDate effective) {
        Require.present("columnCode", command.columnCode());
        Require.present("title", command.title());
        requireSection(planCode, command.sectionCode());
        Require.noConflict("columnCode", PlanRules.newCode(Element.COLUMN, command.columnCode(), planCode,
                columns));
        return new ColumnAdoptedEvent(planCode, command.columnCode(), command.sectionCode(), command.title(),
                command.intro(), items(command.items()), effective);
    }

    SafeguardAdoptedEvent adoptSafeguard(String planCode, AdoptSafeguardCommand command, LocalDate effective) {
        Require.present("safeguardCode", command.safeguardCode());
        Require.present("title", command.title());
        if (command.kind() == null) {
            throw invalid("kind", "is required");
        }
        Require.noConflict("safeguardCode", PlanRules.newCode(Element.SAFEGUARD, command.safeguardCode(),
                planCode, safeguards));
        return new SafeguardAdoptedEvent(planCode, command.safeguardCode(), command.kind(), command.title(),
                items(command.items()), effective);
    }

    /** The task with this code, which must exist and not be retired: what amendments and findings are about. */
    Task liveTask(String planCode, String code) {
        Task task = tasks.get(code);
        if (task == null) {
            throw unknown("taskCode", "plan " + planCode + " has no task " + code);
        }
        if (task.retired()) {
            throw conflict("taskCode", "task " + code + " is retired");
        }
        return task;
    }

    /** A task or column may name the section it belongs to; that section must have been adopted already. */
    private void requireSection(String planCode, String sectionCode) {
        if (sectionCode != null) {
            Require.known("sectionCode", PlanRules.knownSection(planCode, sectionCode, sections));
        }
    }

    /** The numbered items of a column or safeguard group: each has a code, unique within the group. */
    private static List<Item> items(List<Item> items) {
        if (items == null) {
            return List.of();
        }
        Set<String> codes = new HashSet<>();
        for (Item item : items) {
            Require.present("items.code", item.code());
            Require.noConflict("items.code", PlanRules.newItemCode(item.code(), codes));
            codes.add(item.code());
        }
        return items;
    }

    void on(ChapterAdoptedEvent event) {
        chapters.put(event.chapterCode(), new Chapter(event.chapterCode(), event.title(), event.text()));
    }

    void on(ChapterAmendedEvent event) {
        chapters.put(event.chapterCode(), new Chapter(event.chapterCode(), event.title(), event.text()));
    }

    void on(GoalAdoptedEvent event) {
        goals.put(event.goalCode(), new Goal(event.goalCode(), event.title(), event.description()));
    }

    void on(GoalAmendedEvent event) {
        goals.put(event.goalCode(), new Goal(event.goalCode(), event.title(), event.description()));
    }

    void on(SectionAdoptedEvent event) {
        sections.add(event.sectionCode());
    }

    void on(TaskAdoptedEvent event) {
        tasks.put(event.taskCode(), new Task(event.taskCode(), event.title(), event.text(), false));
    }

    void on(TaskAmendedEvent event) {
        tasks.computeIfPresent(event.taskCode(), (code, t) -> new Task(code, event.title(), event.text(),
                t.retired()));
    }

    void on(TaskRetiredEvent event) {
        tasks.computeIfPresent(event.taskCode(), (code, t) -> new Task(code, t.title(), t.text(), true));
    }

    void on(ColumnAdoptedEvent event) {
        columns.add(event.columnCode());
    }

    void on(SafeguardAdoptedEvent event) {
        safeguards.add(event.safeguardCode());
    }

    /** An opening chapter's wording in force; immutable, replaced on change. */
    record Chapter(String code, String title, String text) {
    }

    /** A goal's wording in force; immutable, replaced on change. */
    record Goal(String code, String title, String description) {
    }

    /** A task's wording in force and whether it is retired; immutable, replaced on change. */
    record Task(String code, String title, String text, boolean retired) {
    }
}
