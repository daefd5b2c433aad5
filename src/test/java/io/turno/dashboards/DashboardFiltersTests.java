package io.turno.dashboards;

import static io.turno.TestHttp.assertProblem;
import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import io.turno.TestDatabase;
import io.turno.TestHttp;
import io.turno.TurnoTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The filter bar generated from configuration (the demo's FILTER rows, its lines, shifts, products and
 * branches) and the filters it sends: each changes a widget's figures as the owning module's own endpoint does
 * for the same filter, and each filtered query lands in the query log.
 */
@TurnoTest
class DashboardFiltersTests {

    @LocalServerPort
    int port;

    JdbcClient owner;
    TestHttp http;
    ZoneId zone;

    @Autowired
    void ownerConnection(javax.sql.DataSource dataSource) {
        owner = TestDatabase.owner(dataSource);
    }

    @BeforeEach
    void setUp() {
        http = new TestHttp(port);
        zone = ZoneId.of(owner.sql("SELECT time_zone FROM tenants WHERE slug = 'demo'")
                .query(String.class)
                .single());
    }

    /** The one filters record is documented as the address spells it, on every dashboard route. */
    @Test
    void theApiDocumentNamesTheFiltersAsTheAddressSpellsThem() {
        JsonNode paths = json(http.get("/v3/api-docs")).get("paths");
        for (String path : List.of("/api/v1/dashboard", "/api/v1/dashboard/refresh", "/api/v1/dashboard/widgets")) {
            assertThat(paths.get(path)
                            .get("get")
                            .get("parameters")
                            .valueStream()
                            .map(p -> p.get("name").asString()))
                    .as(path)
                    .contains(
                            "board", "from", "to", "line_id", "branch_id", "shift_id", "product_id", "practitioner_id")
                    .doesNotContain("lineId", "filters");
        }
    }

    @Test
    void theFilterBarOffersWhatTheCallersWidgetsFollowAsTheFilterConfigurationNamesIt() {
        JsonNode operator =
                json(http.call("GET", "/api/v1/dashboard/filters", http.demoToken("operator", "Operator123!"), null));
        assertThat(types(operator)).containsExactly("daterange", "line", "shift", "product");
        JsonNode range = field(operator, "daterange");
        assertThat(range.get("label").asString()).as("the FILTER row's name").isEqualTo("Rango de fechas");
        assertThat(range.get("days_back").asInt()).isEqualTo(7);
        assertThat(labels(field(operator, "shift"))).contains("Mañana", "Tarde");
        assertThat(labels(field(operator, "line"))).contains("Línea 1 · Envasado", "Línea 2 · Jugos");

        JsonNode reception =
                json(http.call("GET", "/api/v1/dashboard/filters", http.demoToken("reception", "Reception123!"), null));
        assertThat(types(reception)).containsExactly("daterange", "branch");
        assertThat(labels(field(reception, "branch"))).contains("Sede Centro");
        assertThat(field(reception, "branch").get("all_label").asString()).isEqualTo("Todos");

        JsonNode widgets =
                json(http.call("GET", "/api/v1/dashboard", http.demoToken("operator", "Operator123!"), null));
        assertThat(widgets.get("widgets").get(0).get("filters").valueStream().map(JsonNode::asString))
                .containsExactly("daterange", "line", "shift");
    }

    @Test
    void aShiftOrProductFilterChangesTheFiguresAsTheModulesOwnEndpointDoes() {
        String admin = http.demoToken("admin", "Admin123!");
        String operator = http.demoToken("operator", "Operator123!");
        JsonNode bar = json(http.call("GET", "/api/v1/dashboard/filters", operator, null));
        String line = option(field(bar, "line"), "Línea 1 · Envasado");
        String morning = option(field(bar, "shift"), "Mañana");
        String product = option(field(bar, "product"), "Agua 1,5 L");
        LocalDate today = LocalDate.now(zone);
        LocalDate first = today.minusDays(6);
        String days = "&from=" + first + "&to=" + today;
        // Other tests of the shared context may have filtered by the same demo shift or product as the operator.
        long shiftsLoggedBefore = logged("shift_id", morning);
        long productsLoggedBefore = logged("product_id", product);
        String instants =
                "line_id=" + line + "&from=" + first.atStartOfDay(zone).toInstant() + "&to="
                        + today.plusDays(1).atStartOfDay(zone).toInstant();

        JsonNode all = json(
                http.call("GET", "/api/v1/dashboard/widgets?types=oee_cards&line_id=" + line + days, operator, null));
        JsonNode shift = json(http.call(
                "GET",
                "/api/v1/dashboard/widgets?types=oee_cards&line_id=" + line + "&shift_id=" + morning + days,
                operator,
                null));
        JsonNode kpis =
                json(http.call("GET", "/api/v1/production/kpis?" + instants + "&shift_id=" + morning, admin, null));
        for (String key : List.of("oee", "availability", "performance", "quality")) {
            assertThat(card(shift, key)).as(key).isEqualTo(kpis.get(key).asDouble());
        }
        assertThat(card(shift, "availability")).isNotEqualTo(card(all, "availability"));

        JsonNode series = json(http.call(
                "GET",
                "/api/v1/dashboard/widgets?types=production_series&line_id=" + line + "&product_id=" + product + days,
                operator,
                null));
        JsonNode own = json(http.call(
                "GET", "/api/v1/production/series?" + instants + "&interval=hour&product_id=" + product, admin, null));
        long ownTotal =
                own.valueStream().mapToLong(p -> p.get("total").asLong()).sum();
        assertThat(sum(series)).isEqualTo(ownTotal).isPositive();
        JsonNode unfiltered = json(http.call(
                "GET", "/api/v1/dashboard/widgets?types=production_series&line_id=" + line + days, operator, null));
        assertThat(sum(unfiltered)).isGreaterThan(ownTotal);

        assertThat(logged("shift_id", morning)).isEqualTo(shiftsLoggedBefore + 1);
        assertThat(logged("product_id", product)).isEqualTo(productsLoggedBefore + 1);
    }

    @Test
    void timesWithinTheRangesDaysNarrowTheMomentsCountedAsTheModulesOwnEndpointDoes() {
        String admin = http.demoToken("admin", "Admin123!");
        String operator = http.demoToken("operator", "Operator123!");
        String line = option(
                field(json(http.call("GET", "/api/v1/dashboard/filters", operator, null)), "line"),
                "Línea 1 · Envasado");
        LocalDate yesterday = LocalDate.now(zone).minusDays(1);
        String morning = "&from=" + yesterday + "&from_time=06:00&to=" + yesterday + "&to_time=14:00";
        JsonNode cards = json(http.call(
                "GET", "/api/v1/dashboard/widgets?types=oee_cards&line_id=" + line + morning, operator, null));
        JsonNode kpis = json(http.call(
                "GET",
                "/api/v1/production/kpis?line_id=" + line + "&from="
                        + yesterday.atTime(6, 0).atZone(zone).toInstant() + "&to="
                        + yesterday.atTime(14, 0).atZone(zone).toInstant(),
                admin,
                null));
        for (String key : List.of("oee", "availability", "performance", "quality")) {
            assertThat(card(cards, key)).as(key).isEqualTo(kpis.get(key).asDouble());
        }
        JsonNode series = json(http.call(
                "GET", "/api/v1/dashboard/widgets?types=production_series&line_id=" + line + morning, operator, null));
        assertThat(series.at("/widgets/0/data/labels").size())
                .as("eight hours, by the hour")
                .isEqualTo(8);
        JsonNode wholeDay = json(http.call(
                "GET",
                "/api/v1/dashboard/widgets?types=production_series&line_id=" + line + "&from=" + yesterday + "&to="
                        + yesterday,
                operator,
                null));
        assertThat(sum(series)).isPositive().isLessThan(sum(wholeDay));

        for (String[] refused : new String[][] {
            {"from_time=06:00", "from_time"},
            {"from=" + yesterday + "&to=" + yesterday + "&from_time=14:00&to_time=06:00", "to_time"},
            {"from=" + yesterday + "&to_time=25:00", "to_time"}
        }) {
            JsonNode problem = assertProblem(
                    http.call("GET", "/api/v1/dashboard/widgets?types=oee_cards&" + refused[0], operator, null),
                    422,
                    "VALIDATION_FAILED");
            assertThat(problem.at("/errors/0/field").asString()).as(refused[0]).isEqualTo(refused[1]);
        }
    }

    /** The operator's dashboard queries in the query log whose filter {@code name} was {@code value}. */
    private long logged(String name, String value) {
        return owner.sql("""
                        SELECT count(*) FROM audit_query_log WHERE kind = 'dashboards.widgets' AND username = 'operator'
                        AND filters ->> :name = :value""")
                .param("name", name)
                .param("value", value)
                .query(Long.class)
                .single();
    }

    private static List<String> types(JsonNode bar) {
        return bar.get("filters")
                .valueStream()
                .map(f -> f.get("type").asString())
                .toList();
    }

    private static JsonNode field(JsonNode bar, String type) {
        return bar.get("filters")
                .valueStream()
                .filter(f -> f.get("type").asString().equals(type))
                .findFirst()
                .orElseThrow(() -> new AssertionError(type + " not in " + bar));
    }

    private static List<String> labels(JsonNode field) {
        return field.get("options")
                .valueStream()
                .map(o -> o.get("label").asString())
                .toList();
    }

    private static String option(JsonNode field, String label) {
        return field.get("options")
                .valueStream()
                .filter(o -> o.get("label").asString().equals(label))
                .findFirst()
                .orElseThrow(() -> new AssertionError(label + " not in " + field))
                .get("value")
                .asString();
    }

    private static double card(JsonNode answer, String key) {
        return answer.at("/widgets/0/data/cards")
                .valueStream()
                .filter(c -> c.get("key").asString().equals(key))
                .findFirst()
                .orElseThrow()
                .get("value")
                .asDouble();
    }

    private static long sum(JsonNode answer) {
        long made = 0;
        for (JsonNode dataset : answer.at("/widgets/0/data/datasets")) {
            for (JsonNode value : dataset.get("data")) {
                made += Math.round(value.asDouble());
            }
        }
        return made;
    }
}
