package io.turno.queueing;

import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.turno.TestDatabase;
import io.turno.TestHttp;
import io.turno.TurnoTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The configuration pages through a browser's requests: session cookie, CSRF token, form posts. */
@TurnoTest
class ConfigurationPagesTests {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern SESSION = Pattern.compile("TURNO_SESSION=([^;]+)");

    @LocalServerPort
    int port;

    JdbcClient owner;
    TestHttp http;

    @Autowired
    void ownerConnection(javax.sql.DataSource dataSource) {
        owner = TestDatabase.owner(dataSource);
    }

    @BeforeEach
    void setUp() {
        http = new TestHttp(port);
    }

    @Test
    void everyConfigurationPageRendersForAnAdministratorAndTheMenuLeadsThere() {
        String session = signIn("admin", "Admin123!");
        var home = page(session, "/");
        assertThat(home.body())
                .contains(
                        "href=\"/catalog/services\"",
                        "href=\"/queueing/branches\"",
                        "href=\"/queueing/queues\"",
                        "href=\"/queueing/desks\"",
                        "href=\"/queueing/priorities\"");
        String branch = demoId("queueing_branches", "name", "Sede Centro");
        String queue = atSedeCentro("queueing_queues", "General");
        String desk = atSedeCentro("queueing_desks", "Ventanilla 1");
        String priority = demoId("queueing_priorities", "name", "Preferencial");
        String service = demoId("catalog_services", "code", "CONS-GEN");
        // Other tests add branches, queues and desks to demo: the lists are narrowed to the demo office's.
        Map<String, String> expected = Map.ofEntries(
                Map.entry("/catalog/services", "Consulta general"),
                Map.entry("/catalog/services/new", "name=\"code\""),
                Map.entry("/catalog/services/" + service, "value=\"CONS-GEN\""),
                Map.entry("/queueing/branches?q=Sede%20Centro", "Sede Centro"),
                Map.entry("/queueing/branches/new", "name=\"hours[MONDAY]\""),
                Map.entry("/queueing/branches/" + branch, "value=\"07:00-18:00\""),
                Map.entry("/queueing/queues?branch_id=" + branch, "Resultados"),
                Map.entry("/queueing/queues/new", "name=\"serviceIds\""),
                Map.entry("/queueing/queues/" + queue, "value=\"General\""),
                Map.entry("/queueing/desks?branch_id=" + branch, "Ventanilla 3"),
                Map.entry("/queueing/desks/new", "name=\"overflowQueues\""),
                Map.entry("/queueing/desks/" + desk, "value=\"A\""),
                Map.entry("/queueing/priorities?q=Preferencial", "Preferencial"),
                Map.entry("/queueing/priorities/new", "name=\"weight\""),
                Map.entry("/queueing/priorities/" + priority, "value=\"3\""));
        expected.forEach((path, text) -> {
            var response = page(session, path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.body()).as(path).contains(text);
            assertThat(response.body())
                    .as(path + ": no inline script or style (CSP)")
                    .doesNotContain("style=\"", "onclick=", "<script>");
        });
        assertThat(page(session, "/queueing/desks?branch_id=" + branch).body())
                .as("reception sits at Ventanilla 1")
                .contains("selected=\"selected\"");
    }

    @Test
    void anAdministratorCreatesAQueueThroughTheFormAndAMistakeKeepsWhatWasTyped() {
        String session = signIn("admin", "Admin123!");
        String branch = apiBranch();
        String service = demoId("catalog_services", "code", "CAJA");
        String name = "Pagos " + UUID.randomUUID().toString().substring(0, 6);

        var form = page(session, "/queueing/queues/new");
        assertThat(form.body()).contains("Caja y pagos", "name=\"_csrf\"").doesNotContain("Terapia física");
        var saved = post(
                session,
                form,
                "/queueing/queues",
                List.of(
                        Map.entry("branchId", branch),
                        Map.entry("name", name),
                        Map.entry("prefix", "pg"),
                        Map.entry("serviceIds", service),
                        Map.entry("active", "true"),
                        Map.entry("_active", "on"),
                        Map.entry("_serviceIds", "on")));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        assertThat(saved.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/queueing/queues?saved"));
        assertThat(owner.sql("""
                SELECT q.prefix || ' ' || s.code FROM queueing_queues q JOIN queueing_queue_services qs ON qs.queue_id = q.id
                JOIN catalog_services s ON s.id = qs.service_id WHERE q.name = :n""").param("n", name).query(String.class).single()).isEqualTo("PG CAJA");
        assertThat(page(session, "/queueing/queues?saved&branch_id=" + branch).body())
                .contains(name, "Caja y pagos".substring(0, 4));
        assertThat(owner.sql(
                                "SELECT actor_name FROM audit_log WHERE entity_type = 'queue' AND summary #>> '{after,name}' = :n")
                        .param("n", name)
                        .query(String.class)
                        .single())
                .isEqualTo("admin");

        var duplicate = post(
                session,
                page(session, "/queueing/queues/new"),
                "/queueing/queues",
                List.of(
                        Map.entry("branchId", branch),
                        Map.entry("name", name + " bis"),
                        Map.entry("prefix", "PG"),
                        Map.entry("_active", "on")));
        assertThat(duplicate.statusCode()).isEqualTo(200);
        assertThat(duplicate.body())
                .contains(
                        "ya tiene una cola con el prefijo «PG»", "value=\"" + name + " bis\"", "class=\"field-error\"");

        var invalid = post(
                session,
                page(session, "/queueing/queues/new"),
                "/queueing/queues",
                List.of(Map.entry("branchId", branch), Map.entry("name", ""), Map.entry("prefix", "P4G")));
        assertThat(invalid.statusCode()).isEqualTo(200);
        assertThat(fieldErrors(invalid.body())).hasSize(2);
        assertThat(invalid.body()).contains("value=\"P4G\"", "de 1 a 3 letras");
        assertThat(owner.sql("SELECT count(*) FROM queueing_queues WHERE branch_id = CAST(:b AS uuid)")
                        .param("b", branch)
                        .query(Long.class)
                        .single())
                .isOne();
    }

    @Test
    void theBranchFormTakesHoursPerDayAndExplainsWhatIsWrongNextToTheDay() {
        String session = signIn("admin", "Admin123!");
        String name = "Sede " + UUID.randomUUID().toString().substring(0, 6);
        var refused = post(
                session,
                page(session, "/queueing/branches/new"),
                "/queueing/branches",
                List.of(
                        Map.entry("name", name),
                        Map.entry("timeZone", "Mars/Olympus"),
                        Map.entry("hours[MONDAY]", "18:00-08:00"),
                        Map.entry("hours[TUESDAY]", "siempre"),
                        Map.entry("hours[WEDNESDAY]", "7:00-12:00, 14:00-18:00"),
                        Map.entry("callPolicy", "FIFO"),
                        Map.entry("maxRecalls", "dos"),
                        Map.entry("rebalanceThreshold", "5")));
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body())
                .contains(
                        "Mars/Olympus",
                        "no es una zona horaria IANA",
                        "MONDAY: la apertura 18:00 debe ser anterior al cierre 08:00",
                        "07:00-12:00",
                        "value=\"siempre\"",
                        "Escribe un número entero, p. ej. 30.");
        assertThat(fieldErrors(refused.body())).hasSize(4);
        // Each day's hours is its own field: the day's input names its own error text.
        assertThat(refused.body())
                .containsPattern("<input[^>]*name=\"hours\\[MONDAY\\]\"[^>]*aria-describedby=\"hoursMONDAY-error\"")
                .contains("<p class=\"field-error\" id=\"hoursMONDAY-error\">");

        var saved = post(
                session,
                page(session, "/queueing/branches/new"),
                "/queueing/branches",
                List.of(
                        Map.entry("name", name),
                        Map.entry("timeZone", "America/Lima"),
                        Map.entry("hours[MONDAY]", "08:00-17:00"),
                        Map.entry("hours[SATURDAY]", "9:00-13:00"),
                        Map.entry("callPolicy", "STRICT_PRIORITY"),
                        Map.entry("maxRecalls", "2"),
                        Map.entry("rebalanceThreshold", "8"),
                        Map.entry("_active", "on"),
                        Map.entry("active", "true")));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        assertThat(owner.sql("""
                SELECT time_zone || ' ' || call_policy || ' ' || max_recalls || ' ' || (opening_hours #>> '{SATURDAY,0,open}')
                FROM queueing_branches WHERE name = :n""").param("n", name).query(String.class).single())
                .isEqualTo("America/Lima STRICT_PRIORITY 2 09:00");
    }

    @Test
    void desksTakeQueuePrefixesInOrderAndServicesKeepTheApisRules() {
        String session = signIn("admin", "Admin123!");
        String branch = demoId("queueing_branches", "name", "Sede Centro");
        String name = "Módulo " + UUID.randomUUID().toString().substring(0, 6);
        var unknown = post(
                session,
                page(session, "/queueing/desks/new"),
                "/queueing/desks",
                List.of(
                        Map.entry("branchId", branch),
                        Map.entry("name", name),
                        Map.entry("queues", "c, z"),
                        Map.entry("overflowQueues", ""),
                        Map.entry("operatorId", "")));
        assertThat(unknown.statusCode()).isEqualTo(200);
        assertThat(unknown.body()).contains("no tiene una cola con el prefijo «Z»", "value=\"c, z\"");
        var saved = post(
                session,
                page(session, "/queueing/desks/new"),
                "/queueing/desks",
                List.of(
                        Map.entry("branchId", branch),
                        Map.entry("name", name),
                        Map.entry("queues", "c, b"),
                        Map.entry("overflowQueues", "a"),
                        Map.entry("operatorId", ""),
                        Map.entry("_active", "on"),
                        Map.entry("active", "true")));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        assertThat(owner.sql("""
                SELECT string_agg(q.prefix || CASE WHEN dq.overflow THEN '+' ELSE '' END, ',' ORDER BY dq.position)
                FROM queueing_desks d JOIN queueing_desk_queues dq ON dq.desk_id = d.id JOIN queueing_queues q ON q.id = dq.queue_id
                WHERE d.name = :n""").param("n", name).query(String.class).single()).isEqualTo("C,B,A+");

        var price = post(
                session,
                page(session, "/catalog/services/new"),
                "/catalog/services",
                List.of(
                        Map.entry("code", "PG-" + UUID.randomUUID().toString().substring(0, 6)),
                        Map.entry("name", "Pago"),
                        Map.entry("price", "10.5"),
                        Map.entry("currency", "JPY"),
                        Map.entry("_walkIn", "on"),
                        Map.entry("_bookable", "on"),
                        Map.entry("_active", "on")));
        assertThat(price.statusCode()).isEqualTo(200);
        assertThat(price.body()).contains("JPY no admite decimales", "value=\"10.5\"");
        var taken = post(
                session,
                page(session, "/catalog/services/new"),
                "/catalog/services",
                List.of(Map.entry("code", "caja"), Map.entry("name", "Otra caja"), Map.entry("_active", "on")));
        assertThat(taken.statusCode()).isEqualTo(200);
        assertThat(taken.body()).contains("Ya existe un servicio con el código «CAJA»");
    }

    @Test
    void aViewerSeesTheListsButNoFormsAndASupervisorSeatsAnOperator() {
        // Other tests add queues and desks to demo: the lists are narrowed to the demo office's branch.
        String sedeCentro = demoId("queueing_branches", "name", "Sede Centro");
        String viewer = signIn("viewer", "Viewer123!");
        var list = page(viewer, "/queueing/queues?branch_id=" + sedeCentro);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("General").doesNotContain("/queueing/queues/new", "/deactivate");
        assertThat(page(viewer, "/queueing/queues/new").statusCode()).isEqualTo(403);
        assertThat(page(viewer, "/catalog/services").statusCode()).isEqualTo(200);

        String supervisor = signIn("supervisor", "Supervisor123!");
        String desk = atSedeCentro("queueing_desks", "Ventanilla 3");
        String operator = newOperator();
        var desks = page(supervisor, "/queueing/desks?branch_id=" + sedeCentro);
        assertThat(desks.body()).contains("/queueing/desks/" + desk + "/operator");
        try {
            var seated = post(
                    supervisor,
                    desks,
                    "/queueing/desks/" + desk + "/operator",
                    List.of(Map.entry("operatorId", operator)));
            assertThat(seated.statusCode()).isEqualTo(302);
            assertThat(owner.sql("SELECT operator_id FROM queueing_desks WHERE id = CAST(:d AS uuid)")
                            .param("d", desk)
                            .query(UUID.class)
                            .single()
                            .toString())
                    .isEqualTo(operator);
            assertThat(page(supervisor, "/queueing/desks/new").statusCode())
                    .as("seating is not building")
                    .isEqualTo(403);
        } finally {
            post(
                    supervisor,
                    page(supervisor, "/queueing/desks"),
                    "/queueing/desks/" + desk + "/operator",
                    List.of(Map.entry("operatorId", "")));
        }
        assertThat(owner.sql("SELECT operator_id FROM queueing_desks WHERE id = CAST(:d AS uuid)")
                        .param("d", desk)
                        .query(UUID.class)
                        .optional())
                .isEmpty();
    }

    private String apiBranch() {
        String token = http.demoToken("admin", "Admin123!");
        try {
            var created = http.call("POST", "/api/v1/branches", token, """
                    {"name": "Sede %s", "time_zone": "America/Bogota"}""".formatted(UUID.randomUUID()));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            return json(created).get("id").asString();
        } finally {
            http.call("POST", "/api/v1/auth/logout", token, null);
        }
    }

    /** A queue or desk of the demo's Sede Centro by name (other tests use the same names elsewhere). */
    private String atSedeCentro(String table, String name) {
        return owner.sql(
                        "SELECT x.id FROM " + table + " x JOIN queueing_branches b ON b.id = x.branch_id "
                                + "JOIN tenants t ON t.id = b.tenant_id WHERE t.slug = 'demo' AND b.name = 'Sede Centro' AND x.name = :n")
                .param("n", name)
                .query(UUID.class)
                .single()
                .toString();
    }

    /** A new OPERATOR of the demo tenant, created through the API; answers its id. */
    private String newOperator() {
        String token = http.demoToken("admin", "Admin123!");
        try {
            String username = "op-" + UUID.randomUUID().toString().substring(0, 8);
            var created = http.call("POST", "/api/v1/users", token, """
                    {"username": "%s", "full_name": "Operador %s", "password": "Operador-2026", "roles": ["OPERATOR"]}""".formatted(username, username));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            return json(created).get("id").asString();
        } finally {
            http.call("POST", "/api/v1/auth/logout", token, null);
        }
    }

    private String demoId(String table, String column, String value) {
        return owner.sql("SELECT x.id FROM " + table
                        + " x JOIN tenants t ON t.id = x.tenant_id WHERE t.slug = 'demo' AND x." + column + " = :v")
                .param("v", value)
                .query(UUID.class)
                .single()
                .toString();
    }

    private static List<String> fieldErrors(String body) {
        Matcher matcher =
                Pattern.compile("<p class=\"field-error\"[^>]*>([^<]*)</p>").matcher(body);
        List<String> errors = new java.util.ArrayList<>();
        while (matcher.find()) {
            errors.add(matcher.group(1));
        }
        return errors;
    }

    private HttpResponse<String> page(String session, String path) {
        return http.send(
                http.request(path).header("Cookie", "TURNO_SESSION=" + session).header("Accept", "text/html"));
    }

    /** Posts {@code fields} with the CSRF token of the page the form came from. */
    private HttpResponse<String> post(
            String session, HttpResponse<String> formPage, String path, List<Map.Entry<String, String>> fields) {
        Matcher csrf = CSRF.matcher(formPage.body());
        assertThat(csrf.find()).as("the page carries a CSRF token").isTrue();
        String body = fields.stream()
                        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                        .collect(Collectors.joining("&"))
                + "&_csrf=" + encode(csrf.group(1));
        return http.send(http.request(path)
                .header("Cookie", "TURNO_SESSION=" + session)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private String signIn(String username, String password) {
        var login = http.get("/login");
        Matcher csrf = CSRF.matcher(login.body());
        assertThat(csrf.find()).isTrue();
        var response = http.send(http.request("/login")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", "TURNO_SESSION=" + sessionOf(login))
                .POST(TestHttp.form(
                        Map.of("tenant", "demo", "username", username, "password", password, "_csrf", csrf.group(1)))));
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
        return sessionOf(response);
    }

    private static String sessionOf(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream()
                .map(SESSION::matcher)
                .filter(Matcher::find)
                .map(m -> m.group(1))
                .findFirst()
                .orElseThrow();
    }
}
