package io.turno.identity;

import static io.turno.TestHttp.assertProblem;
import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import io.turno.TestDatabase;
import io.turno.TestHttp;
import io.turno.TurnoTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The platform's SUPER_ADMIN manages tenants; nobody else can. */
@TurnoTest
class TenantsApiTests {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    JdbcClient jdbc;

    @Autowired
    void ownerConnection(javax.sql.DataSource dataSource) {
        jdbc = TestDatabase.owner(dataSource);
    }

    TestHttp http;
    String root;

    @BeforeEach
    void setUp() {
        http = new TestHttp(port);
        root = http.token("platform", "root", "Root123!");
    }

    @Test
    void theSuperAdminCreatesATenantWhoseAdminWorksOnlyInsideIt() {
        var created = http.call("POST", "/api/v1/tenants", root, """
                {"slug": "norte", "name": "Clínica Norte", "time_zone": "America/Lima", "currency": "PEN",
                 "settings": {"self_registration": true},
                 "admin": {"username": "jefa", "full_name": "Jefa Norte", "password": "Norte-Clave-1"}}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        var tenant = json(created);
        assertThat(tenant.get("slug").asString()).isEqualTo("norte");
        assertThat(tenant.get("time_zone").asString()).isEqualTo("America/Lima");
        assertThat(tenant.get("settings").get("self_registration").asBoolean()).isTrue();
        assertThat(tenant.get("active_users").asLong()).isOne();
        assertThat(json(http.call("GET", "/api/v1/tenants?q=nor", root, null))
                        .get("total")
                        .asLong())
                .isOne();

        String jefa = http.token("norte", "jefa", "Norte-Clave-1");
        var users = json(http.call("GET", "/api/v1/users", jefa, null));
        assertThat(users.get("items").valueStream().map(u -> u.get("username").asString()))
                .containsExactly("jefa");
        var roles = json(http.call("GET", "/api/v1/roles", jefa, null));
        assertThat(roles.valueStream().map(r -> r.get("code").asString()))
                .contains("ADMIN", "VIEWER")
                .doesNotContain("SUPER_ADMIN");
        assertThat(jdbc.sql(
                                "SELECT count(*) FROM audit_log WHERE tenant_id = :t AND entity_type = 'tenant' AND action = 'CREATE'")
                        .param("t", UUID.fromString(tenant.get("id").asString()))
                        .query(Long.class)
                        .single())
                .isOne();

        assertProblem(
                http.call("POST", "/api/v1/tenants", jefa, "{\"slug\": \"sur\", \"name\": \"Sur\"}"),
                403,
                "INSUFFICIENT_PERMISSIONS");
        assertProblem(
                http.call("GET", "/api/v1/tenants", http.demoToken("admin", "Admin123!"), null),
                403,
                "INSUFFICIENT_PERMISSIONS");
    }

    @Test
    void aDeactivatedTenantsUsersAreSignedOutAndCannotSignIn() {
        var tenant = json(http.call("POST", "/api/v1/tenants", root, """
                {"slug": "cerrada", "name": "Cerrada", "admin": {"username": "jefe", "password": "Cerrada-Clave-1"}}"""));
        String jefe = http.token("cerrada", "jefe", "Cerrada-Clave-1");
        assertThat(http.call("GET", "/api/v1/auth/me", jefe, null).statusCode()).isEqualTo(200);

        var deleted = http.call("DELETE", "/api/v1/tenants/" + tenant.get("id").asString(), root, null);
        assertThat(deleted.statusCode()).isEqualTo(204);

        assertProblem(http.call("GET", "/api/v1/auth/me", jefe, null), 401, "TOKEN_INVALID");
        assertThat(http.postJson("/api/v1/auth/login", """
                {"tenant": "cerrada", "username": "jefe", "password": "Cerrada-Clave-1"}""").statusCode()).isEqualTo(401);
        assertThat(json(http.call("GET", "/api/v1/tenants/" + tenant.get("id").asString(), root, null))
                        .get("active")
                        .asBoolean())
                .isFalse();

        var reactivated =
                http.call("PUT", "/api/v1/tenants/" + tenant.get("id").asString(), root, "{\"active\": true}");
        assertThat(json(reactivated).get("active").asBoolean()).isTrue();
        http.token("cerrada", "jefe", "Cerrada-Clave-1");
    }

    @Test
    void patientsRegisterThemselvesWhereTheTenantAllowsIt() {
        http.call("POST", "/api/v1/tenants", root, """
                {"slug": "abierta", "name": "Abierta", "settings": {"self_registration": true}}""");
        String body = """
                {"tenant": "%s", "username": "paciente1", "full_name": "Ana Paciente", "email": "ana@example.com",
                 "password": "Paciente-Clave-1"}""";
        var registered = http.postJson("/api/v1/auth/register", body.formatted("abierta"));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        var me = json(http.call(
                "GET", "/api/v1/auth/me", json(registered).get("access_token").asString(), null));
        assertThat(me.get("roles").valueStream().map(r -> r.asString())).containsExactly("PATIENT");
        assertThat(me.get("email").asString()).isEqualTo("ana@example.com");

        assertProblem(http.postJson("/api/v1/auth/register", body.formatted("abierta")), 409, "CONFLICT");
        // An organization without the setting is closed (the demo has it on, for its booking page).
        http.call("POST", "/api/v1/tenants", root, """
                {"slug": "sin-registro", "name": "Sin registro"}""");
        String closed = assertProblem(
                        http.postJson("/api/v1/auth/register", body.formatted("sin-registro")),
                        403,
                        "INSUFFICIENT_PERMISSIONS")
                .get("detail")
                .asString();
        assertThat(assertProblem(
                                http.postJson("/api/v1/auth/register", body.formatted("no-existe")),
                                403,
                                "INSUFFICIENT_PERMISSIONS")
                        .get("detail")
                        .asString())
                .isEqualTo(closed);
        assertProblem(
                http.postJson("/api/v1/auth/register", body.formatted("abierta").replace("Paciente-Clave-1", "corta")),
                422,
                "VALIDATION_FAILED");
    }

    @Test
    void badRequestsAreRefusedWithAReason() {
        http.call("POST", "/api/v1/tenants", root, "{\"slug\": \"doble\", \"name\": \"Doble\"}");
        assertProblem(
                http.call("POST", "/api/v1/tenants", root, "{\"slug\": \"doble\", \"name\": \"Otra\"}"),
                409,
                "CONFLICT");
        var invalid = assertProblem(
                http.call("POST", "/api/v1/tenants", root, "{\"slug\": \"Con Espacios\", \"name\": \"\"}"),
                422,
                "VALIDATION_FAILED");
        assertThat(invalid.get("errors").valueStream().map(e -> e.get("field").asString()))
                .contains("slug", "name");
        assertThat(assertProblem(
                                http.call(
                                        "POST",
                                        "/api/v1/tenants",
                                        root,
                                        "{\"slug\": \"zona\", \"name\": \"Zona\", \"time_zone\": \"Marte/Olympus\"}"),
                                422,
                                "VALIDATION_FAILED")
                        .get("detail")
                        .asString())
                .contains("Marte/Olympus");
        assertProblem(
                http.call(
                        "POST",
                        "/api/v1/tenants",
                        root,
                        "{\"slug\": \"debil\", \"name\": \"Débil\", \"admin\": {\"username\": \"jefe\", \"password\": \"corta\"}}"),
                422,
                "VALIDATION_FAILED");
        assertThat(jdbc.sql("SELECT count(*) FROM tenants WHERE slug IN ('zona', 'debil')")
                        .query(Long.class)
                        .single())
                .isZero();

        String platform = jdbc.sql("SELECT id FROM tenants WHERE platform")
                .query(String.class)
                .single();
        assertProblem(http.call("DELETE", "/api/v1/tenants/" + platform, root, null), 409, "BUSINESS_RULE_VIOLATION");
        assertProblem(http.call("GET", "/api/v1/tenants/" + UUID.randomUUID(), root, null), 404, "NOT_FOUND");
    }

    @Test
    void aPermissionThatArrivesWithAReleaseIsGrantedOnceToTheRolesThatHoldItByDefault() throws Exception {
        String viewerPermissions =
                "SELECT array_to_string(permissions, ',') FROM roles r JOIN tenants t ON t.id = r.tenant_id WHERE t.slug = 'demo' AND r.code = :code";
        // As if audit:read were new: unknown to the database and missing from the roles.
        jdbc.sql("DELETE FROM identity_known_permissions WHERE permission = 'audit:read'")
                .update();
        jdbc.sql("UPDATE roles SET permissions = array_remove(permissions, 'audit:read')")
                .update();
        // An administrator's own choice stays: users:read was taken from MANAGER and is not new.
        jdbc.sql("UPDATE roles SET permissions = array_remove(permissions, 'users:read') WHERE code = 'MANAGER'")
                .update();

        for (ApplicationRunner runner :
                context.getBeansOfType(ApplicationRunner.class).values()) {
            runner.run(new DefaultApplicationArguments());
        }

        assertThat(jdbc.sql(viewerPermissions)
                        .param("code", "VIEWER")
                        .query(String.class)
                        .single()
                        .split(","))
                .contains("audit:read");
        assertThat(jdbc.sql(viewerPermissions)
                        .param("code", "ADMIN")
                        .query(String.class)
                        .single()
                        .split(","))
                .contains("audit:read");
        assertThat(jdbc.sql(viewerPermissions)
                        .param("code", "RECEPTIONIST")
                        .query(String.class)
                        .single()
                        .split(","))
                .doesNotContain("audit:read");
        assertThat(jdbc.sql(viewerPermissions)
                        .param("code", "MANAGER")
                        .query(String.class)
                        .single()
                        .split(","))
                .doesNotContain("users:read");
    }
}
