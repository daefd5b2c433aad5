package io.turno.identity;

import static io.turno.TestHttp.assertProblem;
import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import io.turno.TestHttp;
import io.turno.TurnoTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@TurnoTest
class RolesApiTests {

    @LocalServerPort
    int port;

    TestHttp http;
    String admin;

    @BeforeEach
    void setUp() {
        http = new TestHttp(port);
        admin = http.demoToken("admin", "Admin123!");
    }

    @Test
    void theCatalogAndTheBuiltInRolesAreListed() {
        JsonNode catalog = json(http.call("GET", "/api/v1/permissions", admin, null));
        assertThat(catalog.valueStream().map(JsonNode::asString)).contains("users:create", "audit:verify");
        JsonNode roles = json(http.call("GET", "/api/v1/roles", admin, null));
        assertThat(roles.valueStream()
                        .filter(r -> r.get("built_in").asBoolean())
                        .map(r -> r.get("code").asString()))
                .containsExactlyInAnyOrder(
                        "ADMIN", "MANAGER", "SUPERVISOR", "RECEPTIONIST", "THERAPIST", "OPERATOR", "VIEWER", "PATIENT");
    }

    @Test
    void aCustomRoleIsCreatedChangedAndDeletedButBuiltInRolesStay() {
        var created = http.call("POST", "/api/v1/roles", admin, """
                {"code": "AUDITOR", "name": "Auditor", "permissions": ["audit:read", "audit:verify"]}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = json(created).get("id").asString();
        assertProblem(http.call("POST", "/api/v1/roles", admin, """
                {"code": "AUDITOR", "name": "Otro", "permissions": []}"""), 409, "CONFLICT");
        assertProblem(http.call("POST", "/api/v1/roles", admin, """
                {"code": "MAGO", "name": "Mago", "permissions": ["spells:cast"]}"""), 422, "VALIDATION_FAILED");

        var updated = json(http.call("PUT", "/api/v1/roles/" + id, admin, """
                {"permissions": ["audit:read"]}"""));
        assertThat(updated.get("permissions").valueStream().map(JsonNode::asString))
                .containsExactly("audit:read");
        assertThat(http.call("DELETE", "/api/v1/roles/" + id, admin, null).statusCode())
                .isEqualTo(204);

        String adminRole = roleId("ADMIN");
        assertProblem(http.call("DELETE", "/api/v1/roles/" + adminRole, admin, null), 409, "BUSINESS_RULE_VIOLATION");
        assertProblem(
                http.call("PUT", "/api/v1/roles/" + adminRole, admin, "{\"permissions\": []}"),
                409,
                "BUSINESS_RULE_VIOLATION");
    }

    @Test
    void grantingAPermissionLetsTheUserActAtOnce() {
        String therapist = http.demoToken("therapist", "Therapist123!");
        assertProblem(http.call("GET", "/api/v1/audit", therapist, null), 403, "INSUFFICIENT_PERMISSIONS");
        String therapistId = json(http.call("GET", "/api/v1/auth/me", therapist, null))
                .get("user_id")
                .asString();

        JsonNode granted = json(http.call("POST", "/api/v1/permissions/assign", admin, """
                {"user_id": "%s", "permissions": ["audit:read"]}""".formatted(therapistId)));
        assertThat(granted.get("effective").valueStream().map(JsonNode::asString))
                .contains("audit:read");
        assertThat(http.call("GET", "/api/v1/audit", therapist, null).statusCode())
                .isEqualTo(200);

        http.call("POST", "/api/v1/permissions/assign", admin, """
                {"user_id": "%s", "permissions": []}""".formatted(therapistId));
        assertProblem(http.call("GET", "/api/v1/audit", therapist, null), 403, "INSUFFICIENT_PERMISSIONS");
        assertProblem(http.call("GET", "/api/v1/permissions/user/" + UUID.randomUUID(), admin, null), 404, "NOT_FOUND");
    }

    @Test
    void changingARolesPermissionsReachesTokensAlreadyHandedOut() {
        String code = "REV"
                + UUID.randomUUID().toString().substring(0, 6).toUpperCase().replace('-', 'X');
        var role = http.call("POST", "/api/v1/roles", admin, """
                {"code": "%s", "name": "Revisor", "permissions": ["audit:read"]}""".formatted(code));
        assertThat(role.statusCode()).as(role.body()).isEqualTo(201);
        String roleId = json(role).get("id").asString();
        String username = code.toLowerCase();
        var user = http.call("POST", "/api/v1/users", admin, """
                {"username": "%s", "full_name": "Revisora", "password": "Revisora-2026", "roles": ["%s"]}""".formatted(username, code));
        assertThat(user.statusCode()).as(user.body()).isEqualTo(201);
        String reviewer = http.token("demo", username, "Revisora-2026");
        assertThat(http.call("GET", "/api/v1/audit", reviewer, null).statusCode())
                .isEqualTo(200);

        http.call("PUT", "/api/v1/roles/" + roleId, admin, "{\"permissions\": [\"audit:verify\"]}");
        assertProblem(http.call("GET", "/api/v1/audit", reviewer, null), 403, "INSUFFICIENT_PERMISSIONS");
        assertThat(http.call("GET", "/api/v1/audit/verify", reviewer, null).statusCode())
                .isEqualTo(200);

        http.call("PUT", "/api/v1/users/" + json(user).get("id").asString(), admin, "{\"roles\": [\"VIEWER\"]}");
        assertProblem(http.call("GET", "/api/v1/audit/verify", reviewer, null), 403, "INSUFFICIENT_PERMISSIONS");
        http.call("POST", "/api/v1/auth/logout", reviewer, null);
    }

    @Test
    void manyRequestsRereadingTheirGrantsAtOnceDoNotExhaustTheConnectionPool() throws Exception {
        String viewerId = json(http.call("GET", "/api/v1/auth/me", http.demoToken("viewer", "Viewer123!"), null))
                .get("user_id")
                .asString();
        // Any grant moves the tenant's acl_version: every user's grants are read again on their next request.
        http.call("POST", "/api/v1/permissions/assign", admin, """
                {"user_id": "%s", "permissions": []}""".formatted(viewerId));

        try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            var answers = executor.invokeAll(
                    java.util.Collections.nCopies(
                            60,
                            () -> http.call("GET", "/api/v1/auth/me", admin, null)
                                    .statusCode()),
                    20,
                    java.util.concurrent.TimeUnit.SECONDS);
            for (var answer : answers) {
                assertThat(answer.get()).isEqualTo(200);
            }
        }
    }

    private String roleId(String code) {
        return json(http.call("GET", "/api/v1/roles", admin, null))
                .valueStream()
                .filter(r -> code.equals(r.get("code").asString()))
                .findFirst()
                .orElseThrow()
                .get("id")
                .asString();
    }
}
