package io.turno.production;

import static io.turno.TestHttp.assertProblem;
import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import io.turno.SignedIn;
import io.turno.TestHttp;
import io.turno.TurnoTest;
import io.turno.production.internal.DetectionIngest;
import io.turno.production.internal.Downtime;
import io.turno.shared.TenantId;
import io.turno.shared.TenantScope;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The KPI, downtime, filter and camera endpoints: answers, permissions, the query log and the audit. */
@TurnoTest
class ProductionKpisApiTests {

    @LocalServerPort
    int port;

    JdbcClient owner;

    @Autowired
    void ownerConnection(javax.sql.DataSource dataSource) {
        owner = io.turno.TestDatabase.owner(dataSource);
    }

    @Autowired
    Downtime downtime;

    @Autowired
    DetectionIngest ingest;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    TestHttp http;

    @RegisterExtension
    final SignedIn signedIn = new SignedIn();

    @BeforeEach
    void setUp() {
        http = new TestHttp(port);
    }

    @Test
    void kpisSeriesMixDowntimeAndComparisonAnswerAndAreRecordedInTheQueryLog() {
        String admin = signedIn.demo("admin", "Admin123!");
        TenantId demo = new TenantId(owner.sql("SELECT id FROM tenants WHERE slug = 'demo'")
                .query(UUID.class)
                .single());
        ZoneId zone = ZoneId.of(owner.sql("SELECT time_zone FROM tenants WHERE slug = 'demo'")
                .query(String.class)
                .single());
        String code = unique("K");
        UUID line = UUID.fromString(created(http.call("POST", "/api/v1/production/lines", admin, """
                {"code": "%s", "name": "KPI", "downtime_threshold_seconds": 300}""".formatted(code)))
                .get("id")
                .asString());
        created(http.call("POST", "/api/v1/production/areas", admin, """
                {"line_id": "%s", "name": "Salida", "type": "OUTPUT"}""".formatted(line)));
        String product = unique("P");
        created(http.call("POST", "/api/v1/production/products", admin, """
                {"code": "%s", "name": "Caja", "ideal_cycle_seconds": 50}""".formatted(product)));
        created(http.call("POST", "/api/v1/production/shifts", admin, """
                {"name": "%s", "start": "00:00", "end": "23:59"}""".formatted(unique("todo"))));
        LocalDate day = LocalDate.of(2025, 5, 5);
        Instant from = day.atTime(8, 0).atZone(zone).toInstant();
        Instant to = day.atTime(9, 0).atZone(zone).toInstant();
        StringBuilder rows = new StringBuilder("[");
        for (Instant t = from; t.isBefore(to); t = t.plusSeconds(60)) {
            if (t.isAfter(from.plusSeconds(20 * 60)) && t.isBefore(from.plusSeconds(40 * 60))) {
                continue;
            }
            rows.append(rows.length() > 1 ? "," : "").append("""
                    {"line_code": "%s", "area": "Salida", "product_code": "%s", "detected_at": "%s"}""".formatted(code, product, t));
        }
        String operator = signedIn.demo("operator", "Operator123!");
        JsonNode stored = json(http.call(
                "POST",
                "/api/v1/production/detections",
                operator,
                rows.append("]").toString()));
        assertThat(stored.get("accepted").asInt()).isEqualTo(41);
        List<Downtime.Event> found = TenantScope.call(demo, () -> downtime.detect(demo, line, from, to));
        assertThat(found)
                .extracting(e -> e.startedAt() + "/" + e.durationSeconds())
                .contains(from.plusSeconds(1200) + "/1200");

        String range = "line_id=" + line + "&from=" + from + "&to=" + to;
        JsonNode kpis = json(http.call("GET", "/api/v1/production/kpis?" + range, admin, null));
        assertThat(kpis.get("planned_seconds").asDouble()).isEqualTo(3600);
        assertThat(kpis.get("downtime_seconds").asDouble()).isEqualTo(1200);
        assertThat(kpis.get("total").asLong()).isEqualTo(41);
        assertThat(kpis.get("availability").asDouble()).isEqualTo(0.666667);
        assertThat(kpis.get("performance").asDouble()).as("41 × 50 s / 2,400 s").isEqualTo(0.854167);
        assertThat(kpis.get("quality").asDouble()).isEqualTo(1.0);
        JsonNode series =
                json(http.call("GET", "/api/v1/production/series?" + range + "&interval=minute", admin, null));
        assertThat(series.size()).isEqualTo(41);
        assertThat(json(http.call("GET", "/api/v1/production/series?" + range + "&interval=hour", admin, null))
                        .get(0)
                        .get("total")
                        .asLong())
                .isEqualTo(41);
        assertProblem(
                http.call("GET", "/api/v1/production/series?" + range + "&interval=week", admin, null),
                422,
                "BUSINESS_RULE_VIOLATION");
        assertThat(json(http.call("GET", "/api/v1/production/product-mix?" + range, admin, null))
                        .get(0)
                        .get("code")
                        .asString())
                .isEqualTo(product);
        JsonNode events = json(http.call("GET", "/api/v1/production/downtime?" + range, admin, null));
        JsonNode gap = events.get("items")
                .valueStream()
                .filter(e -> e.get("duration_seconds").asLong() == 1200)
                .findFirst()
                .orElseThrow();
        JsonNode compared = json(http.call(
                "GET",
                "/api/v1/production/compare?line_ids=" + line + "," + line + "&from=" + from + "&to=" + to
                        + "&metric=downtime",
                admin,
                null));
        assertThat(compared.get(0).get("value").asDouble()).isEqualTo(1200);

        var explained =
                http.call("PUT", "/api/v1/production/downtime/" + gap.get("id").asString(), operator, """
                {"reason": "Atasco en la etiquetadora"}""");
        assertThat(explained.statusCode()).as(explained.body()).isEqualTo(200);
        assertThat(json(explained).get("reason").asString()).isEqualTo("Atasco en la etiquetadora");
        assertProblem(
                http.call(
                        "PUT",
                        "/api/v1/production/downtime/" + gap.get("id").asString(),
                        signedIn.demo("viewer", "Viewer123!"),
                        "{\"reason\": \"x\"}"),
                403,
                "INSUFFICIENT_PERMISSIONS");
        assertProblem(
                http.call("PUT", "/api/v1/production/downtime/" + UUID.randomUUID(), operator, "{\"reason\": \"x\"}"),
                404,
                "NOT_FOUND");
        assertThat(owner.sql(
                                "SELECT count(*) FROM audit_log WHERE entity_type = 'production_downtime' AND entity_id = :id")
                        .param("id", gap.get("id").asString())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        assertThat(owner.sql("""
                SELECT DISTINCT kind FROM audit_query_log WHERE filters ->> 'line_id' = :line OR jsonb_exists(filters -> 'line_ids', :line)""")
                        .param("line", line.toString())
                        .query(String.class)
                        .list())
                .contains(
                        "production.kpis",
                        "production.series",
                        "production.product_mix",
                        "production.downtime",
                        "production.compare");
        assertProblem(
                http.call(
                        "GET", "/api/v1/production/kpis?line_id=" + line + "&from=" + to + "&to=" + from, admin, null),
                422,
                "BUSINESS_RULE_VIOLATION");
        assertProblem(
                http.call(
                        "GET",
                        "/api/v1/production/kpis?line_id=" + UUID.randomUUID() + "&from=" + from + "&to=" + to,
                        admin,
                        null),
                404,
                "NOT_FOUND");
        assertProblem(
                http.call("GET", "/api/v1/production/kpis?" + range, signedIn.demo("reception", "Reception123!"), null),
                403,
                "INSUFFICIENT_PERMISSIONS");
    }

    @Test
    void filtersAndCamerasAreKeptAuditedAndServedFromTheCache() {
        String admin = signedIn.demo("admin", "Admin123!");
        String name = unique("Rango de fechas");
        JsonNode filter = created(http.call("POST", "/api/v1/production/filters", admin, """
                {"name": "%s", "default_value": {"days_back": 7},
                 "additional": {"type": "daterange", "required": true, "show_time": true}}""".formatted(name)));
        assertThat(filter.get("status").asBoolean()).isTrue();
        assertThat(filter.get("additional").get("type").asString()).isEqualTo("daterange");
        String viewer = signedIn.demo("viewer", "Viewer123!");
        assertThat(json(http.call("GET", "/api/v1/production/filters", viewer, null))
                        .valueStream()
                        .map(f -> f.get("name").asString()))
                .contains(name);
        var changed = http.call(
                "PUT", "/api/v1/production/filters/" + filter.get("id").asString(), admin, """
                {"name": "%s", "status": false, "default_value": {"days_back": 1}}""".formatted(name));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(json(http.call("GET", "/api/v1/production/filters", viewer, null))
                        .valueStream()
                        .filter(f -> f.get("name").asString().equals(name))
                        .findFirst()
                        .orElseThrow()
                        .get("status")
                        .asBoolean())
                .as("the change invalidated the cache")
                .isFalse();
        assertProblem(http.call("POST", "/api/v1/production/filters", admin, """
                {"name": "%s"}""".formatted(name)), 409, "CONFLICT");
        assertProblem(http.call("POST", "/api/v1/production/filters", viewer, """
                {"name": "x"}"""), 403, "INSUFFICIENT_PERMISSIONS");
        assertThat(http.call(
                                "DELETE",
                                "/api/v1/production/filters/" + filter.get("id").asString(),
                                admin,
                                null)
                        .statusCode())
                .isEqualTo(204);

        // The structure's reads come from the metadata cache: a second read is a hit.
        double hits = meters.get("turno.production.metadata.cache")
                .tag("result", "hit")
                .counter()
                .count();
        http.call("GET", "/api/v1/production/lines", viewer, null);
        http.call("GET", "/api/v1/production/products", viewer, null);
        assertThat(meters.get("turno.production.metadata.cache")
                        .tag("result", "hit")
                        .counter()
                        .count())
                .isGreaterThanOrEqualTo(hits + 1);

        String line = created(http.call("POST", "/api/v1/production/lines", admin, """
                {"code": "%s", "name": "Cámaras"}""".formatted(unique("C"))))
                .get("id")
                .asString();
        String area = created(http.call("POST", "/api/v1/production/areas", admin, """
                {"line_id": "%s", "name": "Salida", "type": "OUTPUT"}""".formatted(line)))
                .get("id")
                .asString();
        JsonNode camera = created(http.call("POST", "/api/v1/production/cameras", admin, """
                {"area_id": "%s", "name": "Cam 1", "stream_url": "rtsp://10.0.0.5/cam1"}""".formatted(area)));
        assertThat(json(http.call("GET", "/api/v1/production/cameras?area_id=" + area, admin, null))
                        .get("total")
                        .asLong())
                .isEqualTo(1);
        assertProblem(
                http.call("POST", "/api/v1/production/cameras", admin, """
                {"area_id": "%s", "name": "Cam 2", "stream_url": "javascript:alert(1)"}""".formatted(area)), 422, "VALIDATION_FAILED");
        assertThat(http.call(
                                "DELETE",
                                "/api/v1/production/cameras/" + camera.get("id").asString(),
                                admin,
                                null)
                        .statusCode())
                .isEqualTo(204);
        assertThat(owner.sql("SELECT action FROM audit_log WHERE entity_id IN (:ids) ORDER BY id")
                        .param(
                                "ids",
                                List.of(
                                        filter.get("id").asString(),
                                        camera.get("id").asString()))
                        .query(String.class)
                        .list())
                .containsExactly("CREATE", "UPDATE", "DELETE", "CREATE", "DELETE");
    }

    @Test
    void theMaintenanceDropsPartitionsPastTheRetention() {
        ingest.ensurePartitions(LocalDate.of(2019, 1, 1), 2);
        List<String> dropped = ingest.dropPartitionsBefore(LocalDate.of(2019, 4, 20), 1);
        assertThat(dropped).containsExactly("production_detections_2019_01", "production_detections_2019_02");
        assertThat(owner.sql("""
                SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                WHERE i.inhparent = 'production_detections'::regclass AND c.relname LIKE 'production_detections_2019_%'""").query(String.class).list()).containsExactly("production_detections_2019_03");
        assertThat(ingest.dropPartitionsBefore(LocalDate.of(2019, 4, 20), 1)).isEmpty();
    }

    @Test
    void theDashboardsHastaIsTheLastDayShownAndTheFiguresAreTheApisOverThoseDays() {
        String admin = signedIn.demo("admin", "Admin123!");
        ZoneId zone = ZoneId.of(owner.sql("SELECT time_zone FROM tenants WHERE slug = 'demo'")
                .query(String.class)
                .single());
        String code = unique("R");
        String line = created(http.call("POST", "/api/v1/production/lines", admin, """
                {"code": "%s", "name": "Rango"}""".formatted(code)))
                .get("id")
                .asString();
        created(http.call("POST", "/api/v1/production/areas", admin, """
                {"line_id": "%s", "name": "Salida", "type": "OUTPUT"}""".formatted(line)));
        String product = unique("P");
        created(http.call("POST", "/api/v1/production/products", admin, """
                {"code": "%s", "name": "Frasco", "ideal_cycle_seconds": 10}""".formatted(product)));
        LocalDate day = LocalDate.of(2025, 6, 10);
        // 3 the day before, 5 on the day (the last a minute before midnight), 2 the day after.
        StringBuilder rows = new StringBuilder("[");
        List<Instant> times = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            times.add(day.minusDays(1).atTime(15, i).atZone(zone).toInstant());
        }
        for (int i = 0; i < 4; i++) {
            times.add(day.atTime(9, i).atZone(zone).toInstant());
        }
        times.add(day.atTime(23, 59).atZone(zone).toInstant());
        for (int i = 0; i < 2; i++) {
            times.add(day.plusDays(1).atTime(0, i).atZone(zone).toInstant());
        }
        for (Instant t : times) {
            rows.append(rows.length() > 1 ? "," : "").append("""
                    {"line_code": "%s", "area": "Salida", "product_code": "%s", "detected_at": "%s"}""".formatted(code, product, t));
        }
        String operator = signedIn.demo("operator", "Operator123!");
        assertThat(json(http.call(
                                "POST",
                                "/api/v1/production/detections",
                                operator,
                                rows.append("]").toString()))
                        .get("accepted")
                        .asInt())
                .isEqualTo(10);

        byDay(admin);
        var page = io.turno.PageSession.signIn(http, "demo", "supervisor", "Supervisor123!");
        for (int days = 1; days <= 2; days++) {
            LocalDate last = day.plusDays(days - 1);
            String filters = "line_id=" + line + "&from=" + day + "&to=" + last;
            String body = page.get("/production?" + filters).body();
            assertThat(body)
                    .as("the dates as chosen, by day, in the address the page's script reads")
                    .contains("data-query=\"" + filters.replace("&", "&amp;") + "\"");
            // What the page draws, read as its script reads it.
            JsonNode plant = json(http.send(page.request("/dashboard/data?board=plant&" + filters)
                    .header("Accept", "application/json")
                    .GET()));
            assertThat(plant.get("from").asString()).isEqualTo(day.toString());
            assertThat(plant.get("to").asString()).isEqualTo(last.toString());
            long produced = 0;
            for (JsonNode widget : plant.get("widgets")) {
                if (widget.get("widget").asString().equals("production_series")) {
                    for (JsonNode set : widget.at("/data/datasets")) {
                        produced += set.get("data")
                                .valueStream()
                                .mapToLong(JsonNode::asLong)
                                .sum();
                    }
                }
            }
            String shown = Long.toString(produced);
            JsonNode api = json(http.call(
                    "GET",
                    "/api/v1/production/kpis?line_id=" + line + "&from="
                            + day.atStartOfDay(zone).toInstant() + "&to="
                            + last.plusDays(1).atStartOfDay(zone).toInstant(),
                    admin,
                    null));
            assertThat(shown).isEqualTo(Long.toString(api.get("total").asLong()));
            assertThat(api.get("total").asLong()).isEqualTo(days == 1 ? 5 : 7);
        }

        String reversed = page.get("/production?line_id=" + line + "&from=" + day + "&to=" + day.minusDays(1))
                .body();
        assertThat(reversed)
                .contains("id=\"range-error\"", "posterior a «Hasta»")
                .doesNotContain("id=\"dashboard\"");
    }

    private static JsonNode created(java.net.http.HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response);
    }

    private static String unique(String prefix) {
        return (prefix + "-" + UUID.randomUUID().toString().substring(0, 8)).toUpperCase();
    }

    /** The organization's range filters by day: another test may have left one with times (seed 002's show_time). */
    private void byDay(String admin) {
        for (JsonNode filter : json(http.call("GET", "/api/v1/production/filters", admin, null))) {
            JsonNode additional = filter.get("additional");
            if (additional != null
                    && additional.has("show_time")
                    && additional.get("show_time").asBoolean()) {
                var changed = http.call(
                        "PUT", "/api/v1/production/filters/" + filter.get("id").asString(), admin, """
                        {"name": %s, "status": %s, "default_value": %s,
                         "additional": {"type": "daterange", "show_time": false}}""".formatted(
                                        filter.get("name"),
                                        filter.get("status"),
                                        filter.has("default_value") ? filter.get("default_value") : "null"));
                assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
            }
        }
    }
}
