package io.turno.identity;

import static io.turno.PageSession.find;
import static io.turno.PageSession.location;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import io.turno.PageSession;
import io.turno.TestHttp;
import io.turno.TurnoTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The profile, users, roles and audit pages through the real security chain, as a browser submits them. */
@TurnoTest
class IdentityPagesTests {

    private static final String UUID = "([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})";

    @LocalServerPort
    int port;

    TestHttp http;

    @BeforeEach
    void setUp() {
        http = new TestHttp(port);
    }

    @Test
    void aViewerSeesTheUsersButCannotCreateOne() {
        var viewer = PageSession.signIn(http, "demo", "viewer", "Viewer123!");
        var list = viewer.get("/users?q=viewer");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains(">viewer<").doesNotContain("href=\"/users/new\"");

        assertThat(viewer.get("/users/new").statusCode()).isEqualTo(403);
        var create = viewer.post(
                "/users", "username", "intruso", "fullName", "Intruso", "password", "Valid-Pass-1", "roles", "ADMIN");
        assertThat(create.statusCode()).isEqualTo(403);
        assertThat(create.body()).contains("No tienes permiso");
        assertThat(viewer.get("/users?q=intruso").body()).doesNotContain(">intruso<");
    }

    @Test
    void anAdminCreatesAUserThroughTheFormWhoThenSignsInAndTheCreationIsAudited() {
        var admin = PageSession.signIn(http, "demo", "admin", "Admin123!");
        var created = admin.post(
                "/users",
                "username",
                "pag.ana",
                "fullName",
                "Ana Páginas",
                "email",
                "ana@demo.example",
                "password",
                "Ana-2026a",
                "roles",
                "RECEPTIONIST",
                "roles",
                "VIEWER");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
        assertThat(location(created)).endsWith("/users?q=pag.ana");

        var listed = admin.get("/users?q=pag.ana");
        assertThat(listed.body())
                .contains("Usuario «pag.ana» creado.", ">pag.ana<", "Ana Páginas", ">Recepcionista<", ">Consulta<");

        var ana = PageSession.signIn(http, "demo", "pag.ana", "Ana-2026a");
        var profile = ana.get("/profile");
        assertThat(profile.statusCode()).isEqualTo(200);
        assertThat(profile.body()).contains("Ana Páginas", "ana@demo.example", ">demo<", ">users:read<");

        var audit = admin.get("/audit?action=CREATE&entity=user");
        assertThat(audit.statusCode()).isEqualTo(200);
        assertThat(audit.body()).contains(">Creación<", "pag.ana", "Ana Páginas");
        assertThat(admin.get("/audit?action=LOGIN_FAILED&entity=user").body()).doesNotContain("pag.ana");
        var chain = admin.get("/audit/chain");
        assertThat(chain.body()).contains("Cadena íntegra").doesNotContain("<html");
    }

    @Test
    void badInputReRendersTheFormWithTheReasonNextToTheFieldAndWhatWasTyped() {
        var admin = PageSession.signIn(http, "demo", "admin", "Admin123!");
        var weak = admin.post(
                "/users", "username", "pag.debil", "fullName", "Debil", "password", "tooweak1", "roles", "VIEWER");
        assertThat(weak.statusCode()).isEqualTo(200);
        assertThat(weak.body())
                .contains("La contraseña debe tener al menos 8 caracteres", "value=\"pag.debil\"", "value=\"Debil\"")
                .doesNotContain("tooweak1");
        assertThat(find(weak.body(), "(<input[^>]*value=\"VIEWER\"[^>]*>)")).contains("checked");

        var english = admin.inEnglish()
                .post(
                        "/users",
                        "username",
                        "pag.debil",
                        "fullName",
                        "Debil",
                        "password",
                        "tooweak1",
                        "roles",
                        "VIEWER");
        assertThat(english.statusCode()).isEqualTo(200);
        assertThat(english.body()).contains("The password needs at least 8 characters", "value=\"pag.debil\"");

        var duplicate = admin.post(
                "/users", "username", "viewer", "fullName", "Otro", "password", "Valid-Pass-1", "roles", "VIEWER");
        assertThat(duplicate.statusCode()).isEqualTo(200);
        assertThat(duplicate.body()).contains("El usuario «viewer» ya existe en la organización.");

        var invalid = admin.post(
                "/users", "username", "a b", "fullName", "", "email", "no-es-correo", "password", "Valid-Pass-1");
        assertThat(invalid.statusCode()).isEqualTo(200);
        assertThat(invalid.body())
                .contains("Solo letras, dígitos y . _ @ -", "value=\"no-es-correo\"", "class=\"field-error\"");
        assertThat(invalid.body().split("class=\"field-error\"")).hasSizeGreaterThanOrEqualTo(5);

        assertThat(admin.get("/users?q=pag.debil").body()).doesNotContain(">pag.debil<");
    }

    @Test
    void anAdminEditsAndDeactivatesAUserFromTheirPage() {
        var admin = PageSession.signIn(http, "demo", "admin", "Admin123!");
        admin.submit(
                "/users", "username", "pag.mario", "fullName", "Mario", "password", "Mario-2026", "roles", "VIEWER");
        String id = find(admin.get("/users?q=pag.mario").body(), "href=\"/users/" + UUID + "\"");

        var weakReset = admin.post(
                "/users/" + id,
                "fullName",
                "Mario Edit",
                "email",
                "",
                "active",
                "true",
                "roles",
                "OPERATOR",
                "password",
                "short");
        assertThat(weakReset.statusCode()).isEqualTo(200);
        assertThat(weakReset.body()).contains("La contraseña debe tener", "value=\"Mario Edit\"");

        var page = admin.submit(
                "/users/" + id,
                "fullName",
                "Mario Gomez",
                "email",
                "mario@demo.example",
                "active",
                "true",
                "roles",
                "OPERATOR",
                "password",
                "",
                "language",
                "en");
        assertThat(page.body()).contains("Cambios de «pag.mario» guardados.", "value=\"Mario Gomez\"");
        assertThat(page.body())
                .as("his alerts in English from now on")
                .contains("<option value=\"en\" lang=\"en\" selected=\"selected\">");
        assertThat(find(page.body(), "(<input[^>]*value=\"OPERATOR\"[^>]*>)")).contains("checked");
        assertThat(find(page.body(), "(<input[^>]*value=\"VIEWER\"[^>]*>)")).doesNotContain("checked");
        PageSession.signIn(http, "demo", "pag.mario", "Mario-2026");

        assertThat(admin.submit("/users/" + id + "/deactivate").body()).contains("Usuario desactivado.", ">Inactivo<");
        var refused = http.postJson("/api/v1/auth/login", """
                {"tenant": "demo", "username": "pag.mario", "password": "Mario-2026"}""");
        assertThat(refused.statusCode()).isEqualTo(401);

        String adminId = find(admin.get("/users?q=admin").body(), "href=\"/users/" + UUID + "\"");
        assertThat(admin.submit("/users/" + adminId + "/deactivate").body())
                .contains("No puedes desactivar tu propio usuario.");
    }

    @Test
    void theRolesMatrixSavesEachRolesPermissionsAndCustomRolesComeAndGo() {
        var admin = PageSession.signIn(http, "demo", "admin", "Admin123!");
        var invalid = admin.post("/roles", "code", "bad code", "name", "");
        assertThat(invalid.statusCode()).isEqualTo(200);
        assertThat(invalid.body())
                .contains("Mayúsculas, dígitos y _ (2 a 40), empezando por una letra.", "value=\"bad code\"");

        var matrix = admin.submit("/roles", "code", "PAG_AUDITOR", "name", "Auditor externo");
        assertThat(matrix.body()).contains("Rol PAG_AUDITOR creado", "Auditor externo");
        assertThat(admin.post("/roles", "code", "PAG_AUDITOR", "name", "Otro").body())
                .contains("El rol PAG_AUDITOR ya existe");

        String token = http.demoToken("admin", "Admin123!");
        String id = role(token, "PAG_AUDITOR").get("id").asString();
        var saved = admin.submit("/roles/" + id, "permissions", "audit:read", "permissions", "users:read");
        assertThat(saved.body()).contains("Permisos de PAG_AUDITOR guardados.");
        assertThat(role(token, "PAG_AUDITOR").get("permissions").valueStream().map(JsonNode::asString))
                .containsExactly("audit:read", "users:read");
        assertThat(find(saved.body(), "(<input[^>]*value=\"audit:read\"[^>]*form=\"role-" + id + "\"[^>]*>)"))
                .contains("checked");
        assertThat(find(saved.body(), "(<input[^>]*value=\"audit:verify\"[^>]*form=\"role-" + id + "\"[^>]*>)"))
                .doesNotContain("checked");

        admin.submit("/roles/" + id);
        assertThat(role(token, "PAG_AUDITOR").get("permissions").isEmpty()).isTrue();

        String viewerRole = role(token, "VIEWER").get("id").asString();
        assertThat(admin.submit("/roles/" + viewerRole + "/delete").body())
                .contains("El rol VIEWER es de sistema y no se puede eliminar.");
        assertThat(admin.submit("/roles/" + id + "/delete").body())
                .contains("Rol eliminado.")
                .doesNotContain("PAG_AUDITOR");

        var viewer = PageSession.signIn(http, "demo", "viewer", "Viewer123!");
        assertThat(viewer.get("/roles").body()).doesNotContain("action=\"/roles/" + viewerRole + "\"");
        assertThat(viewer.post("/roles/" + viewerRole, "permissions", "users:read")
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void endingASessionFromTheProfileStopsThatSessionsCookie() {
        var admin = PageSession.signIn(http, "demo", "admin", "Admin123!");
        admin.submit("/users", "username", "pag.sara", "fullName", "Sara", "password", "Sara-2026", "roles", "VIEWER");
        var laptop = PageSession.signIn(http, "demo", "pag.sara", "Sara-2026");
        var phone = PageSession.signIn(http, "demo", "pag.sara", "Sara-2026");

        var profile = laptop.get("/profile");
        assertThat(profile.body().split("/profile/sessions/")).hasSize(3);
        String phoneSession = currentSession(phone);
        String laptopSession = currentSession(laptop);
        assertThat(phoneSession).isNotEqualTo(laptopSession);

        var remaining = laptop.submit("/profile/sessions/" + phoneSession + "/end");
        assertThat(remaining.body()).contains("Sesión cerrada.").doesNotContain(phoneSession);
        assertThat(location(phone.get("/profile"))).endsWith("/login?expired");

        assertThat(location(laptop.post("/profile/sessions/" + laptopSession + "/end")))
                .endsWith("/login?logout");
        assertThat(location(laptop.get("/profile"))).endsWith("/login");
    }

    @Test
    void theProfileChangesThePasswordAndEndsTheOtherSessions() {
        var admin = PageSession.signIn(http, "demo", "admin", "Admin123!");
        admin.submit(
                "/users", "username", "pag.tomas", "fullName", "Tomás", "password", "Tomas-2026", "roles", "VIEWER");
        var tomas = PageSession.signIn(http, "demo", "pag.tomas", "Tomas-2026");
        var other = PageSession.signIn(http, "demo", "pag.tomas", "Tomas-2026");

        var mismatch = tomas.post(
                "/profile/password",
                "currentPassword",
                "Tomas-2026",
                "newPassword",
                "Tomas-2027",
                "confirmPassword",
                "Tomas-2028");
        assertThat(mismatch.statusCode()).isEqualTo(200);
        assertThat(mismatch.body()).contains("Las dos contraseñas no coinciden.");
        var wrong = tomas.post(
                "/profile/password",
                "currentPassword",
                "nope",
                "newPassword",
                "Tomas-2027",
                "confirmPassword",
                "Tomas-2027");
        assertThat(wrong.body()).contains("La contraseña actual no es correcta.");
        var weak = tomas.inEnglish()
                .post(
                        "/profile/password",
                        "currentPassword",
                        "Tomas-2026",
                        "newPassword",
                        "weakweak",
                        "confirmPassword",
                        "weakweak");
        assertThat(weak.statusCode()).isEqualTo(200);
        assertThat(weak.body()).contains("The password needs at least 8 characters");

        var changed = tomas.submit(
                "/profile/password",
                "currentPassword",
                "Tomas-2026",
                "newPassword",
                "Tomas-2027",
                "confirmPassword",
                "Tomas-2027");
        assertThat(changed.body()).contains("Contraseña cambiada");
        assertThat(location(other.get("/profile"))).endsWith("/login?expired");
        PageSession.signIn(http, "demo", "pag.tomas", "Tomas-2027");
    }

    @Test
    void theAuditChainStatusIsForHoldersOfAuditVerifyOnly() {
        var viewer = PageSession.signIn(http, "demo", "viewer", "Viewer123!");
        var audit = viewer.get("/audit");
        assertThat(audit.statusCode()).isEqualTo(200);
        assertThat(audit.body()).doesNotContain("/audit/chain");
        assertThat(viewer.get("/audit/chain").statusCode()).isEqualTo(403);
        assertThat(viewer.get("/audit?from=yesterday").statusCode()).isEqualTo(200);

        var admin = PageSession.signIn(http, "demo", "admin", "Admin123!");
        assertThat(admin.get("/audit").body()).contains("hx-get=\"/audit/chain\"");

        var patient = PageSession.signIn(http, "demo", "patient", "Patient123!");
        assertThat(patient.get("/audit").statusCode()).isEqualTo(403);
        assertThat(patient.get("/profile").statusCode()).isEqualTo(200);
    }

    private static String currentSession(PageSession browser) {
        return find(browser.get("/profile").body(), "<tr class=\"current\">.*?/profile/sessions/" + UUID + "/end");
    }

    private JsonNode role(String token, String code) {
        HttpResponse<String> roles = http.call("GET", "/api/v1/roles", token, null);
        return TestHttp.json(roles)
                .valueStream()
                .filter(r -> r.get("code").asString().equals(code))
                .findFirst()
                .orElseThrow();
    }
}
