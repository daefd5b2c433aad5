package io.turno.dashboards;

import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import io.turno.PageSession;
import io.turno.TestHttp;
import io.turno.TurnoTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The template editor's page over HTTP, as a browser without JavaScript plays it: the preview fills the layout
 * as typed with the organization's figures and saves nothing; a layout the schemas refuse is not previewed but
 * refused next to its field; the organization's custom roles are offered; {@code dashboards:manage} guards it.
 */
@TurnoTest
class DashboardTemplateEditorPageTests {

    private static final String VIEWER = "/dashboards/templates/VIEWER";

    @LocalServerPort
    int port;

    TestHttp http;

    @BeforeEach
    void setUp() {
        http = new TestHttp(port);
    }

    @Test
    void thePreviewFillsTheLayoutAsTypedWithTheOrganizationsFiguresAndSavesNothing() {
        PageSession admin = PageSession.signIn(http, "demo", "admin", "Admin123!");
        var answer = admin.post(
                VIEWER,
                "widgets[0].widget",
                "waiting_now",
                "widgets[0].width",
                "4",
                "widgets[1].widget",
                "oee_gauge",
                "widgets[1].width",
                "1",
                "widgets[1].parameters[days]",
                "3",
                "widgets[2].widget",
                "income_by_method",
                "widgets[2].width",
                "2",
                "op",
                "preview");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("id=\"template-preview\"", "Vista previa del tablero de Consulta");
        JsonNode preview = previewOf(answer.body());
        assertThat(preview.get("role").asString()).isEqualTo("VIEWER");
        assertThat(preview.get("widgets")
                        .valueStream()
                        .map(w -> w.get("widget").asString() + ":"
                                + w.get("width").asInt())
                        .toList())
                .containsExactly("waiting_now:4", "oee_gauge:1", "income_by_method:2");
        JsonNode gauge = preview.get("widgets").get(1);
        assertThat(gauge.get("kind").asString()).isEqualTo("gauge");
        assertThat(gauge.at("/parameters/days").asInt()).isEqualTo(3);
        assertThat(gauge.at("/data/cards/0/key").asString()).isEqualTo("oee");
        preview.get("widgets")
                .forEach(w -> assertThat(w.has("error")).as(w.toString()).isFalse());
        assertThat(PageSession.find(answer.body(), "id=\"preview-hidden\"[^>]*>([^<]*)<"))
                .as("the viewer's permissions leave the income out of their dashboards; the preview says so")
                .contains("Ingresos por medio de pago")
                .doesNotContain("En espera por cola");
        assertThat(answer.body()).contains("Hay cambios sin guardar.");

        String token = http.demoToken("admin", "Admin123!");
        assertThat(json(http.call("GET", "/api/v1/dashboard-templates/VIEWER", token, null))
                        .get("source")
                        .asString())
                .as("a preview saves nothing")
                .isEqualTo("BUILT_IN");

        var english = admin.inEnglish()
                .post(VIEWER, "widgets[0].widget", "waiting_now", "widgets[0].width", "2", "op", "preview");
        assertThat(english.body()).contains("Preview of Viewer").doesNotContain("id=\"preview-hidden\"");
        assertThat(previewOf(english.body()).at("/widgets/0/name").asString()).isEqualTo("Waiting now per queue");
    }

    @Test
    void aLayoutTheSchemasRefuseIsNotPreviewedButRefusedNextToItsField() {
        PageSession admin = PageSession.signIn(http, "demo", "admin", "Admin123!");
        var refused = admin.post(
                VIEWER,
                "widgets[0].widget",
                "no_show_rate",
                "widgets[0].width",
                "2",
                "widgets[0].parameters[days]",
                "0",
                "op",
                "preview");
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body())
                .contains("id=\"error-summary\"", "id=\"widgets0.parametersdays-error\"", "value=\"0\"")
                .doesNotContain("id=\"template-preview\"");

        var empty = admin.post(VIEWER, "op", "preview");
        assertThat(empty.body()).contains("id=\"widgets-error\"").doesNotContain("id=\"template-preview\"");
    }

    @Test
    void theEditorOffersTheOrganizationsCustomRolesAndOnlyToWhoeverManagesTemplates() {
        String token = http.demoToken("admin", "Admin123!");
        String code = "EDITOR_" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        var created = http.call("POST", "/api/v1/roles", token, """
                {"code": "%s", "name": "Jefatura de sala", "permissions": ["dashboards:read", "tickets:read"]}""".formatted(code));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        PageSession admin = PageSession.signIn(http, "demo", "admin", "Admin123!");
        var editor = admin.get("/dashboards/templates?role=" + code);
        assertThat(editor.statusCode()).isEqualTo(200);
        assertThat(editor.body())
                .contains("role=" + code, "Jefatura de sala", "Sin plantilla propia")
                .contains("data-widget=\"waiting_now\"");
        var preview = admin.post(
                "/dashboards/templates/" + code,
                "widgets[0].widget",
                "waiting_now",
                "widgets[0].width",
                "2",
                "op",
                "preview");
        assertThat(previewOf(preview.body()).get("role").asString()).isEqualTo(code);
        assertThat(admin.get("/dashboards/templates?role=JANITOR").statusCode()).isEqualTo(404);

        PageSession viewer = PageSession.signIn(http, "demo", "viewer", "Viewer123!");
        assertThat(viewer.get("/dashboards/templates").statusCode()).isEqualTo(403);
        assertThat(viewer.post(VIEWER, "widgets[0].widget", "waiting_now", "widgets[0].width", "2", "op", "preview")
                        .statusCode())
                .isEqualTo(403);
    }

    /** The engine's answer the page put in the preview's data-dashboard. */
    private static JsonNode previewOf(String page) {
        String attribute = PageSession.find(page, "data-dashboard=\"([^\"]*)\"");
        return JsonMapper.builder().build().readTree(HtmlUtils.htmlUnescape(attribute));
    }
}
