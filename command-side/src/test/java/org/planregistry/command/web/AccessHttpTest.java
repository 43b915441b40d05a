package org.planregistry.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.planregistry.command.CommandSideTest;
import org.planregistry.command.StoredEvent;
import org.planregistry.signin.AccessRules;
import org.planregistry.signin.EndpointAccess;
import org.planregistry.signin.Role;
import org.planregistry.signin.UsersFile;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

/** Who may use each endpoint of the command side (docs/security.md), checked for every endpoint it maps. */
class AccessHttpTest extends CommandSideTest {

    private static final AccessRules.Access REGISTRAR = new AccessRules.Roles(EnumSet.of(Role.REGISTRAR));
    private static final AccessRules.Access EVALUATOR = new AccessRules.Roles(EnumSet.of(Role.EVALUATOR));

    /** The decision for every endpoint, written out here so that a change to the rules shows in this test. */
    private static final Map<String, AccessRules.Access> EXPECTED = new LinkedHashMap<>();

    static {
        for (String path : new String[] {"/api/plans", "/api/plans/import", "/api/plans/{plan}/chapters",
                "/api/plans/{plan}/chapters/{code}/amendments", "/api/plans/{plan}/goals",
                "/api/plans/{plan}/goals/{code}/amendments", "/api/plans/{plan}/indicators",
                "/api/plans/{plan}/indicators/{code}/revisions", "/api/plans/{plan}/indicators/{code}/baseline-corrections",
                "/api/plans/{plan}/indicators/{code}/retirement", "/api/plans/{plan}/indicators/{code}/measurement-basis",
                "/api/plans/{plan}/indicators/{code}/continuity", "/api/plans/{plan}/indicators/{code}/milestones",
                "/api/plans/{plan}/sections", "/api/plans/{plan}/tasks", "/api/plans/{plan}/tasks/{code}/amendments",
                "/api/plans/{plan}/tasks/{code}/retirement", "/api/plans/{plan}/columns", "/api/plans/{plan}/safeguards",
                "/api/plans/{plan}/close", "/api/plans/{plan}/supersession"}) {
            EXPECTED.put("POST " + path, REGISTRAR);
        }
        for (String path : new String[] {"/api/plans/{plan}/evaluations", "/api/plans/{plan}/evaluations/{evaluation}/findings",
                "/api/plans/{plan}/evaluations/{evaluation}/findings/{finding}/corrections",
                "/api/plans/{plan}/evaluations/{evaluation}/findings/{finding}/withdrawal",
                "/api/plans/{plan}/evaluations/{evaluation}/publish"}) {
            EXPECTED.put("POST " + path, EVALUATOR);
        }
    }

    @Autowired
    ApplicationContext application;
    @LocalServerPort
    int port;

    @Test
    void everyEndpointFollowsItsRule() {
        new EndpointAccess("http://localhost:" + port, Map.of(Role.READER, READER_PASSWORD, Role.REGISTRAR,
                REGISTRAR_PASSWORD, Role.EVALUATOR, EVALUATOR_PASSWORD, Role.AUDITOR, AUDITOR_PASSWORD, Role.OPERATOR,
                OPERATOR_PASSWORD)).checkEvery(application, EXPECTED);
    }

    @Test
    void aNamedPersonIsTheActorOfTheirChange() {
        new UsersFile(USERS_FILE).add("wang.fang", EnumSet.of(Role.REGISTRAR), "a long enough secret",
                PasswordEncoderFactories.createDelegatingPasswordEncoder());
        HttpHeaders json = new HttpHeaders();
        json.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<Map> adopted = http.withBasicAuth("wang.fang", "a long enough secret").postForEntity(
                "/api/plans", new HttpEntity<>("""
                        {"code": "ACCESS-NAMED", "title": "Named", "adoptedOn": "2022-01-01",
                         "period": {"from": 2021, "to": 2025}}""", json), Map.class);
        assertThat(adopted.getStatusCode()).as("%s", adopted.getBody()).isEqualTo(HttpStatus.CREATED);
        StoredEvent.answering(database, adopted, "ACCESS-NAMED", "plan ACCESS-NAMED", "ACCESS-NAMED")
                .isA("PlanAdoptedEvent").by("wang.fang", "REGISTRAR");

        new UsersFile(USERS_FILE).add("zhang.min", EnumSet.of(Role.AUDITOR, Role.EVALUATOR), "another long secret",
                PasswordEncoderFactories.createDelegatingPasswordEncoder());
        ResponseEntity<Map> opened = http.withBasicAuth("zhang.min", "another long secret").postForEntity(
                "/api/plans/ACCESS-NAMED/evaluations", new HttpEntity<>("""
                        {"id": "E2023", "kind": "ANNUAL", "evaluator": "第三方评估机构",
                         "period": {"from": 2023, "to": 2023}, "effectiveFrom": "2024-03-01"}""", json), Map.class);
        StoredEvent.answering(database, opened, "ACCESS-NAMED", "evaluation E2023", null)
                .isA("EvaluationOpenedEvent").by("zhang.min", "EVALUATOR");

        ResponseEntity<String> wrong = http.withBasicAuth("wang.fang", "not the secret").postForEntity(
                "/api/plans/ACCESS-NAMED/close", new HttpEntity<>("{}", json), String.class);
        assertThat(wrong.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(wrong.getBody()).contains("wrong");

        new UsersFile(USERS_FILE).remove("wang.fang");
        ResponseEntity<String> gone = http.withBasicAuth("wang.fang", "a long enough secret").postForEntity(
                "/api/plans/ACCESS-NAMED/close", new HttpEntity<>("{}", json), String.class);
        assertThat(gone.getStatusCode()).as("a removed person is refused at once, remembered sign-in or not")
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }
}
