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
        String body = page.get("/production?line_id=" + line + "&from=" + first + "&to=" + today)
                .body();
        assertThat(body).doesNotContain("id=\"range-error\"").contains("id=\"kpi-cards\"");
        String shown = PageSession.find(body, "id=\"kpi-production\">.*?<p class=\"kpi-value\">([^<]+)</p>");
        assertThat(shown.replaceAll("\\D", ""))
                .isEqualTo(Long.toString(kpis.get("total").asLong()));
    }

    @Test
    void seedingTheDemoAgainAddsNothingTwice() throws Exception {
        // The minute of the last demo detection stored: every one before it was there after the start's
        // seeding. (Now's minute was not: the minutes passed since the start are new to the second seeding.)
        Instant before = owner.sql("""
                        SELECT date_trunc('minute', max(detected_at)) FROM production_detections
                        WHERE tenant_id = :t AND source_id LIKE 'demo-%'""")
                .param("t", demo)
                .query(java.time.OffsetDateTime.class)
                .single()
                .toInstant();
        List<Long> counts = counts(before);
        assertThat(counts.getFirst()).as("demo detections").isPositive();
        context.getBean("productionDemo", ApplicationRunner.class).run(new DefaultApplicationArguments());
        assertThat(counts(before)).isEqualTo(counts);
        assertThat(owner.sql("""
                        SELECT count(*) - count(DISTINCT source_id) FROM production_detections
                        WHERE tenant_id = :t AND source_id LIKE 'demo-%'""").param("t", demo).query(Long.class).single()).isZero();
    }

    /** Detections made before {@code until} and the plant's structure rows of the demo. */
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
