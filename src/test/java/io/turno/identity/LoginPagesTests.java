package io.turno.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.turno.TestHttp;
import io.turno.TurnoTest;
import io.turno.audit.AuditLog;
import io.turno.shared.TenantId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The demo tenant signs in through the real login form, and every attempt is audited. */
@TurnoTest
class LoginPagesTests {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern SESSION = Pattern.compile("TURNO_SESSION=([^;]+)");

    @LocalServerPort
    int port;

    JdbcClient jdbc;

    @Autowired
    void ownerConnection(javax.sql.DataSource dataSource) {
        jdbc = io.turno.TestDatabase.owner(dataSource);
    }

    @Autowired
    AuditLog audit;

    TestHttp http;

    @BeforeEach
    void setUp() {
        http = new TestHttp(port);
    }

    @Test
    void theDemoTenantHasOneUserPerBuiltInRole() {
        // The README's demo users; other tests add users of their own to the same tenant.
        var users = jdbc.sql("""
                SELECT u.username, r.code FROM users u JOIN tenants t ON t.id = u.tenant_id
                JOIN user_roles ur ON ur.user_id = u.id JOIN roles r ON r.id = ur.role_id
                WHERE t.slug = 'demo' AND u.username IN ('admin', 'manager', 'supervisor', 'reception', 'therapist',
                                                         'operator', 'viewer', 'patient')
                ORDER BY r.code""").query((rs, n) -> rs.getString(2)).list();
        assertThat(users)
                .containsExactly(
                        "ADMIN", "MANAGER", "OPERATOR", "PATIENT", "RECEPTIONIST", "SUPERVISOR", "THERAPIST", "VIEWER");
        String hash = jdbc.sql("SELECT password_hash FROM users WHERE username = 'admin'")
                .query(String.class)
                .single();
        assertThat(hash).startsWith("{argon2}$argon2id$");
    }

    @Test
    void theLoginPageAsksForTenantUserAndPassword() {
        var page = http.get("/login");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains(
                        "name=\"tenant\"",
                        "name=\"username\"",
                        "name=\"password\"",
                        "name=\"_csrf\"",
                        "Iniciar sesión");
        // htmx and Chart.js come from WebJars on this server, never from a CDN.
        Matcher scripts = Pattern.compile("src=\"(/webjars/[^\"]+)\"").matcher(page.body());
        int served = 0;
        while (scripts.find()) {
            assertThat(http.get(scripts.group(1)).statusCode())
                    .as(scripts.group(1))
                    .isEqualTo(200);
            served++;
        }
        assertThat(served).isEqualTo(2);
        assertThat(page.body()).doesNotContain("src=\"http");
    }

    @Test
    void anAdminSignsInAndSeesTheHomePage() {
        String session = signIn("demo", "admin", "Admin123!");
        var home = http.send(http.request("/").header("Cookie", "TURNO_SESSION=" + session));
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("Demo Administrador", "ADMIN", "href=\"/\"");
        assertThat(lastAuditAction("admin")).isEqualTo("LOGIN");
    }

    @Test
    void aWrongPasswordIsRefusedWithoutSayingWhichPartWasWrong() {
        var attempt = postLogin("demo", "viewer", "wrong-password");
        assertThat(attempt.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
        var unknownTenant = postLogin("nowhere", "viewer", "Viewer123!");
        assertThat(unknownTenant.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
        assertThat(lastAuditAction("viewer")).isEqualTo("LOGIN_FAILED");
        var demo = jdbc.sql("SELECT id FROM tenants WHERE slug = 'demo'")
                .query(java.util.UUID.class)
                .single();
        assertThat(audit.verify(new TenantId(demo)).valid()).isTrue();
    }

    @Test
    void pagesNeedASignedInUserAndUnknownPagesShowTheErrorPageInTheChosenLanguage() {
        var anonymous = http.get("/");
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));

        String session = signIn("demo", "viewer", "Viewer123!");
        var missing = http.send(http.request("/no/such/page")
                .header("Cookie", "TURNO_SESSION=" + session)
                .header("Accept", "text/html"));
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body())
                .contains(
                        "Página no encontrada",
                        missing.headers().firstValue("X-Request-Id").orElseThrow());

        var english = http.send(http.request("/no/such/page?lang=en")
                .header("Cookie", "TURNO_SESSION=" + session)
                .header("Accept", "text/html"));
        assertThat(english.statusCode()).isEqualTo(404);
        assertThat(english.body()).contains("Page not found");
    }

    @Test
    void aBrowserSessionIsASessionRowThatEndsWhenTheRowEnds() {
        String browser = signIn("demo", "supervisor", "Supervisor123!");
        String api = http.demoToken("supervisor", "Supervisor123!");
        var sessions = TestHttp.json(http.call("GET", "/api/v1/auth/sessions", api, null));
        assertThat(sessions.size()).isEqualTo(2);
        String browserRow = sessions.valueStream()
                .filter(s -> !s.get("user_agent").isNull()
                        && s.get("user_agent").asString().contains("Java-http-client"))
                .map(s -> s.get("id").asString())
                .filter(id -> !id.equals(sessionIdOf(api)))
                .findFirst()
                .orElseThrow();
        assertThat(http.send(http.request("/").header("Cookie", "TURNO_SESSION=" + browser))
                        .statusCode())
                .isEqualTo(200);

        assertThat(http.call("DELETE", "/api/v1/auth/sessions/" + browserRow, api, null)
                        .statusCode())
                .isEqualTo(204);
        var after = http.send(http.request("/").header("Cookie", "TURNO_SESSION=" + browser));
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(after.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login?expired"));
    }

    @Test
    void signingOutOfTheBrowserEndsItsSessionRow() {
        String browser = signIn("demo", "operator", "Operator123!");
        var home = http.send(http.request("/").header("Cookie", "TURNO_SESSION=" + browser));
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(home.body());
        assertThat(csrf.find()).isTrue();
        long open = openRows("operator");
        var logout = http.send(http.request("/logout")
                .header("Cookie", "TURNO_SESSION=" + browser)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(TestHttp.form(Map.of("_csrf", csrf.group(1)))));
        assertThat(logout.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login?logout"));
        assertThat(openRows("operator")).isEqualTo(open - 1);
        assertThat(lastAuditAction("operator")).isEqualTo("LOGOUT");
    }

    private long openRows(String username) {
        return jdbc.sql("""
                SELECT count(*) FROM user_sessions s JOIN users u ON u.id = s.user_id
                WHERE u.username = :u AND s.ended_at IS NULL""").param("u", username).query(Long.class).single();
    }

    private static String sessionIdOf(String accessToken) {
        String payload = new String(
                java.util.Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]),
                java.nio.charset.StandardCharsets.UTF_8);
        Matcher sid = Pattern.compile("\"sid\":\"([^\"]+)\"").matcher(payload);
        assertThat(sid.find()).isTrue();
        return sid.group(1);
    }

    private String signIn(String tenant, String username, String password) {
        var response = postLogin(tenant, username, password);
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
        return sessionOf(response);
    }

    private HttpResponse<String> postLogin(String tenant, String username, String password) {
        var page = http.get("/login");
        Matcher csrf = CSRF.matcher(page.body());
        assertThat(csrf.find()).isTrue();
        return http.send(http.request("/login")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", "TURNO_SESSION=" + sessionOf(page))
                .POST(TestHttp.form(
                        Map.of("tenant", tenant, "username", username, "password", password, "_csrf", csrf.group(1)))));
    }

    private static String sessionOf(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream()
                .map(SESSION::matcher)
                .filter(Matcher::find)
                .map(m -> m.group(1))
                .findFirst()
                .orElseThrow();
    }

    private String lastAuditAction(String actor) {
        return jdbc.sql("SELECT action FROM audit_log WHERE actor_name = :actor ORDER BY id DESC LIMIT 1")
                .param("actor", actor)
                .query(String.class)
                .single();
    }
}
