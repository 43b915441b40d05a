package org.planregistry.command.importing;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/plans/import}: a whole plan definition document, YAML or JSON, adopted in one request. Answers
 * 201 when it adopted the plan (or finished an import of the same document that was cut short) and 200 when the plan
 * was already adopted exactly so.
 */
@RestController
class ImportController {

    private final PlanImport planImport;

    ImportController(PlanImport planImport) {
        this.planImport = planImport;
    }

    @PostMapping(path = "/api/plans/import", consumes = {"application/yaml", "application/x-yaml", "text/yaml",
            MediaType.APPLICATION_JSON_VALUE, MediaType.TEXT_PLAIN_VALUE})
    ResponseEntity<ImportReport> importPlan(@RequestBody(required = false) byte[] document,
                                            @RequestHeader(value = "Content-Type") String contentType,
                                            @RequestHeader(value = "X-Correlation-Id", required = false)
                                            String correlationId) {
        boolean isJson = contentType.toLowerCase().contains("json");
        ImportReport report = planImport.importDocument(document, isJson, correlationId);
        return ResponseEntity.status(report.outcome() != ImportReport.Outcome.UNCHANGED ? HttpStatus.CREATED
                : HttpStatus.OK).body(report);
    }
}
