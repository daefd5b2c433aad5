package io.turno.production;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.turno.PageSession;
import io.turno.SignedIn;
import io.turno.TestDatabase;
import io.turno.TestHttp;
import io.turno.TurnoTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The plant's shifts, filters, cameras, stops and client-database pages through a browser's requests: forms,
 * refusals, secrets.
 */
@TurnoTest
class PlantPagesTests {

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @RegisterExtension
    final SignedIn signedIn = new SignedIn();

    @Test
    void anAdministratorAddsAShiftAfterARefusedFormAndAViewerOnlyReadsThem() {
        var admin = PageSession.signIn(new TestHttp(port), "demo", "admin", "Admin123!");
        String name = "Noche " + UUID.randomUUID().toString().substring(0, 6);

        var refused = admin.post(
                "/production/shifts",
                "name",
                "",
                "start",
                "25:00",
                "end",
                "06:00",
                "breaks",
                "02:00 a 02:30",
                "active",
                "true");
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body())
                .contains("id=\"name-error\"", "id=\"start-error\"", "id=\"breaks-error\"")
                .contains("value=\"25:00\"", "value=\"02:00 a 02:30\"")
                .doesNotContain("id=\"end-error\"");
        var sameTime = admin.post(
                "/production/shifts", "name", name, "start", "06:00", "end", "06:00", "breaks", "", "active", "true");
        assertThat(sameTime.body()).contains("id=\"end-error\"", "value=\"" + name + "\"");

        var saved = admin.submit(
                "/production/shifts",
                "name",
                name,
                "start",
                "22:00",
                "end",
                "06:00",
                "breaks",
                "02:00-02:30, 04:00-04:10",
                "active",
                "true");
        assertThat(saved.body()).contains(name, "value=\"22:00\"", "value=\"02:00-02:30, 04:00-04:10\"");
        assertThat(admin.get("/production/shifts").body()).contains(name, "22:00 – 06:00", "02:00 – 02:30");

        var viewer = PageSession.signIn(new TestHttp(port), "demo", "viewer", "Viewer123!");
        var list = viewer.get("/production/shifts");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("Mañana", "06:00 – 14:00").doesNotContain("/production/shifts/new");
        assertThat(viewer.get("/production/shifts/new").statusCode()).isEqualTo(403);
        assertThat(viewer.get("/production/sources").statusCode()).isEqualTo(403);
    }

    @Test
    void aShiftIsGivenOneLineAndALineNotOfTheOrganizationIsRefusedBesideTheField() {
        var api = new TestHttp(port);
        String token = api.demoToken("admin", "Admin123!");
        String code = "TL-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        var line = api.call("POST", "/api/v1/production/lines", token, """
                {"code": "%s", "name": "Turnos propios"}""".formatted(code));
        assertThat(line.statusCode()).as(line.body()).isEqualTo(201);
        String lineId = TestHttp.json(line).get("id").asString();
        var admin = PageSession.signIn(api, "demo", "admin", "Admin123!");
        String name = "Propio " + UUID.randomUUID().toString().substring(0, 6);

        assertThat(admin.get("/production/shifts/new").body()).contains("Todas las líneas", code + " · Turnos propios");
        String unknown = UUID.randomUUID().toString();
        var refused = admin.post(
                "/production/shifts",
                "name",
                name,
                "start",
                "06:00",
                "end",
                "14:00",
                "breaks",
                "10:00-10:15",
                "active",
                "true",
                "lineId",
                unknown);
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body())
                .contains("id=\"lineId-error\"", "value=\"" + name + "\"", "value=\"10:00-10:15\"")
                .containsPattern("value=\"" + unknown + "\"[^>]*selected");

        var saved = admin.submit(
                "/production/shifts",
                "name",
                name,
                "start",
                "06:00",
                "end",
                "14:00",
                "breaks",
                "",
                "active",
                "true",
                "lineId",
                lineId);
        assertThat(saved.body()).containsPattern("value=\"" + lineId + "\"[^>]*selected");
        assertThat(admin.get("/production/shifts").body()).contains(name, code + " · Turnos propios");
    }

    @Test
    void anAdministratorRegistersADatabaseVerifiesItAndThePasswordIsNeverInAPage() throws Exception {
        var admin = PageSession.signIn(new TestHttp(port), "demo", "admin", "Admin123!");
        String secret = "S3creto-" + UUID.randomUUID();

        var refused = admin.post(
                "/production/sources",
                "name",
                "",
                "kind",
                "POSTGRESQL",
                "host",
                "mal host!",
                "port",
                "cinco",
                "database",
                "planta",
                "username",
                "lector",
                "password",
                secret,
                "active",
                "true");
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body())
                .contains("id=\"name-error\"", "id=\"host-error\"", "id=\"port-error\"")
                .contains("value=\"mal host!\"", "value=\"cinco\"", "value=\"lector\"")
                .doesNotContain(secret);
        var noPassword = admin.post(
                "/production/sources",
                "name",
                "Sin clave",
                "kind",
                "POSTGRESQL",
                "host",
                "db.example.com",
                "port",
                "5432",
                "database",
                "planta",
                "username",
                "lector",
                "password",
                "",
                "active",
                "true");
        assertThat(noPassword.body()).contains("id=\"password-error\"", "value=\"db.example.com\"");
        // An address of Turno's own network, not on the tests' allow-list (loopback only): refused beside "Host".
        var internal = admin.post(
                "/production/sources",
                "name",
                "Interna",
                "kind",
                "POSTGRESQL",
                "host",
                "169.254.169.254",
                "port",
                "5432",
                "database",
                "planta",
                "username",
                "lector",
                "password",
                secret,
                "active",
                "true");
        assertThat(internal.statusCode()).isEqualTo(200);
        assertThat(PageSession.find(internal.body(), "<p class=\"field-error\" id=\"host-error\">([^<]+)</p>"))
                .contains("169.254.169.254", "dirección interna");
        assertThat(internal.body())
                .contains("value=\"169.254.169.254\"", "value=\"Interna\"", "value=\"lector\"")
                .doesNotContain(secret);
        assertThat(admin.get("/production/sources").body()).doesNotContain(">Interna<");

        // The tests' own PostgreSQL (it trusts local connections, so any password does), as a client
        // database: it has none of seed 002's tables.
        var pool = dataSource.unwrap(HikariDataSource.class);
        URI url = URI.create(pool.getJdbcUrl().substring("jdbc:".length()));
        String name = "Planta " + UUID.randomUUID().toString().substring(0, 6);
        var saved = admin.submit(
                "/production/sources",
                "name",
                name,
                "kind",
                "POSTGRESQL",
                "host",
                url.getHost(),
                "port",
                String.valueOf(url.getPort()),
                "database",
                url.getPath().substring(1),
                "username",
                pool.getUsername(),
                "password",
                secret,
                "active",
                "true");
        assertThat(saved.body()).contains(name, "id=\"verify-form\"").doesNotContain(secret);
        String id = PageSession.find(saved.body(), "action=\"/production/sources/([0-9a-f-]{36})/verify\"");
        assertThat(admin.get("/production/sources").body()).contains(name).doesNotContain(secret);

        var kept = admin.submit(
                "/production/sources/" + id,
                "name",
                name,
                "kind",
                "POSTGRESQL",
                "host",
                url.getHost(),
                "port",
                String.valueOf(url.getPort()),
                "database",
                url.getPath().substring(1),
                "username",
                pool.getUsername(),
                "password",
                "",
                "active",
                "true");
        assertThat(kept.body()).doesNotContain(secret);

        var report = admin.post("/production/sources/" + id + "/verify");
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.body())
                .contains("id=\"verify-tables\"", "PRODUCTION_LINE", "SHIFT", "A la base de datos le falta algo")
                .doesNotContain(secret, "id=\"verify-failure\"");
    }

    @Test
    void anAdministratorAddsAFilterAfterARefusedFormAndAViewerOnlyReadsThem() {
        var admin = PageSession.signIn(new TestHttp(port), "demo", "admin", "Admin123!");
        String name = "Filtro " + UUID.randomUUID().toString().substring(0, 6);

        var refused = admin.post(
                "/production/filters",
                "name",
                "",
                "status",
                "false",
                "position",
                "primero",
                "additional",
                "{type: line}",
                "defaultValue",
                "[1, 2]");
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body())
                .contains("id=\"name-error\"", "id=\"position-error\"", "id=\"additional-error\"")
                .contains("id=\"defaultValue-error\"", "Escribe un objeto JSON")
                .contains("value=\"primero\"", "{type: line}", "[1, 2]");
        var outOfRange = admin.post(
                "/production/filters",
                "name",
                name,
                "status",
                "false",
                "position",
                "5000",
                "additional",
                "",
                "defaultValue",
                "");
        assertThat(outOfRange.body()).contains("id=\"position-error\"", "value=\"" + name + "\"");

        // Hidden (status false), so the dashboard's own tests see only the demo's filters.
        var saved = admin.submit(
                "/production/filters",
                "name",
                name,
                "status",
                "false",
                "position",
                "40",
                "additional",
                "{\"type\": \"product\"}",
                "defaultValue",
                "{\"days_back\": 3}");
        assertThat(saved.body()).contains(name, "value=\"40\"", "days_back&quot;:3");
        String id = PageSession.find(saved.body(), "action=\"/production/filters/([0-9a-f-]{36})\"");
        var taken = admin.post(
                "/production/filters/" + id,
                "name",
                "Rango de fechas",
                "status",
                "false",
                "position",
                "40",
                "additional",
                "",
                "defaultValue",
                "");
        assertThat(taken.body()).contains("id=\"name-error\"", "value=\"Rango de fechas\"");
        assertThat(admin.get("/production/filters").body()).contains(name, "product", "Oculto", "daterange");

        var viewer = PageSession.signIn(new TestHttp(port), "demo", "viewer", "Viewer123!");
        var list = viewer.get("/production/filters");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("Rango de fechas").doesNotContain("/production/filters/new");
        assertThat(viewer.get("/production/filters/new").statusCode()).isEqualTo(403);
        assertThat(viewer.post(
                                "/production/filters/" + id,
                                "name",
                                "x",
                                "status",
                                "true",
                                "position",
                                "1",
                                "additional",
                                "",
                                "defaultValue",
                                "")
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void anAdministratorAddsACameraToAnAreaAfterARefusedFormAndAViewerOnlyReadsThem() {
        var admin = PageSession.signIn(new TestHttp(port), "demo", "admin", "Admin123!");
        String name = "Camara " + UUID.randomUUID().toString().substring(0, 6);
        var form = admin.get("/production/cameras/new");
        assertThat(form.statusCode()).isEqualTo(200);
        String area = PageSession.find(form.body(), "<option value=\"([0-9a-f-]{36})\">DEMO-L1 · Salida</option>");

        var refused = admin.post(
                "/production/cameras", "areaId", "", "name", name, "streamUrl", "ftp://camara/1", "active", "true");
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body())
                .contains("id=\"areaId-error\"", "id=\"streamUrl-error\"")
                .contains("value=\"" + name + "\"", "value=\"ftp://camara/1\"")
                .doesNotContain("id=\"name-error\"");
        var unknownArea = admin.post(
                "/production/cameras",
                "areaId",
                UUID.randomUUID().toString(),
                "name",
                name,
                "streamUrl",
                "rtsp://camara.example/1",
                "active",
                "true");
        assertThat(unknownArea.body()).contains("id=\"areaId-error\"", "value=\"rtsp://camara.example/1\"");

        var saved = admin.submit(
                "/production/cameras",
                "areaId",
                area,
                "name",
                name,
                "streamUrl",
                "rtsp://camara.example/1",
                "active",
                "true");
        assertThat(saved.body()).contains(name, "value=\"rtsp://camara.example/1\"");
        assertThat(admin.post("/production/cameras", "areaId", area, "name", name, "streamUrl", "", "active", "true")
                        .body())
                .contains("id=\"name-error\"");
        assertThat(admin.get("/production/cameras").body()).contains(name, "DEMO-L1 · Salida");

        var viewer = PageSession.signIn(new TestHttp(port), "demo", "viewer", "Viewer123!");
        var list = viewer.get("/production/cameras");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains(name).doesNotContain("/production/cameras/new");
        assertThat(viewer.get("/production/cameras/new").statusCode()).isEqualTo(403);
    }

    @Test
    void aSupervisorExplainsAStopOnTheStopsPageAndAViewerOnlyReadsTheReason() {
        var http = new TestHttp(port);
        String admin = signedIn.demo("admin", "Admin123!");
        var created = http.call("POST", "/api/v1/production/lines", admin, """
                {"code": "%s", "name": "Paradas en página", "downtime_threshold_seconds": 300}""".formatted(
                        "SP-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase()));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        UUID line = UUID.fromString(TestHttp.json(created).get("id").asString());
        // Two recorded stops of yesterday (the page shows the last 7 days of the organization's zone by default).
        ZoneId zone = ZoneId.of(owner().sql("SELECT time_zone FROM tenants WHERE slug = 'demo'")
                .query(String.class)
                .single());
        LocalDate yesterday = LocalDate.now(zone).minusDays(1);
        UUID earlier = stop(line, yesterday.atTime(9, 0).atZone(zone).toInstant(), 10);
        UUID later = stop(line, yesterday.atTime(15, 0).atZone(zone).toInstant(), 20);

        var supervisor = PageSession.signIn(http, "demo", "supervisor", "Supervisor123!");
        assertThat(supervisor.get("/production").body())
                .as("the plant dashboard leads here")
                .contains("href=\"/production/downtime\"", "Ver y explicar paradas");
        String list = supervisor.get("/production/downtime?line_id=" + line).body();
        assertThat(list.indexOf("/production/downtime/" + later))
                .as("newest first")
                .isPositive()
                .isLessThan(list.indexOf("/production/downtime/" + earlier));
        assertThat(list).contains("20,0 min", "10,0 min");
        String from = PageSession.find(list, "name=\"from\" value=\"([0-9-]{10})\"");
        String to = PageSession.find(list, "name=\"to\" value=\"([0-9-]{10})\"");
        assertThat(LocalDate.parse(to)).isEqualTo(LocalDate.now(zone));
        assertThat(LocalDate.parse(from)).isEqualTo(LocalDate.now(zone).minusDays(6));

        var saved = supervisor.post(
                "/production/downtime/" + later,
                "line_id",
                line.toString(),
                "from",
                from,
                "to",
                to,
                "page",
                "0",
                "reason",
                "Atasco en la etiquetadora");
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(PageSession.location(saved))
                .endsWith("/production/downtime?line_id=" + line + "&from=" + from + "&to=" + to);
        var back = supervisor.get("/production/downtime?line_id=" + line + "&from=" + from + "&to=" + to);
        assertThat(back.body()).contains("Motivo de la parada guardado.", "value=\"Atasco en la etiquetadora\"");
        assertThat(owner().sql("""
                        SELECT count(*) FROM audit_log WHERE entity_type = 'production_downtime' AND entity_id = :id
                        AND actor_name = 'supervisor' AND action = 'UPDATE'""")
                        .param("id", later.toString())
                        .query(Long.class)
                        .single())
                .as("audited as the API's PUT is")
                .isEqualTo(1);

        String tooLong = "Se cayo la banda " + "x".repeat(500);
        var refused = supervisor.post(
                "/production/downtime/" + later,
                "line_id",
                line.toString(),
                "from",
                from,
                "to",
                to,
                "page",
                "0",
                "reason",
                tooLong);
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(PageSession.find(refused.body(), "<p class=\"field-error\" id=\"reason-error\">([^<]+)</p>"))
                .contains("500");
        assertThat(PageSession.find(refused.body(), "(<input[^>]*aria-describedby=\"reason-error\"[^>]*>)"))
                .contains("aria-invalid=\"true\"", "value=\"" + tooLong + "\"");
        assertThat(refused.body()).contains("class=\"error-summary\"", "href=\"#reason\"");
        assertThat(supervisor.get("/production/downtime?line_id=" + line).body())
                .as("nothing saved")
                .contains("value=\"Atasco en la etiquetadora\"")
                .doesNotContain(tooLong);

        var viewer = PageSession.signIn(http, "demo", "viewer", "Viewer123!");
        var read = viewer.get("/production/downtime?line_id=" + line);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body())
                .contains("Atasco en la etiquetadora")
                .doesNotContain("reason-form", "/production/downtime/" + later);
        assertThat(viewer.inEnglish()
                        .get("/production/downtime?line_id=" + line)
                        .body())
                .contains("Line downtime", "Reason", "20.0 min", "Atasco en la etiquetadora");
        assertThat(viewer.post("/production/downtime/" + later, "reason", "No").statusCode())
                .isEqualTo(403);
    }

    /** A recorded stop of {@code minutes} from {@code start}, as the downtime job records one. */
    private UUID stop(UUID line, Instant start, int minutes) {
        UUID id = UUID.randomUUID();
        owner().sql("""
                        INSERT INTO production_downtime_events (id, tenant_id, line_id, started_at, ended_at)
                        VALUES (:id, (SELECT id FROM tenants WHERE slug = 'demo'), :line, :start, :end)""")
                .param("id", id)
                .param("line", line)
                .param("start", java.sql.Timestamp.from(start))
                .param("end", java.sql.Timestamp.from(start.plusSeconds(minutes * 60L)))
                .update();
        return id;
    }

    private JdbcClient owner() {
        return TestDatabase.owner(dataSource);
    }
}
