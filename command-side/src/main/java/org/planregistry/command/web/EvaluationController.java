package org.planregistry.command.web;

import jakarta.validation.Valid;
import org.planregistry.api.PlanCommand.CorrectFindingCommand;
import org.planregistry.api.PlanCommand.OpenEvaluationCommand;
import org.planregistry.api.PlanCommand.PublishEvaluationCommand;
import org.planregistry.api.PlanCommand.RecordFindingCommand;
import org.planregistry.api.PlanCommand.WithdrawFindingCommand;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Evaluation of plans (规划评估机制) over HTTP: open, record findings, correct or withdraw them, publish. */
@RestController
@RequestMapping("/api/plans/{plan}/evaluations")
class EvaluationController {

    private static final String CORRELATION = "X-Correlation-Id";

    private final CommandResponses commands;

    EvaluationController(CommandResponses commands) {
        this.commands = commands;
    }

    @PostMapping
    ResponseEntity<CommandAccepted> open(@PathVariable String plan, @Valid @RequestBody PlanRequests.OpenEvaluation body,
                                         @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                         @RequestHeader(value = CORRELATION, required = false) String corr) {
        return commands.send(new OpenEvaluationCommand(plan, body.id(), body.kind(), body.evaluator(),
                body.period().from(), body.period().to(), body.effectiveFrom()), "evaluation " + body.id(),
                ifMatch, corr);
    }

    @PostMapping("/{evaluation}/findings")
    ResponseEntity<CommandAccepted> record(@PathVariable String plan, @PathVariable String evaluation,
                                           @Valid @RequestBody PlanRequests.RecordFinding body,
                                           @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                           @RequestHeader(value = CORRELATION, required = false) String corr) {
        return commands.send(new RecordFindingCommand(plan, evaluation, body.id(), body.subjectKind(),
                body.subjectCode(), body.year(), body.observedValue(), body.unit(), body.assessment(),
                body.evidenceRef(), body.note(), body.effectiveFrom(), body.span()), "evaluation " + evaluation, ifMatch,
                corr);
    }

    @PostMapping("/{evaluation}/findings/{finding}/corrections")
    ResponseEntity<CommandAccepted> correct(@PathVariable String plan, @PathVariable String evaluation,
                                            @PathVariable String finding,
                                            @Valid @RequestBody PlanRequests.CorrectFinding body,
                                            @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                            @RequestHeader(value = CORRELATION, required = false) String corr) {
        return commands.send(new CorrectFindingCommand(plan, evaluation, finding, body.observedValue(), body.unit(),
                body.assessment(), body.evidenceRef(), body.note(), body.effectiveFrom(), body.reason()),
                "finding " + finding, ifMatch, corr);
    }

    @PostMapping("/{evaluation}/findings/{finding}/withdrawal")
    ResponseEntity<CommandAccepted> withdraw(@PathVariable String plan, @PathVariable String evaluation,
                                             @PathVariable String finding,
                                             @Valid @RequestBody PlanRequests.WithdrawFinding body,
                                             @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                             @RequestHeader(value = CORRELATION, required = false) String corr) {
        return commands.send(new WithdrawFindingCommand(plan, evaluation, finding, body.effectiveFrom(),
                body.reason()), "finding " + finding, ifMatch, corr);
    }

    @PostMapping("/{evaluation}/publish")
    ResponseEntity<CommandAccepted> publish(@PathVariable String plan, @PathVariable String evaluation,
                                            @Valid @RequestBody PlanRequests.Publish body,
                                            @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                            @RequestHeader(value = CORRELATION, required = false) String corr) {
        return commands.send(new PublishEvaluationCommand(plan, evaluation, body.effectiveFrom()),
                "evaluation " + evaluation, ifMatch, corr);
    }
}
