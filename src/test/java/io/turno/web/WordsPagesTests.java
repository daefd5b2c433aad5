package io.turno.web;

import static io.turno.PageSession.find;
import static org.assertj.core.api.Assertions.assertThat;

import io.turno.PageSession;
import io.turno.TestHttp;
import io.turno.TurnoTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Pages show words for codes: permissions by module, statuses in filters and badges, audit actions and details. */
@TurnoTest
class WordsPagesTests {

    private static final String UUID = "([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})";

    @LocalServerPort
    int port;

    PageSession admin;

    @BeforeEach
    void signIn() {
        admin = PageSession.signIn(new TestHttp(port), "demo", "admin", "Admin123!");
    }

    @Test
    void theRolesPageGroupsPermissionsByModuleWithLabelsAndTheirCodesBeside() {
        String spanish = admin.get("/roles").body();
        assertThat(spanish)
                .contains("class=\"perm-group\"", "class=\"save-bar\"")
                .contains(">Usuarios y roles<", ">Agenda<", ">Atención y turnos<")
                .contains(">Ver usuarios<", "<code class=\"code-tag\">users:read</code>")
                .contains(">Administrador<", ">Recepcionista<")
                .doesNotContain("table class=\"table matrix\"");
        // The page's own text is Spanish: no module or permission is shown by its code alone.
        assertThat(spanish).doesNotContain("class=\"perm-module\">users<", "class=\"perm-label\">users:read<");

        String english = admin.get("/roles?lang=en").body();
        assertThat(english)
                .contains(">Users and roles<", ">Schedule<", ">View users<", ">Administrator<", ">Receptionist<")
                .doesNotContain(">Ver usuarios<");
    }

    @Test
    void aGrantTickedOnTheRolesPageIsSavedThroughTheRolesForm() {
        var created = admin.submit("/roles", "code", "WORDS_CASES", "name", "Gestor de procesos");
        String page = created.body();
        String id = find(page, "<form method=\"post\" class=\"role-permissions\" id=\"role-" + UUID + "\"");
        assertThat(page).contains("action=\"/roles/" + id + "\"", ">Gestor de procesos<", ">WORDS_CASES<");

        // What the page offers for "Ver procesos" is what a browser sends when it is ticked.
        String box =
                find(page, "(<input[^>]*name=\"permissions\"[^>]*>)\\s*<span class=\"perm-label\">Ver procesos</span>");
        String value = find(box, "value=\"([^\"]+)\"");
        assertThat(value).isEqualTo("cases:read");

        var saved = admin.submit("/roles/" + id, "permissions", value);
        assertThat(saved.body()).contains("Permisos de WORDS_CASES guardados.", ">Gestor de procesos<");
        assertThat(find(saved.body(), "(<input[^>]*value=\"cases:read\"[^>]*>)"))
                .contains("checked");
        assertThat(find(saved.body(), "(<input[^>]*value=\"cases:update\"[^>]*>)"))
                .doesNotContain("checked");
        assertThat(find(saved.body(), "Comunicaciones</span>\\s*<span class=\"perm-count\">([^<]+)</span>"))
                .startsWith("1 de ");
        assertThat(admin.submit("/roles/" + id + "/delete").body()).contains("Rol eliminado.");
    }

    @Test
    void notificationAndCaseFiltersOfferWordsAndSendCodes() {
        String notifications = admin.get("/notifications").body();
        assertThat(notifications)
                .contains("<option value=\"PENDING\">Pendiente</option>", "<option value=\"EMAIL\">Correo</option>")
                .doesNotContain(">PENDING<", ">SENT<", ">EMAIL<");
        assertThat(admin.get("/notifications?status=FAILED").body())
                .contains("<option value=\"FAILED\" selected=\"selected\">Fallida</option>");

        String cases = admin.get("/cases").body();
        assertThat(cases)
                .contains("<option value=\"IN_PROGRESS\">En curso</option>", "<option value=\"OPEN\">Abierto</option>")
                .doesNotContain(">IN_PROGRESS<", ">OPEN<");
        assertThat(admin.inEnglish().get("/cases").body())
                .contains("<option value=\"IN_PROGRESS\">In progress</option>");
    }

    @Test
    void theAuditTableShowsActionsAsWordsAndDetailsAsLinesNotJson() {
        admin.submit("/roles", "code", "WORDS_AUDIT", "name", "Auditoría de palabras");
        String page = admin.get("/audit?entity=role").body();
        String table = find(page, "(<table class=\"table\">.*?</table>)");
        assertThat(table)
                .contains(">Creación<", ">Rol<", ">Nombre<", "Auditoría de palabras", "<details class=\"raw\">");
        String withoutRawJson = table.replaceAll("(?s)<details class=\"raw\">.*?</details>", "");
        assertThat(withoutRawJson).doesNotContain("{", "}", ">CREATE<");

        assertThat(admin.get("/audit?action=LOGIN").body()).contains(">Inicio de sesión<");
        assertThat(admin.inEnglish().get("/audit?action=LOGIN").body()).contains(">Signed in<");
    }
}
