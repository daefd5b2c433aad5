package io.turno.identity;

import static io.turno.TestHttp.assertProblem;
import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;

import io.turno.TestHttp;
import io.turno.TurnoTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@TurnoTest
class UsersApiTests {

    @LocalServerPort
    int port;

    JdbcClient jdbc;

    @Autowired
    void ownerConnection(javax.sql.DataSource dataSource) {
        jdbc = io.turno.TestDatabase.owner(dataSource);
    }

    TestHttp http;

    @BeforeEach
    void setUp() {
        http = new TestHttp(port);
    }

    @Test
    void anAdminCreatesAUserWhoSignsInAndEveryChangeIsAudited() {
        String admin = http.demoToken("admin", "Admin123!");
        var created = http.call("POST", "/api/v1/users", admin, """
                {"username": "lucia", "full_name": "Lucía Pérez", "email": "lucia@demo.example",
                 "password": "Recepcion-2026", "roles": ["RECEPTIONIST"]}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode user = json(created);
        assertThat(user.get("roles").get(0).asString()).isEqualTo("RECEPTIONIST");
        assertThat(created.body()).doesNotContain("password", "argon2");
        String lucia = http.demoToken("lucia", "Recepcion-2026");

        var listed = json(http.call("GET", "/api/v1/users?q=luc&size=5", admin, null));
        assertThat(listed.get("total").asLong()).isOne();
        assertThat(listed.get("items").get(0).get("full_name").asString()).isEqualTo("Lucía Pérez");

        String id = user.get("id").asString();
        var updated = http.call("PUT", "/api/v1/users/" + id, admin, """
                {"roles": ["RECEPTIONIST", "VIEWER"], "full_name": "Lucía Pérez Gómez"}""");
        assertThat(json(updated).get("roles").size()).isEqualTo(2);

        assertThat(http.call("DELETE", "/api/v1/users/" + id, admin, null).statusCode())
                .isEqualTo(204);
        assertThat(http.call("GET", "/api/v1/auth/me", lucia, null).statusCode())
                .isEqualTo(401);
        assertThat(login("lucia", "Recepcion-2026").statusCode()).isEqualTo(401);
        assertThat(json(http.call("GET", "/api/v1/users/" + id, admin, null))
                        .get("active")
                        .asBoolean())
                .isFalse();

        assertThat(jdbc.sql(
                                "SELECT action FROM audit_log WHERE entity_type = 'user' AND entity_id = :id AND actor_name = 'admin' ORDER BY id")
                        .param("id", id)
                        .query(String.class)
                        .list())
                .containsExactly("CREATE", "UPDATE", "DELETE");
    }

    @Test
    void badInputIsRefusedWithAReasonAndNothingIsSaved() {
        String admin = http.demoToken("admin", "Admin123!");
        assertProblem(http.call("POST", "/api/v1/users", admin, """
                {"username": "viewer", "full_name": "Dup", "password": "Valid-Pass-1", "roles": ["VIEWER"]}"""), 409, "CONFLICT");
        assertProblem(http.call("POST", "/api/v1/users", admin, """
                {"username": "nuevo1", "full_name": "X", "password": "Valid-Pass-1", "roles": ["CHIEF"]}"""), 422, "VALIDATION_FAILED");
        assertProblem(http.call("POST", "/api/v1/users", admin, """
                {"username": "nuevo2", "full_name": "X", "password": "weak", "roles": ["VIEWER"]}"""), 422, "VALIDATION_FAILED");
        JsonNode invalid = assertProblem(http.call("POST", "/api/v1/users", admin, """
                {"username": "a b", "full_name": "", "email": "nope", "password": "Valid-Pass-1", "roles": []}"""), 422, "VALIDATION_FAILED");
        assertThat(invalid.get("errors").valueStream().map(e -> e.get("field").asString()))
                .contains("username", "full_name", "email", "roles");
        assertThat(jdbc.sql("SELECT count(*) FROM users WHERE username LIKE 'nuevo%'")
                        .query(Long.class)
                        .single())
                .isZero();
        assertProblem(http.call("DELETE", "/api/v1/users/" + meId(admin), admin, null), 409, "BUSINESS_RULE_VIOLATION");
    }

    @Test
    void aViewerReadsButCannotChangeAndAnotherTenantsUserDoesNotExist() {
        String viewer = http.demoToken("viewer", "Viewer123!");
        assertThat(http.call("GET", "/api/v1/users", viewer, null).statusCode()).isEqualTo(200);
        assertProblem(http.call("POST", "/api/v1/users", viewer, """
                {"username": "intruso", "full_name": "X", "password": "Valid-Pass-1", "roles": ["ADMIN"]}"""), 403, "INSUFFICIENT_PERMISSIONS");

        UUID otherTenant = UUID.randomUUID();
        UUID stranger = UUID.randomUUID();
        jdbc.sql("INSERT INTO tenants (id, slug, name) VALUES (:id, 'otra', 'Otra')")
                .param("id", otherTenant)
                .update();
        jdbc.sql(
                        "INSERT INTO users (id, tenant_id, username, full_name, password_hash) VALUES (:id, :t, 'ajeno', 'Ajeno', 'x')")
                .param("id", stranger)
                .param("t", otherTenant)
                .update();
        String admin = http.demoToken("admin", "Admin123!");
        assertProblem(http.call("GET", "/api/v1/users/" + stranger, admin, null), 404, "NOT_FOUND");
        assertProblem(http.call("PUT", "/api/v1/users/" + stranger, admin, "{\"active\": false}"), 404, "NOT_FOUND");
        assertThat(json(http.call("GET", "/api/v1/users?q=ajeno", admin, null))
                        .get("total")
                        .asLong())
                .isZero();
    }

    private String meId(String token) {
        return json(http.call("GET", "/api/v1/auth/me", token, null))
                .get("user_id")
                .asString();
    }

    private HttpResponse<String> login(String username, String password) {
        return http.postJson("/api/v1/auth/login", """
                {"tenant": "demo", "username": "%s", "password": "%s"}""".formatted(username, password));
    }
}
