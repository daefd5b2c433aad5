package io.turno.production;

import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import io.turno.PageSession;
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
import tools.jackson.databind.JsonNode;

/**
 * The demo organization's plant: seeded at start through production's own services, so {@code /production}
 * and the plant widgets show figures, the same as {@code /api/v1/production/kpis}; seeding again adds nothing.
 */
@TurnoTest
class ProductionDemoTests {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    JdbcClient owner;
    TestHttp http;
    UUID demo;
    ZoneId zone;

    @Autowired
    void ownerConnection(javax.sql.DataSource dataSource) {
        owner = TestDatabase.owner(dataSource);
    }

    @BeforeEach
    void setUp() {
        http = new TestHttp(port);
        demo = owner.sql("SELECT id FROM tenants WHERE slug = 'demo'")
                .query(UUID.class)
                .single();
        zone = ZoneId.of(owner.sql("SELECT time_zone FROM tenants WHERE slug = 'demo'")
                .query(String.class)
                .single());
    }

    @Test
    void theDemoPlantShowsFiguresOnProductionAndTheOeeWidgetEqualsTheKpis() {
        String operator = http.demoToken("operator", "Operator123!");
        String admin = http.demoToken("admin", "Admin123!");
        UUID line = demoLine(admin, "DEMO-L1");
        demoLine(admin, "DEMO-L2");
        LocalDate today = LocalDate.now(zone);
        LocalDate first = today.minusDays(6);
        String range = "line_id=" + line + "&from=" + first.atStartOfDay(zone).toInstant() + "&to="
                + today.plusDays(1).atStartOfDay(zone).toInstant();
        JsonNode kpis = json(http.call("GET", "/api/v1/production/kpis?" + range, operator, null));
        assertThat(kpis.get("total").asLong()).isGreaterThan(1000);
        assertThat(kpis.get("rejected").asLong()).isPositive();
        assertThat(kpis.get("downtime_seconds").asDouble()).isPositive();
        assertThat(kpis.get("oee").asDouble()).isBetween(0.3, 1.0);

        JsonNode widgets = json(http.call(
                "GET",
                "/api/v1/dashboard/widgets?types=oee_cards,oee_gauge,downtime_table&line_id=" + line + "&from=" + first
                        + "&to=" + today,
                operator,
                null));
        JsonNode oee = widget(widgets, "oee_cards").get("data");
        for (String key : List.of("oee", "availability", "performance", "quality")) {
            assertThat(card(oee, key)).as(key).isEqualTo(kpis.get(key).asDouble());
        }
        JsonNode gauge = widget(widgets, "oee_gauge");
        assertThat(gauge.get("kind").asString()).isEqualTo("gauge");
        assertThat(card(gauge.get("data"), "oee")).isEqualTo(kpis.get("oee").asDouble());
        JsonNode stops = widget(widgets, "downtime_table").at("/data/rows");
        assertThat(stops.size()).isPositive();
        assertThat(stops.get(0).get(3).asString())
                .as("each demo stop has a reason")
                .isNotBlank();

        var page = PageSession.signIn(http, "demo", "operator", "Operator123!");
        String filters = "line_id=" + line + "&from=" + first + "&to=" + today;
        String body = page.get("/production?" + filters).body();
        assertThat(body).doesNotContain("id=\"range-error\"").contains("id=\"dashboard\"", "data-board=\"plant\"");
        // What the page draws, read as its script reads it: the plant's production, good and rejected, is the KPIs'.
        JsonNode plant = json(http.send(page.request("/dashboard/data?board=plant&" + filters)
                .header("Accept", "application/json")
                .GET()));
        JsonNode series = widget(plant, "production_series").at("/data/datasets");
        long shown = 0;
        for (JsonNode set : series) {
            shown += set.get("data").valueStream().mapToLong(JsonNode::asLong).sum();
        }
        assertThat(shown).isEqualTo(kpis.get("total").asLong());
    }

    @Test
    void seedingTheDemoAgainAddsNothingTwice() throws Exception {
        // What the first seeding stored: up to its last detection (a later minute is new output, stored again).
        Instant before = owner.sql("SELECT max(detected_at) FROM production_detections WHERE tenant_id = :t"
                        + " AND source_id LIKE 'demo-%'")
                .param("t", demo)
                .query(java.time.OffsetDateTime.class)
                .single()
                .toInstant()
                .plusNanos(1000);
        List<Long> counts = counts(before);
        assertThat(counts.getFirst()).as("demo detections").isPositive();
        context.getBean("productionDemo", ApplicationRunner.class).run(new DefaultApplicationArguments());
        assertThat(counts(before)).isEqualTo(counts);
        assertThat(owner.sql("""
                        SELECT count(*) - count(DISTINCT source_id) FROM production_detections
                        WHERE tenant_id = :t AND source_id LIKE 'demo-%'""").param("t", demo).query(Long.class).single()).isZero();
    }

    @Test
    void theDemoPlantSpansFourteenDaysWithStopsAndRejectsAndItsRollupsCountEveryDetection() {
        LocalDate first = LocalDate.now(zone).minusDays(13);
        for (String code : List.of("DEMO-L1", "DEMO-L2")) {
            String line = "(SELECT id FROM production_lines WHERE tenant_id = :t AND code = '" + code + "')";
            assertThat(owner.sql(
                                    "SELECT count(DISTINCT CAST(detected_at AT TIME ZONE :zone AS date)) FROM production_detections"
                                            + " WHERE tenant_id = :t AND source_id LIKE 'demo-%' AND line_id = " + line
                                            + " AND detected_at < :today")
                            .param("t", demo)
                            .param("zone", zone.getId())
                            .param(
                                    "today",
                                    java.time.OffsetDateTime.ofInstant(
                                            LocalDate.now(zone)
                                                    .atStartOfDay(zone)
                                                    .toInstant(),
                                            zone))
                            .query(Long.class)
                            .single())
                    .as("days before today with detections on " + code)
                    .isEqualTo(13);
            assertThat(owner.sql("SELECT min(detected_at) FROM production_detections WHERE tenant_id = :t"
                                    + " AND source_id LIKE 'demo-%' AND line_id = " + line)
                            .param("t", demo)
                            .query(java.time.OffsetDateTime.class)
                            .single()
                            .toInstant())
                    .as("the first detection of " + code)
                    .isAfterOrEqualTo(first.atStartOfDay(zone).toInstant())
                    .isBefore(first.plusDays(1).atStartOfDay(zone).toInstant());
            assertThat(count(
                            "SELECT count(*) FROM production_detections WHERE tenant_id = :t AND rejected AND line_id = "
                                    + line))
                    .as("rejects on " + code)
                    .isPositive();
            assertThat(owner.sql("SELECT count(DISTINCT CAST(started_at AT TIME ZONE :zone AS date))"
                                    + " FROM production_downtime_events WHERE tenant_id = :t AND reason IS NOT NULL"
                                    + " AND line_id = " + line)
                            .param("t", demo)
                            .param("zone", zone.getId())
                            .query(Long.class)
                            .single())
                    .as("days with an explained stop on " + code)
                    .isGreaterThanOrEqualTo(13);
        }
        // The rollups are filled by the same statement as the detections: each counts every one of them. Over the
        // whole hours of the demo's days only: other tests of the shared context store detections of their own
        // (old partitions among them, dropped past the retention with their rollups kept).
        String window = " tenant_id = :t AND %1$s >= (SELECT date_trunc('hour', min(detected_at))"
                + " FROM production_detections WHERE tenant_id = :t AND source_id LIKE 'demo-%%')"
                + " AND %1$s < (SELECT date_trunc('hour', max(detected_at))"
                + " FROM production_detections WHERE tenant_id = :t AND source_id LIKE 'demo-%%')";
        List<Long> raw = totals("SELECT count(*), count(*) FILTER (WHERE rejected) FROM production_detections WHERE"
                + window.formatted("detected_at"));
        assertThat(raw.getFirst()).isGreaterThan(20_000);
        assertThat(totals("SELECT sum(total), sum(rejected) FROM production_minute_rollups WHERE"
                        + window.formatted("minute")))
                .isEqualTo(raw);
        assertThat(totals("SELECT sum(total), sum(rejected) FROM production_hour_rollups WHERE"
                        + window.formatted("hour")))
                .isEqualTo(raw);
    }

    private List<Long> totals(String sql) {
        return owner.sql(sql)
                .param("t", demo)
                .query((rs, row) -> List.of(rs.getLong(1), rs.getLong(2)))
                .single();
    }

    /** Detections made before {@code until} (the first seeding's) and the plant's structure rows of the demo. */
    private List<Long> counts(Instant until) {
        return List.of(
                count("SELECT count(*) FROM production_detections WHERE tenant_id = :t AND source_id LIKE 'demo-%'"
                        + " AND detected_at < '" + until + "'"),
                count("SELECT count(*) FROM production_lines WHERE tenant_id = :t"),
                count("SELECT count(*) FROM production_products WHERE tenant_id = :t"),
                count("SELECT count(*) FROM production_shifts WHERE tenant_id = :t"),
                count("SELECT count(*) FROM production_filters WHERE tenant_id = :t"));
    }

    private long count(String sql) {
        return owner.sql(sql).param("t", demo).query(Long.class).single();
    }

    private UUID demoLine(String token, String code) {
        return UUID.fromString(json(http.call("GET", "/api/v1/production/lines?size=200", token, null))
                .get("items")
                .valueStream()
                .filter(l -> l.get("code").asString().equals(code))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no demo line " + code))
                .get("id")
                .asString());
    }

    private static JsonNode widget(JsonNode dashboard, String code) {
        return dashboard
                .get("widgets")
                .valueStream()
                .filter(w -> w.get("widget").asString().equals(code))
                .findFirst()
                .orElseThrow(() -> new AssertionError(code + " not in " + dashboard));
    }

    private static double card(JsonNode data, String key) {
        return data.get("cards")
                .valueStream()
                .filter(c -> c.get("key").asString().equals(key))
                .findFirst()
                .orElseThrow()
                .get("value")
                .asDouble();
    }
}
