package io.turno.production;

import static io.turno.TestHttp.assertProblem;
import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import javax.sql.DataSource;

import io.turno.SignedIn;
import io.turno.TestDatabase;
import io.turno.TestHttp;
import io.turno.TurnoTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A shift of one line (issue 23 §4): it is planned time, production and OEE on that line only; a shift
 * of no line is every line's; a line that is not the organization's is a 422 on {@code line_id}. The
 * demo organization keeps the shifts other tests add, so the figures are asked of one shift at a time.
 */
@TurnoTest
class LineShiftsApiTests {

    @LocalServerPort
    int port;

    JdbcClient owner;

    @Autowired
    void ownerConnection(DataSource dataSource) {
        owner = TestDatabase.owner(dataSource);
    }

    TestHttp http;

    @RegisterExtension
    final SignedIn signedIn = new SignedIn();

    @BeforeEach
    void setUp() {
        http = new TestHttp(port);
    }

    @Test
    void aLinesShiftCountsOnlyOnThatLineAndAShiftOfNoLineOnEveryLine() {
        String admin = signedIn.demo("admin", "Admin123!");
        ZoneId zone = ZoneId.of(owner.sql("SELECT time_zone FROM tenants WHERE slug = 'demo'")
                .query(String.class)
                .single());
        String codeA = unique("SA");
        String codeB = unique("SB");
        String lineA = line(admin, codeA);
        String lineB = line(admin, codeB);
        String product = unique("P");
        created(http.call("POST", "/api/v1/production/products", admin, """
                {"code": "%s", "name": "Caja", "ideal_cycle_seconds": 60}""".formatted(product)));

        String ownName = unique("solo-a");
        JsonNode own = created(http.call("POST", "/api/v1/production/shifts", admin, """
                {"name": "%s", "start": "03:00", "end": "04:00", "line_id": "%s"}""".formatted(ownName, lineA)));
        assertThat(own.get("line_id").asString()).isEqualTo(lineA);
        String everyName = unique("todas");
        JsonNode every = created(http.call("POST", "/api/v1/production/shifts", admin, """
                {"name": "%s", "start": "04:00", "end": "05:00"}""".formatted(everyName)));
        assertThat(every.has("line_id")).as("every line's: no line").isFalse();

        // One box a minute on both lines from 03:00 to 05:00.
        LocalDate day = LocalDate.of(2025, 6, 10);
        Instant from = day.atTime(3, 0).atZone(zone).toInstant();
        Instant to = day.atTime(5, 0).atZone(zone).toInstant();
        StringBuilder rows = new StringBuilder("[");
        for (Instant t = from; t.isBefore(to); t = t.plusSeconds(60)) {
            for (String code : new String[] {codeA, codeB}) {
                rows.append(rows.length() > 1 ? "," : "").append("""
                        {"line_code": "%s", "area": "Salida", "product_code": "%s", "detected_at": "%s"}""".formatted(code, product, t));
            }
        }
        JsonNode stored = json(http.call(
                "POST",
                "/api/v1/production/detections",
                signedIn.demo("operator", "Operator123!"),
                rows.append("]").toString()));
        assertThat(stored.get("accepted").asInt()).isEqualTo(240);

        String dayRange = "&from=" + day.atStartOfDay(zone).toInstant() + "&to="
                + day.plusDays(1).atStartOfDay(zone).toInstant();
        JsonNode ownOnA = kpis(admin, lineA, dayRange, own);
        assertThat(ownOnA.get("planned_seconds").asDouble()).isEqualTo(3600);
        assertThat(ownOnA.get("total").asLong()).isEqualTo(60);
        assertThat(ownOnA.get("oee").asDouble())
                .as("60 × 60 s in 3,600 s, none rejected")
                .isEqualTo(1.0);
        JsonNode ownOnB = kpis(admin, lineB, dayRange, own);
        assertThat(ownOnB.get("planned_seconds").asDouble())
                .as("not line B's shift")
                .isZero();
        assertThat(ownOnB.get("total").asLong()).isZero();
        assertThat(ownOnB.has("oee")).isFalse();
        for (String line : new String[] {lineA, lineB}) {
            JsonNode everyOn = kpis(admin, line, dayRange, every);
            assertThat(everyOn.get("planned_seconds").asDouble()).isEqualTo(3600);
            assertThat(everyOn.get("total").asLong()).isEqualTo(60);
        }
        assertThat(shiftLabels(admin, lineA, dayRange)).contains(ownName, everyName);
        assertThat(shiftLabels(admin, lineB, dayRange)).contains(everyName).doesNotContain(ownName);

        // Moved to line B: now B's, no longer A's.
        JsonNode moved = json(http.call(
                "PUT", "/api/v1/production/shifts/" + own.get("id").asString(), admin, """
                {"name": "%s", "start": "03:00", "end": "04:00", "line_id": "%s"}""".formatted(ownName, lineB)));
        assertThat(moved.get("line_id").asString()).isEqualTo(lineB);
        assertThat(kpis(admin, lineA, dayRange, own).get("planned_seconds").asDouble())
                .isZero();
        assertThat(kpis(admin, lineB, dayRange, own).get("planned_seconds").asDouble())
                .isEqualTo(3600);
    }

    @Test
    void aLineThatIsNotTheOrganizationsIsRefusedOnLineId() {
        String admin = signedIn.demo("admin", "Admin123!");
        UUID otherTenant = UUID.randomUUID();
        UUID foreignLine = UUID.randomUUID();
        owner.sql("INSERT INTO tenants (id, slug, name) VALUES (:id, :slug, 'Otra')")
                .param("id", otherTenant)
                .param("slug", "otra-" + otherTenant.toString().substring(0, 8))
                .update();
        owner.sql("INSERT INTO production_lines (id, tenant_id, code, name) VALUES (:id, :t, :code, 'Ajena')")
                .param("id", foreignLine)
                .param("t", otherTenant)
                .param("code", unique("AJENA"))
                .update();
        String name = unique("turno");
        for (UUID line : new UUID[] {foreignLine, UUID.randomUUID()}) {
            JsonNode problem = assertProblem(
                    http.call("POST", "/api/v1/production/shifts", admin, """
                    {"name": "%s", "start": "06:00", "end": "14:00", "line_id": "%s"}""".formatted(name, line)),
                    422,
                    "VALIDATION_FAILED");
            assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("line_id");
        }
        assertThat(owner.sql("SELECT count(*) FROM production_shifts WHERE name = :name")
                        .param("name", name)
                        .query(Long.class)
                        .single())
                .isZero();

        JsonNode shift = created(http.call("POST", "/api/v1/production/shifts", admin, """
                {"name": "%s", "start": "06:00", "end": "14:00"}""".formatted(name)));
        JsonNode problem = assertProblem(
                http.call("PUT", "/api/v1/production/shifts/" + shift.get("id").asString(), admin, """
                {"name": "%s", "start": "06:00", "end": "14:00", "line_id": "%s"}""".formatted(
                                name, foreignLine)),
                422,
                "VALIDATION_FAILED");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("line_id");
        assertThat(json(http.call(
                                "GET",
                                "/api/v1/production/shifts/" + shift.get("id").asString(),
                                admin,
                                null))
                        .has("line_id"))
                .as("unchanged: every line's")
                .isFalse();
    }

    private String line(String admin, String code) {
        String id = created(http.call("POST", "/api/v1/production/lines", admin, """
                {"code": "%s", "name": "Turnos"}""".formatted(code)))
                .get("id")
                .asString();
        created(http.call("POST", "/api/v1/production/areas", admin, """
                {"line_id": "%s", "name": "Salida", "type": "OUTPUT"}""".formatted(id)));
        return id;
    }

    private JsonNode kpis(String admin, String line, String range, JsonNode shift) {
        var response = http.call(
                "GET",
                "/api/v1/production/kpis?line_id=" + line + range + "&shift_id="
                        + shift.get("id").asString(),
                admin,
                null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private java.util.List<String> shiftLabels(String admin, String line, String range) {
        var response =
                http.call("GET", "/api/v1/production/series?line_id=" + line + range + "&interval=shift", admin, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response).valueStream().map(p -> p.get("label").asString()).toList();
    }

    private static JsonNode created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response);
    }

    private static String unique(String prefix) {
        return (prefix + "-" + UUID.randomUUID().toString().substring(0, 8)).toUpperCase();
    }
}
