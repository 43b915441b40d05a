package org.planregistry.command.web;

import jakarta.validation.Valid;
import org.planregistry.api.Baseline;
import org.planregistry.api.Period;
import org.planregistry.api.PlanCommand.AdoptChapterCommand;
import org.planregistry.api.PlanCommand.AdoptColumnCommand;
import org.planregistry.api.PlanCommand.AdoptGoalCommand;
import org.planregistry.api.PlanCommand.AdoptIndicatorCommand;
import org.planregistry.api.PlanCommand.AdoptPlanCommand;
import org.planregistry.api.PlanCommand.AdoptSafeguardCommand;
import org.planregistry.api.PlanCommand.AdoptSectionCommand;
import org.planregistry.api.PlanCommand.AdoptTaskCommand;
import org.planregistry.api.PlanCommand.AmendChapterCommand;
import org.planregistry.api.PlanCommand.AmendGoalCommand;
import org.planregistry.api.PlanCommand.AmendTaskCommand;
import org.planregistry.api.PlanCommand.ClosePlanCommand;
import org.planregistry.api.PlanCommand.CorrectIndicatorBaselineCommand;
import org.planregistry.api.PlanCommand.DeclareContinuityCommand;
import org.planregistry.api.PlanCommand.RetireIndicatorCommand;
import org.planregistry.api.PlanCommand.RetireTaskCommand;
import org.planregistry.api.PlanCommand.ReviseIndicatorTargetCommand;
import org.planregistry.api.PlanCommand.SetMeasurementBasisCommand;
import org.planregistry.api.PlanCommand.SetMilestoneCommand;
import org.planregistry.api.PlanCommand.SupersedePlanCommand;
import org.planregistry.api.Target;
import org.planregistry.command.plan.PlanRuleViolation;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Adoption, decomposition (规划分解机制) and adjustment (规划调整机制) of plans over HTTP. Each endpoint is one
 * command; {@code If-Match} carries the plan version the client decided on.
 */
@RestController
@RequestMapping("/api/plans")
class PlanController {

    private static final String CORRELATION = "X-Correlation-Id";

    private final CommandResponses commands;

    PlanController(CommandResponses commands) {
        this.commands = commands;
    }

    @PostMapping
    ResponseEntity<CommandAccepted> adopt(@Valid @RequestBody PlanRequests.AdoptPlan body,
                                          @RequestHeader(value = CORRELATION, required = false) String correlation) {
        return commands.send(new AdoptPlanCommand(body.code(), body.title(), body.issuer(), body.issued(),
                body.adoptedOn(), new Period(body.period().from(), body.period().to()), body.visionYear(),
                body.source()), "plan " + body.code(), null, correlation);
    }

    @PostMapping("/{plan}/chapters")
    ResponseEntity<CommandAccepted> adoptChapter(@PathVariable String plan,
                                                 @Valid @RequestBody PlanRequests.AdoptChapter body,
                                                 @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                                 @RequestHeader(value = CORRELATION, required = false) String corr) {
        return commands.send(new AdoptChapterCommand(plan, body.code(), body.kind(), body.title(), body.text(),
                body.effectiveFrom(), body.reason(), body.decisionRef()), "chapter " + body.code(), ifMatch, corr);
    }

    @PostMapping("/{plan}/chapters/{code}/amendments")
    ResponseEntity<CommandAccepted> amendChapter(@PathVariable String plan, @PathVariable String code,
                                                 @Valid @RequestBody PlanRequests.AmendChapter body,
                                                 @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                                 @RequestHeader(value = CORRELATION, required = false) String corr) {
        return commands.send(new AmendChapterCommand(plan, code, body.title(), body.text(), body.effectiveFrom(),
                body.reason(), body.decisionRef()), "chapter " + code, ifMatch, corr);
    }

    @PostMapping("/{plan}/goals")
    ResponseEntity<CommandAccepted> adoptGoal(@PathVariable String plan, @Valid @RequestBody PlanRequests.AdoptGoal body,
                                              @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                              @RequestHeader(value = CORRELATION, required = false) String corr) {
        return commands.send(new AdoptGoalCommand(plan, body.code(), body.title(), body.horizon(), body.description(),
                body.effectiveFrom(), body.reason(), body.decisionRef()), "goal " + body.code(), ifMatch, corr);
    }

    @PostMapping("/{plan}/goals/{code}/amendments")
    ResponseEntity<CommandAccepted> amendGoal(@PathVariable String plan, @PathVariable String code,
                                              @Valid @RequestBody PlanRequests.AmendGoal body,
                                              @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                              @RequestHeader(value = CORRELATION, required = false) String corr) {
        return commands.send(new AmendGoalCommand(plan, code, body.title(), body.description(), body.effectiveFrom(),
                body.reason(), body.decisionRef()), "goal " + code, ifMatch, corr);
    }

    @PostMapping("/{plan}/indicators")
    ResponseEntity<CommandAccepted> adoptIndicator(@PathVariable String plan,
                                                   @Valid @RequestBody PlanRequests.AdoptIndicator body,
                                                   @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                                   @RequestHeader(value = CORRELATION, required = false) String corr) {
        if (body.target().year() == null) {
            throw new PlanRuleViolation(PlanRuleViolation.Kind.INVALID, "target.year", "is required");
        }
        Baseline baseline = body.baseline() == null ? null
                : new Baseline(body.baseline().year(), body.baseline().value());
        return commands.send(new AdoptIndicatorCommand(plan, body.code(), body.number(), body.category(),
                body.subCategory(), body.name(), body.unit(), body.nature(), baseline,
                new Target(body.target().year(), body.target().value(), body.target().qualifier()), body.notes(),
                body.effectiveFrom(), body.reason(), body.decisionRef()), "indicator " + body.code(), ifMatch, corr);
    }

    @PostMapping("/{plan}/indicators/{code}/revisions")
    ResponseEntity<CommandAccepted> revise(@PathVariable String plan, @PathVariable String code,
                                           @Valid @RequestBody PlanRequests.ReviseTarget body,
                                           @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                           @RequestHeader(value = CORRELATION, required = false) String corr) {
        return commands.send(new ReviseIndicatorTargetCommand(plan, code, body.target().year(),
                body.target().value(), body.target().qualifier(), body.unit(), body.effectiveFrom(), body.reason(),
                body.decisionRef(), body.decisionDate()), "indicator " + code, ifMatch, corr);
    }

    @PostMapping("/{plan}/indicators/{code}/baseline-corrections")
    ResponseEntity<CommandAccepted> correctBaseline(@PathVariable String plan, @PathVariable String code,
                                                    @Valid @RequestBody PlanRequests.CorrectBaseline body,
                                                    @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                                    @RequestHeader(value = CORRELATION, required = false) String corr) {
        return commands.send(new CorrectIndicatorBaselineCommand(plan, code, body.year(), body.value(), body.unit(),
                body.effectiveFrom(), body.reason(), body.decisionRef()), "indicator " + code, ifMatch, corr);
    }

    @PostMapping("/{plan}/indicators/{code}/retirement")
    ResponseEntity<CommandAccepted> retireIndicator(@PathVariable String plan, @PathVariable String code,
                                                    @Valid @RequestBody PlanRequests.Retire body,
                                                    @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                                    @RequestHeader(value = CORRELATION, required = false) String corr) {
        return commands.send(new RetireIndicatorCommand(plan, code, body.effectiveFrom(), body.reason(),
                body.decisionRef()), "indicator " + code, ifMatch, corr);
    }

    @PostMapping("/{plan}/indicators/{code}/measurement-basis")
    ResponseEntity<CommandAccepted> setBasis(@PathVariable String plan, @PathVariable String code,
                                             @Valid @RequestBody PlanRequests.SetMeasurementBasis body,
                                             @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                             @RequestHeader(value = CORRELATION, required = false) String corr) {
        return commands.send(new SetMeasurementBasisCommand(plan, code, body.basis(), body.effectiveFrom(),
                body.reason(), body.decisionRef()), "indicator " + code, ifMatch, corr);
    }

    @PostMapping("/{plan}/indicators/{code}/continuity")
    ResponseEntity<CommandAccepted> declareContinuity(@PathVariable String plan, @PathVariable String code,
                                                      @Valid @RequestBody PlanRequests.DeclareContinuity body,
                                                      @RequestHeader(value = "If-Match", required = false)
                                                      String ifMatch,
                                                      @RequestHeader(value = CORRELATION, required = false)
                                                      String corr) {
        return commands.send(new DeclareContinuityCommand(plan, code, body.predecessor(), body.differenceReason(),
                body.effectiveFrom()), "indicator " + code, ifMatch, corr);
    }

    @PostMapping("/{plan}/indicators/{code}/milestones")
    ResponseEntity<CommandAccepted> setMilestone(@PathVariable String plan, @PathVariable String code,
                                                 @Valid @RequestBody PlanRequests.SetMilestone body,
                                                 @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                                 @RequestHeader(value = CORRELATION, required = false) String corr) {
        return commands.send(new SetMilestoneCommand(plan, code, body.year(), body.value(), body.unit(),
                body.effectiveFrom(), body.reason(), body.decisionRef()), "indicator " + code, ifMatch, corr);
    }

    @PostMapping("/{plan}/sections")
    ResponseEntity<CommandAccepted> adoptSection(@PathVariable String plan,
                                                 @Valid @RequestBody PlanRequests.AdoptSection body,
                                                 @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                                 @RequestHeader(value = CORRELATION, required = false) String corr) {
        return commands.send(new AdoptSectionCommand(plan, body.code(), body.title(), body.intro(),
                body.effectiveFrom()), "section " + body.code(), ifMatch, corr);
    }

    @PostMapping("/{plan}/tasks")
    ResponseEntity<CommandAccepted> adoptTask(@PathVariable String plan, @Valid @RequestBody PlanRequests.AdoptTask body,
                                              @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                              @RequestHeader(value = CORRELATION, required = false) String corr) {
        return commands.send(new AdoptTaskCommand(plan, body.code(), body.section(), body.title(), body.text(),
                body.effectiveFrom(), body.reason(), body.decisionRef()), "task " + body.code(), ifMatch, corr);
    }

    @PostMapping("/{plan}/tasks/{code}/amendments")
    ResponseEntity<CommandAccepted> amendTask(@PathVariable String plan, @PathVariable String code,
                                              @Valid @RequestBody PlanRequests.AmendTask body,
                                              @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                              @RequestHeader(value = CORRELATION, required = false) String corr) {
        return commands.send(new AmendTaskCommand(plan, code, body.title(), body.text(), body.effectiveFrom(),
                body.reason(), body.decisionRef()), "task " + code, ifMatch, corr);
    }

    @PostMapping("/{plan}/tasks/{code}/retirement")
    ResponseEntity<CommandAccepted> retireTask(@PathVariable String plan, @PathVariable String code,
                                               @Valid @RequestBody PlanRequests.Retire body,
                                               @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                               @RequestHeader(value = CORRELATION, required = false) String corr) {
        return commands.send(new RetireTaskCommand(plan, code, body.effectiveFrom(), body.reason(),
                body.decisionRef()), "task " + code, ifMatch, corr);
    }

    @PostMapping("/{plan}/columns")
    ResponseEntity<CommandAccepted> adoptColumn(@PathVariable String plan,
                                                @Valid @RequestBody PlanRequests.AdoptColumn body,
                                                @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                                @RequestHeader(value = CORRELATION, required = false) String corr) {
        return commands.send(new AdoptColumnCommand(plan, body.code(), body.section(), body.title(), body.intro(),
                body.items(), body.effectiveFrom()), "column " + body.code(), ifMatch, corr);
    }

    @PostMapping("/{plan}/safeguards")
    ResponseEntity<CommandAccepted> adoptSafeguard(@PathVariable String plan,
                                                   @Valid @RequestBody PlanRequests.AdoptSafeguard body,
                                                   @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                                   @RequestHeader(value = CORRELATION, required = false) String corr) {
        return commands.send(new AdoptSafeguardCommand(plan, body.code(), body.kind(), body.title(), body.items(),
                body.effectiveFrom()), "safeguard " + body.code(), ifMatch, corr);
    }

    @PostMapping("/{plan}/close")
    ResponseEntity<CommandAccepted> close(@PathVariable String plan, @Valid @RequestBody PlanRequests.ClosePlan body,
                                          @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                          @RequestHeader(value = CORRELATION, required = false) String corr) {
        return commands.send(new ClosePlanCommand(plan, body.effectiveFrom(), body.reason(), body.decisionRef()),
                "plan " + plan, ifMatch, corr);
    }

    @PostMapping("/{plan}/supersession")
    ResponseEntity<CommandAccepted> supersede(@PathVariable String plan,
                                              @Valid @RequestBody PlanRequests.SupersedePlan body,
                                              @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                              @RequestHeader(value = CORRELATION, required = false) String corr) {
        return commands.send(new SupersedePlanCommand(plan, body.supersededBy(), body.effectiveFrom(), body.reason(),
                body.decisionRef()), "plan " + plan, ifMatch, corr);
    }
}
