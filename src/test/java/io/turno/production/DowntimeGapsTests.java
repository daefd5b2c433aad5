package io.turno.production;

import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import io.turno.PageSession;
import io.turno.SignedIn;
import io.turno.TestDatabase;
import io.turno.TestHttp;
import io.turno.TurnoTest;
import io.turno.production.internal.Downtime;
import io.turno.shared.TenantId;
import io.turno.shared.TenantScope;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Issue 23 §7's gaps in downtime: the stop going on now shows as open with its running duration, and a
 * late detection inside a recorded stop splits it.
 */
@TurnoTest
class DowntimeGapsTests {

    @LocalServerPort
    int port;

    @Autowired
    Downtime downtime;

    JdbcClient owner;

    @Autowired
    void ownerConnection(javax.sql.DataSource dataSource) {
        owner = TestDatabase.owner(dataSource);
    }

    @RegisterExtension
    final SignedIn signedIn = new SignedIn();

    TestHttp http;
    TenantId demo;
    ZoneId zone;

    @BeforeEach
    void setUp() {
        http = new TestHttp(port);
        demo = new TenantId(owner.sql("SELECT id FROM tenants WHERE slug = 'demo'")
                .query(UUID.class)
                .single());
        zone = ZoneId.of(owner.sql("SELECT time_zone FROM tenants WHERE slug = 'demo'")
                .query(String.class)
                .single());
    }

    @Test
    void theStopGoingOnNowIsListedOpenWithItsRunningDurationUntilTheLineDetectsAgain() {
        // Planned time is the day's 00:00–23:59 (the shift below): the stop must start and go on inside it.
        LocalTime local = LocalTime.now(zone);
        Assumptions.assumeTrue(
                local.isAfter(LocalTime.of(0, 45)) && local.isBefore(LocalTime.of(23, 55)),
                "needs the plant's clock between 00:45 and 23:55");
        String admin = signedIn.demo("admin", "Admin123!");
        Line line = line(admin);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant lastSeen = now.minus(Duration.ofMinutes(20));
        detect(line, List.of(now.minus(Duration.ofMinutes(30)), now.minus(Duration.ofMinutes(25)), lastSeen));

        String range = "line_id=" + line.id() + "&from=" + now.minus(Duration.ofHours(1)) + "&to="
                + now.plus(Duration.ofHours(1));
        String supervisor = signedIn.demo("supervisor", "Supervisor123!");
        JsonNode first = json(http.call("GET", "/api/v1/production/downtime?" + range, supervisor, null));
        JsonNode open = first.get("items").get(first.get("items").size() - 1);
        assertThat(open.get("ongoing").asBoolean()).as(first.toString()).isTrue();
        assertThat(open.has("id")).as("not recorded: no id").isFalse();
        assertThat(open.has("ended_at")).as("not ended").isFalse();
        assertThat(Instant.parse(open.get("started_at").asString())).isEqualTo(lastSeen);
        long running = open.get("duration_seconds").asLong();
        assertThat(running).isBetween(1200L, 1200L + 120);
        assertThat(first.get("total").asLong()).isEqualTo(first.get("items").size());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode later = json(http.call("GET", "/api/v1/production/downtime?" + range, supervisor, null));
            assertThat(later.get("items")
                            .get(later.get("items").size() - 1)
                            .get("duration_seconds")
                            .asLong())
                    .as("the duration runs")
                    .isGreaterThan(running);
        });
        // The plant's stops page (its last 7 days by default) shows it first, open, with no reason form.
        var stops = PageSession.signIn(new TestHttp(port), "demo", "supervisor", "Supervisor123!")
                .get("/production/downtime?line_id=" + line.id());
        assertThat(stops.statusCode()).isEqualTo(200);
        String ongoingRow = PageSession.find(stops.body(), "<tbody>\\s*(<tr[^>]*>.*?</tr>)");
        assertThat(ongoingRow)
                .contains("id=\"ongoing-stop\"", "En curso")
                .containsPattern("2\\d,\\d min")
                .doesNotContain("<form");

        // A range that ends before the stop began does not list it.
        JsonNode before = json(http.call(
                "GET",
                "/api/v1/production/downtime?line_id=" + line.id() + "&from=" + now.minus(Duration.ofHours(2)) + "&to="
                        + lastSeen,
                supervisor,
                null));
        assertThat(before.get("items")
                        .valueStream()
                        .noneMatch(e -> e.get("ongoing").asBoolean()))
                .isTrue();

        detect(line, List.of(Instant.now()));
        JsonNode after = json(http.call("GET", "/api/v1/production/downtime?" + range, supervisor, null));
        assertThat(after.get("items")
                        .valueStream()
                        .noneMatch(e -> e.get("ongoing").asBoolean()))
                .as("running again: %s", after)
                .isTrue();
        assertThat(PageSession.signIn(new TestHttp(port), "demo", "supervisor", "Supervisor123!")
                        .get("/production/downtime?line_id=" + line.id())
                        .body())
                .doesNotContain("ongoing-stop");
    }

    @Test
    void aLateDetectionInsideARecordedStopSplitsItAndTheReasonStays() {
        String admin = signedIn.demo("admin", "Admin123!");
        Line line = line(admin);
        LocalDate day = LocalDate.of(2025, 6, 2);
        Instant from = day.atTime(8, 0).atZone(zone).toInstant();
        Instant to = day.atTime(9, 0).atZone(zone).toInstant();
        Instant stopStart = from.plus(Duration.ofMinutes(10));
        Instant stopEnd = from.plus(Duration.ofMinutes(50));
        // One a minute from 08:00 to 08:59, none in between 08:10 and 08:50.
        List<Instant> every = Stream.iterate(from, t -> t.isBefore(to), t -> t.plusSeconds(60))
                .filter(t -> !t.isAfter(stopStart) || !t.isBefore(stopEnd))
                .toList();
        detect(line, every);
        List<Downtime.Event> found = TenantScope.call(demo, () -> downtime.detect(demo, line.id(), from, to));
        // (The night before 08:00 is a stop too: planned from 00:00, nothing detected.)
        List<Downtime.Event> inRange =
                found.stream().filter(e -> !e.startedAt().isBefore(from)).toList();
        assertThat(inRange)
                .extracting(e -> e.startedAt() + "–" + e.endedAt())
                .containsExactly(stopStart + "–" + stopEnd);
        UUID stop = inRange.getFirst().id();
        String operator = signedIn.demo("operator", "Operator123!");
        assertThat(http.call("PUT", "/api/v1/production/downtime/" + stop, operator, "{\"reason\": \"Atasco\"}")
                        .statusCode())
                .isEqualTo(200);

        // A detection that arrives late, at 08:30, inside the recorded 08:10–08:50: two stops of 20 minutes.
        detect(line, List.of(from.plus(Duration.ofMinutes(30))));
        String range = "line_id=" + line.id() + "&from=" + from + "&to=" + to;
        JsonNode split = json(http.call("GET", "/api/v1/production/downtime?" + range, admin, null));
        assertThat(split.get("items").valueStream().map(DowntimeGapsTests::summary))
                .containsExactly(
                        stopStart + "–" + from.plus(Duration.ofMinutes(30)) + " 1200 Atasco",
                        from.plus(Duration.ofMinutes(30)) + "–" + stopEnd + " 1200 Atasco");
        assertThat(split.get("items").get(0).get("id").asString())
                .as("the piece that keeps the start keeps the id")
                .isEqualTo(stop.toString());
        assertThat(split.get("items").get(1).get("id").asString()).isNotEqualTo(stop.toString());

        // Another at 08:33: 08:30–08:33 is under the 300 s threshold and goes; 08:33–08:50 stays.
        detect(line, List.of(from.plus(Duration.ofMinutes(33))));
        JsonNode again = json(http.call("GET", "/api/v1/production/downtime?" + range, admin, null));
        assertThat(again.get("items").valueStream().map(DowntimeGapsTests::summary))
                .containsExactly(
                        stopStart + "–" + from.plus(Duration.ofMinutes(30)) + " 1200 Atasco",
                        from.plus(Duration.ofMinutes(33)) + "–" + stopEnd + " 1020 Atasco");
        assertThat(json(http.call("GET", "/api/v1/production/kpis?" + range, admin, null))
                        .get("downtime_seconds")
                        .asDouble())
                .isEqualTo(2220);

        // A detection at a stop's very end, or outside any stop, changes nothing; nor does searching again.
        detect(line, List.of(stopEnd, from.plus(Duration.ofMinutes(55))));
        assertThat(TenantScope.call(demo, () -> downtime.detect(demo, line.id(), from, to)))
                .isEmpty();
        assertThat(json(http.call("GET", "/api/v1/production/downtime?" + range, admin, null))
                        .get("items")
                        .valueStream()
                        .map(DowntimeGapsTests::summary))
                .containsExactly(
                        stopStart + "–" + from.plus(Duration.ofMinutes(30)) + " 1200 Atasco",
                        from.plus(Duration.ofMinutes(33)) + "–" + stopEnd + " 1020 Atasco");
        assertThat(owner.sql("""
                        SELECT count(*) FROM audit_log
                        WHERE entity_type = 'production_downtime' AND entity_id = :id AND actor_name = 'production-ingest'""").param("id", stop.toString()).query(Long.class).single())
                .as("the split is audited")
                .isEqualTo(1);
    }

    private static String summary(JsonNode event) {
        return event.get("started_at").asString() + "–" + event.get("ended_at").asString() + " "
                + event.get("duration_seconds").asLong() + " "
                + event.get("reason").asString();
    }

    private record Line(UUID id, String code, String product) {}

    /** A new line with an OUTPUT area, a 300 s threshold, a product, and a shift of the whole day. */
    private Line line(String admin) {
        String code = unique("DG");
        UUID id = UUID.fromString(created(http.call("POST", "/api/v1/production/lines", admin, """
                        {"code": "%s", "name": "Paradas", "downtime_threshold_seconds": 300}""".formatted(code)))
                .get("id")
                .asString());
        created(http.call("POST", "/api/v1/production/areas", admin, """
                {"line_id": "%s", "name": "Salida", "type": "OUTPUT"}""".formatted(id)));
        String product = unique("DP");
        created(http.call("POST", "/api/v1/production/products", admin, """
                {"code": "%s", "name": "Caja", "ideal_cycle_seconds": 50}""".formatted(product)));
        created(http.call("POST", "/api/v1/production/shifts", admin, """
                {"name": "%s", "start": "00:00", "end": "23:59"}""".formatted(unique("todo"))));
        return new Line(id, code, product);
    }

    private void detect(Line line, List<Instant> times) {
        StringBuilder rows = new StringBuilder("[");
        for (Instant t : times) {
            rows.append(rows.length() > 1 ? "," : "").append("""
                    {"line_code": "%s", "area": "Salida", "product_code": "%s", "detected_at": "%s"}""".formatted(line.code(), line.product(), t));
        }
        var stored = http.call(
                "POST",
                "/api/v1/production/detections",
                signedIn.demo("operator", "Operator123!"),
                rows.append("]").toString());
        assertThat(json(stored).get("accepted").asInt()).as(stored.body()).isEqualTo(times.size());
    }

    private static JsonNode created(java.net.http.HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response);
    }

    private static String unique(String prefix) {
        return (prefix + "-" + UUID.randomUUID().toString().substring(0, 8)).toUpperCase();
    }
}
