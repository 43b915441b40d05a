package org.planregistry.query.rebuild;

import java.net.URI;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operator endpoints: {@code POST /api/admin/views/rebuild} starts a rebuild by replay (202, with the status to poll
 * at {@code Location}); {@code GET} on the same path tells whether it is done.
 */
@RestController
class RebuildController {

    private static final String PATH = "/api/admin/views/rebuild";

    private final ViewRebuild rebuild;

    RebuildController(ViewRebuild rebuild) {
        this.rebuild = rebuild;
    }

    @PostMapping(PATH)
    ResponseEntity<RebuildStatus> start() {
        return ResponseEntity.accepted().location(URI.create(PATH)).body(rebuild.start());
    }

    @GetMapping(PATH)
    RebuildStatus status() {
        return rebuild.status();
    }
}
