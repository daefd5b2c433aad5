package io.turno.dashboards;

import static io.turno.TestHttp.assertProblem;
import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;

import io.turno.TestDatabase;
import io.turno.TestHttp;
import io.turno.TurnoTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.EnableScenarios;
import org.springframework.modulith.test.Scenario;
import tools.jackson.databind.JsonNode;

/**
 * The widget catalog and the dashboard templates over the API: every save checked against the widgets'
 * JSON Schemas, built-in templates overridden, versioned, undone and reverted, one organization's
 * override never seen by another.
 */
@TurnoTest
@EnableScenarios
class DashboardTemplatesTests {

    static final String PASSWORD = "Tablero-Clave-2027!";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient app;

    JdbcClient owner;

    @Autowired
    void ownerConnection(javax.sql.DataSource dataSource) {
        owner = TestDatabase.owner(dataSource);
    }

    TestHttp http;

    @BeforeEach
    void setUp() {
        http = new TestHttp(port);
    }

    @Test
    void theCatalogListsEveryWidgetWithItsSchemaAndTheApplicationCannotChangeIt() {
        String viewer = http.demoToken("viewer", "Viewer123!");
        JsonNode catalog = json(http.call("GET", "/api/v1/widget-catalog", viewer, null));
        assertThat(catalog.valueStream().map(w -> w.get("code").asString()).toList())
                .contains("appointments_today", "waiting_now", "oee_cards", "recent_audit");
        JsonNode oee = catalog.valueStream()
                .filter(w -> w.get("code").asString().equals("oee_cards"))
                .findFirst()
                .orElseThrow();
        assertThat(oee.get("kind").asString()).isEqualTo("kpi_cards");
        assertThat(oee.get("source_module").asString()).isEqualTo("production");
        assertThat(oee.get("permission").asString()).isEqualTo("detections:read");
        assertThat(oee.at("/parameters_schema/properties/days/maximum").asInt()).isEqualTo(366);
        assertThat(catalog.valueStream().map(w -> w.get("kind").asString()))
                .allMatch(kind -> List.of("kpi_cards", "line", "bar", "pie", "table", "gauge")
                        .contains(kind));

        assertThatThrownBy(() -> app.sql("UPDATE dashboards_widgets SET permission = 'audit:read'")
                        .update())
                .hasStackTraceContaining("permission denied");
        assertThatThrownBy(() ->
                        app.sql("DELETE FROM dashboards_builtin_templates").update())
                .hasStackTraceContaining("permission denied");
    }

    @Test
    void aTemplateWhoseParametersBreakTheWidgetSchemaIsRefusedNamingTheField() {
        String admin = newOrganization();
        var refused = http.call("PUT", "/api/v1/dashboard-templates/VIEWER", admin, """
                {"widgets": [
                  {"widget": "waiting_now", "width": 2, "parameters": {}},
                  {"widget": "no_show_rate", "width": 2, "parameters": {"days": 0}},
                  {"widget": "oee_cards", "width": 5, "parameters": {"line_id": "not-a-line", "colour": "red"}},
                  {"widget": "horoscope", "width": 1, "parameters": {}}
                ]}""");
        JsonNode problem = assertProblem(refused, 422, "VALIDATION_FAILED");
        assertThat(problem.get("errors").valueStream().map(e -> e.get("field").asString()))
                .contains(
                        "widgets[1].parameters.days",
                        "widgets[2].width",
                        "widgets[2].parameters.line_id",
                        "widgets[2].parameters.colour",
                        "widgets[3].widget")
                .noneMatch(field -> field.startsWith("widgets[0]"));
        assertThat(json(http.call("GET", "/api/v1/dashboard-templates/VIEWER", admin, null))
                        .get("source")
                        .asString())
                .as("nothing was saved")
                .isEqualTo("BUILT_IN");

        var saved = http.call("PUT", "/api/v1/dashboard-templates/VIEWER", admin, """
                {"widgets": [{"widget": "no_show_rate", "width": 4, "parameters": {"days": 30}}]}""");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(json(saved).get("source").asString()).isEqualTo("TENANT");
        assertThat(json(saved).at("/widgets/0/parameters/days").asInt()).isEqualTo(30);
        assertProblem(
                http.call("PUT", "/api/v1/dashboard-templates/VIEWER", admin, "{\"widgets\": []}"),
                422,
                "VALIDATION_FAILED");
    }

    @Test
    void savesAreVersionedUndoneAndRevertedToTheBuiltInTemplate() {
        String admin = newOrganization();
        JsonNode builtIn = json(http.call("GET", "/api/v1/dashboard-templates/receptionist", admin, null));
        assertThat(builtIn.get("source").asString()).isEqualTo("BUILT_IN");
        assertThat(builtIn.has("version")).isFalse();
        assertThat(builtIn.get("widgets").size()).isPositive();

        save(admin, "RECEPTIONIST", "waiting_now");
        JsonNode second = save(admin, "RECEPTIONIST", "longest_waiting");
        assertThat(second.get("version").asInt()).isEqualTo(2);
        assertThat(widgets(second)).containsExactly("longest_waiting");

        JsonNode undone = json(http.call("POST", "/api/v1/dashboard-templates/RECEPTIONIST/undo", admin, null));
        assertThat(undone.get("version").asInt()).isEqualTo(1);
        assertThat(widgets(undone)).containsExactly("waiting_now");

        JsonNode reverted = json(http.call("DELETE", "/api/v1/dashboard-templates/RECEPTIONIST", admin, null));
        assertThat(reverted.get("source").asString()).isEqualTo("BUILT_IN");
        assertThat(widgets(reverted)).isEqualTo(widgets(builtIn));

        JsonNode versions = json(http.call("GET", "/api/v1/dashboard-templates/RECEPTIONIST/versions", admin, null));
        assertThat(versions.valueStream().map(v -> v.get("version").asInt())).containsExactly(3, 2, 1);
        assertThat(versions.get(0).get("built_in").asBoolean()).isTrue();
        assertThat(versions.get(1).has("undone_at")).isTrue();
        assertThat(versions.get(2).has("undone_at")).isFalse();

        JsonNode back = json(http.call("POST", "/api/v1/dashboard-templates/RECEPTIONIST/undo", admin, null));
        assertThat(back.get("source").asString()).as("undoing the revert").isEqualTo("TENANT");
        assertThat(widgets(back)).containsExactly("waiting_now");
        http.call("POST", "/api/v1/dashboard-templates/RECEPTIONIST/undo", admin, null);
        assertProblem(http.call("POST", "/api/v1/dashboard-templates/RECEPTIONIST/undo", admin, null), 409, "CONFLICT");
        assertProblem(http.call("GET", "/api/v1/dashboard-templates/JANITOR", admin, null), 404, "NOT_FOUND");
        assertThat(json(http.call("GET", "/api/v1/audit?entity=dashboard_template", admin, null))
                        .get("items")
                        .valueStream()
                        .map(e -> e.get("action").asString()))
                .contains("dashboard_template.saved", "dashboard_template.undone", "dashboard_template.reverted");
    }

    @Test
    void anOverrideChangesWhatThatOrganizationsRoleSeesAndNothingElsewhere() {
        String mine = newOrganization();
        String theirs = newOrganization();
        String myViewer = user(mine, "VIEWER");
        String theirViewer = user(theirs, "VIEWER");
        List<String> before = widgets(json(http.call("GET", "/api/v1/dashboard", theirViewer, null)));

        save(mine, "VIEWER", "recent_audit");

        JsonNode dashboard = json(http.call("GET", "/api/v1/dashboard", myViewer, null));
        assertThat(dashboard.get("role").asString()).isEqualTo("VIEWER");
        assertThat(dashboard.get("source").asString()).isEqualTo("TENANT");
        assertThat(widgets(dashboard)).containsExactly("recent_audit");
        JsonNode other = json(http.call("GET", "/api/v1/dashboard", theirViewer, null));
        assertThat(other.get("source").asString()).isEqualTo("BUILT_IN");
        assertThat(widgets(other)).isEqualTo(before).doesNotContain("recent_audit");
        assertThat(json(http.call("GET", "/api/v1/dashboard-templates/VIEWER/versions", theirs, null))
                        .size())
                .isZero();
    }

    @Test
    void aNewOrganizationsDashboardShowsNoneOfAnotherOrganizationsFigures() {
        String admin = newOrganization();
        JsonNode dashboard = json(http.call("GET", "/api/v1/dashboard", admin, null));
        assertThat(dashboard.get("role").asString()).isEqualTo("ADMIN");
        dashboard
                .get("widgets")
                .forEach(w -> assertThat(w.has("error"))
                        .as(w.get("widget").asString())
                        .isFalse());
        JsonNode byWidget = json(http.call(
                "GET",
                "/api/v1/dashboard/widgets?types=waiting_now,recent_audit,appointments_today,oee_cards",
                admin,
                null));
        JsonNode waiting = byWidget.get("widgets").get(0);
        assertThat(waiting.at("/data/labels").size())
                .as("demo's queues are not this organization's")
                .isZero();
        JsonNode audit = byWidget.get("widgets").get(1);
        assertThat(audit.at("/data/rows").valueStream().map(r -> r.get(1).asString()))
                .as("the demo organization's people")
                .doesNotContain("admin", "manager", "supervisor", "reception", "operator", "viewer");
        JsonNode appointments = byWidget.get("widgets").get(2);
        assertThat(appointments.at("/data/cards/0/value").asDouble()).isZero();
        assertThat(byWidget.get("widgets").get(3).at("/data/note").asString()).isNotEmpty();
    }

    @Test
    void aWidgetTheCallerMayNotSeeIsLeftOutNeverAnErrorForTheDashboard() {
        String admin = newOrganization();
        String viewer = user(admin, "VIEWER");
        var saved = http.call("PUT", "/api/v1/dashboard-templates/VIEWER", admin, """
                {"widgets": [
                  {"widget": "income_by_method", "width": 2, "parameters": {}},
                  {"widget": "waiting_now", "width": 2, "parameters": {}},
                  {"widget": "wait_by_priority", "width": 2, "parameters": {}}
                ]}""");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);

        JsonNode dashboard = json(http.call("GET", "/api/v1/dashboard", viewer, null));
        assertThat(widgets(dashboard))
                .as("billing:reports and queues:stats are not the viewer's")
                .containsExactly("waiting_now");
        assertThat(dashboard.at("/widgets/0/position").asInt()).isEqualTo(1);
        JsonNode asked =
                json(http.call("GET", "/api/v1/dashboard/widgets?types=income_by_method,waiting_now", viewer, null));
        assertThat(widgets(asked)).containsExactly("waiting_now");
        assertProblem(
                http.call("GET", "/api/v1/dashboard-templates/VIEWER", viewer, null), 403, "INSUFFICIENT_PERMISSIONS");
    }

    @Test
    void aCustomRolesOwnTemplateChangesWhatItsHoldersSeeAndNothingInAnotherOrganization() {
        String mine = newOrganization();
        String theirs = newOrganization();
        role(mine, "CALIDAD", "\"dashboards:read\", \"tickets:read\", \"notifications:read\"");
        String inspector = user(mine, "CALIDAD");
        JsonNode inherited = json(http.call("GET", "/api/v1/dashboard-templates/calidad", mine, null));
        assertThat(inherited.get("role").asString()).isEqualTo("CALIDAD");
        assertThat(inherited.get("source").asString()).isEqualTo("INHERITED");
        assertThat(inherited.has("version")).isFalse();
        List<String> before = widgets(json(http.call("GET", "/api/v1/dashboard", inspector, null)));
        assertThat(before)
                .as("the built-in template showing the role the most, only what it may see")
                .isNotEmpty()
                .isEqualTo(widgets(inherited))
                .doesNotContain("recent_audit", "oee_cards");
        assertThat(json(http.call("GET", "/api/v1/dashboard-templates", mine, null))
                        .valueStream()
                        .map(t -> t.get("role").asString()))
                .contains("ADMIN", "PATIENT", "CALIDAD");

        JsonNode saved = save(mine, "CALIDAD", "longest_waiting");
        assertThat(saved.get("source").asString()).isEqualTo("TENANT");
        assertThat(saved.get("version").asInt()).isEqualTo(1);
        JsonNode own = json(http.call("GET", "/api/v1/dashboard", inspector, null));
        assertThat(own.get("role").asString()).isEqualTo("CALIDAD");
        assertThat(own.get("source").asString()).isEqualTo("TENANT");
        assertThat(widgets(own)).containsExactly("longest_waiting");
        String viewerToo = user(mine, "VIEWER", "CALIDAD");
        assertThat(widgets(json(http.call("GET", "/api/v1/dashboard", viewerToo, null))))
                .as("a custom role's own template comes before the built-in roles' templates")
                .containsExactly("longest_waiting");

        assertProblem(http.call("GET", "/api/v1/dashboard-templates/CALIDAD", theirs, null), 404, "NOT_FOUND");
        assertProblem(http.call("PUT", "/api/v1/dashboard-templates/CALIDAD", theirs, """
                        {"widgets": [{"widget": "waiting_now", "width": 2, "parameters": {}}]}"""), 404, "NOT_FOUND");
        role(theirs, "CALIDAD", "\"dashboards:read\", \"tickets:read\", \"notifications:read\"");
        JsonNode theirCalidad = json(http.call("GET", "/api/v1/dashboard-templates/CALIDAD", theirs, null));
        assertThat(theirCalidad.get("source").asString())
                .as("another organization's role of the same code")
                .isEqualTo("INHERITED");
        assertThat(widgets(json(http.call("GET", "/api/v1/dashboard", user(theirs, "CALIDAD"), null))))
                .isEqualTo(before);

        JsonNode reverted = json(http.call("DELETE", "/api/v1/dashboard-templates/CALIDAD", mine, null));
        assertThat(reverted.get("source").asString()).isEqualTo("INHERITED");
        assertThat(reverted.get("version").asInt()).isEqualTo(2);
        assertThat(widgets(reverted)).isEqualTo(before);
        assertThat(widgets(json(http.call("GET", "/api/v1/dashboard", inspector, null))))
                .isEqualTo(before);
        assertThat(json(http.call("GET", "/api/v1/dashboard", viewerToo, null))
                        .get("role")
                        .asString())
                .as("without its own template the built-in role decides again")
                .isEqualTo("VIEWER");
        assertThat(widgets(json(http.call("POST", "/api/v1/dashboard-templates/CALIDAD/undo", mine, null))))
                .containsExactly("longest_waiting");
        assertProblem(http.call("PUT", "/api/v1/dashboard-templates/JANITOR", mine, """
                {"widgets": [{"widget": "waiting_now", "width": 2, "parameters": {}}]}"""), 404, "NOT_FOUND");
    }

    /** A role created again under a deleted role's code starts from the built-in templates, not from its dashboard. */
    @Test
    void aDeletedCustomRolesTemplateGoesWithIt(Scenario scenario) {
        String admin = newOrganization();
        UUID tenant = UUID.fromString(json(http.call("GET", "/api/v1/auth/me", admin, null))
                .get("tenant_id")
                .asString());
        String permissions = "\"dashboards:read\", \"tickets:read\"";
        String calidad = role(admin, "CALIDAD", permissions);
        List<String> inherited = widgets(json(http.call("GET", "/api/v1/dashboard-templates/CALIDAD", admin, null)));
        save(admin, "CALIDAD", "longest_waiting");
        save(admin, "CALIDAD", "waiting_now");

        scenario.stimulate(() -> assertThat(http.call("DELETE", "/api/v1/roles/" + calidad, admin, null)
                                .statusCode())
                        .isEqualTo(204))
                .andWaitForStateChange(() -> versions(tenant, "CALIDAD"), saved -> saved == 0)
                .andVerify(saved -> assertThat(saved).isZero());

        role(admin, "CALIDAD", permissions);
        JsonNode again = json(http.call("GET", "/api/v1/dashboard-templates/CALIDAD", admin, null));
        assertThat(again.get("source").asString()).isEqualTo("INHERITED");
        assertThat(again.has("version")).isFalse();
        assertThat(widgets(again)).isEqualTo(inherited);
    }

    private long versions(UUID tenant, String role) {
        return owner.sql("SELECT count(*) FROM dashboards_templates WHERE tenant_id = :t AND role = :role")
                .param("t", tenant)
                .param("role", role)
                .query(Long.class)
                .single();
    }

    @Test
    void theManagersBuiltInTemplateDrawsTheOeeAsAGauge() {
        String admin = newOrganization();
        assertThat(widgets(json(http.call("GET", "/api/v1/dashboard-templates/MANAGER", admin, null))))
                .contains("oee_gauge")
                .doesNotContain("oee_cards");
        JsonNode dashboard =
                json(http.call("GET", "/api/v1/dashboard", http.demoToken("manager", "Manager123!"), null));
        JsonNode gauge = dashboard
                .get("widgets")
                .valueStream()
                .filter(w -> w.get("widget").asString().equals("oee_gauge"))
                .findFirst()
                .orElseThrow();
        assertThat(gauge.get("kind").asString()).isEqualTo("gauge");
        assertThat(gauge.at("/data/cards/0/key").asString()).isEqualTo("oee");
        assertThat(gauge.has("error")).isFalse();
    }

    /** A custom role of the administrator's organization granting {@code permissions} (JSON strings): its id. */
    private String role(String admin, String code, String permissions) {
        var created = http.call("POST", "/api/v1/roles", admin, """
                {"code": "%s", "name": "Rol %s", "permissions": [%s]}""".formatted(code, code, permissions));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).get("id").asString();
    }

    private JsonNode save(String admin, String role, String widget) {
        var response = http.call("PUT", "/api/v1/dashboard-templates/" + role, admin, """
                {"widgets": [{"widget": "%s", "width": 4, "parameters": {}}]}""".formatted(widget));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    static List<String> widgets(JsonNode dashboard) {
        return dashboard
                .get("widgets")
                .valueStream()
                .map(w -> w.get("widget").asString())
                .toList();
    }

    /** A new organization; answers its administrator's token. */
    String newOrganization() {
        String slug = "tab" + UUID.randomUUID().toString().substring(0, 8);
        String root = http.token("platform", "root", "Root123!");
        var created = http.call("POST", "/api/v1/tenants", root, """
                {"slug": "%s", "name": "Tablero %s", "admin": {"username": "jefa", "password": "%s"}}""".formatted(slug, slug, PASSWORD));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return http.token(slug, "jefa", PASSWORD);
    }

    /** A user of the administrator's organization holding {@code role} (and {@code more}); answers their token. */
    String user(String adminToken, String role, String... more) {
        JsonNode me = json(http.call("GET", "/api/v1/auth/me", adminToken, null));
        String username = role.toLowerCase() + UUID.randomUUID().toString().substring(0, 6);
        String roles = String.join(
                "\", \"",
                java.util.stream.Stream.concat(java.util.stream.Stream.of(role), java.util.Arrays.stream(more))
                        .toList());
        var created = http.call("POST", "/api/v1/users", adminToken, """
                {"username": "%s", "full_name": "Persona %s", "password": "%s", "roles": ["%s"]}""".formatted(username, role, PASSWORD, roles));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return http.token(me.get("tenant").asString(), username, PASSWORD);
    }
}
