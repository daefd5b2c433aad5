package io.turno.reporting;

import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.turno.TestHttp;
import io.turno.TurnoTest;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The plant-detections report reads every detection of its range exactly once across production's
 * pages of 5,000, also when thousands share one instant (the keyset's tie-break), and its figures
 * agree between JSON and CSV.
 */
@TurnoTest
class PlantDetectionsReportTests {

    @LocalServerPort
    int port;

    JdbcClient owner;

    @org.springframework.beans.factory.annotation.Autowired
    void ownerConnection(javax.sql.DataSource dataSource) {
        owner = io.turno.TestDatabase.owner(dataSource);
    }

    @Test
    void everyDetectionOfTheRangeOnceAcrossPagesAndTies() throws Exception {
        UUID demo = owner.sql("SELECT id FROM tenants WHERE slug = 'demo'")
                .query(UUID.class)
                .single();
        ZoneId zone = ZoneId.of(owner.sql("SELECT time_zone FROM tenants WHERE id = :t")
                .param("t", demo)
                .query(String.class)
                .single());
        // A day of its own, years ahead: no other test's detections.
        LocalDate day = LocalDate.now().plusYears(4).withDayOfMonth(1 + (int) (Math.random() * 27));
        owner.sql("SELECT production_ensure_partition(CAST(:d AS date))")
                .param("d", day.withDayOfMonth(1).toString())
                .query(Boolean.class)
                .single();
        String tag = "pd-" + UUID.randomUUID() + "-";
        // 12,000 rows: 7,000 at one instant (a page boundary inside a tie), 5,000 one a second after it;
        // one in 10 rejected; 10 just past the end of the day, outside the range.
        owner.sql("""
                INSERT INTO production_detections (tenant_id, line_id, area_id, product_id, detected_at, rejected, source_id)
                SELECT a.tenant_id, a.line_id, a.id, (SELECT id FROM production_products p WHERE p.tenant_id = a.tenant_id
                                                       ORDER BY code LIMIT 1),
                       CASE WHEN g < 7000 THEN CAST(:noon AS timestamptz)
                            WHEN g < 12000 THEN CAST(:noon AS timestamptz) + (g - 6999) * interval '1 second'
                            ELSE CAST(:after AS timestamptz) END,
                       g % 10 = 0, :tag || g
                FROM generate_series(0, 12009) AS g,
                     (SELECT * FROM production_areas WHERE tenant_id = :t ORDER BY id LIMIT 1) a""")
                .param("t", demo)
                .param(
                        "noon",
                        day.atTime(LocalTime.NOON)
                                .atZone(zone)
                                .toOffsetDateTime()
                                .toString())
                .param(
                        "after",
                        day.plusDays(1)
                                .atTime(0, 0, 1)
                                .atZone(zone)
                                .toOffsetDateTime()
                                .toString())
                .param("tag", tag)
                .update();
        var http = new TestHttp(port);
        String admin = http.demoToken("admin", "Admin123!");
        try {
            String query = "?from=" + day + "&to=" + day;
            JsonNode report = json(http.call("GET", "/api/v1/reports/plant-detections.json" + query, admin, null));
            assertThat(report.get("summary").get(0).get("value").asLong()).isEqualTo(12_000);
            JsonNode table = report.get("tables").get(0);
            assertThat(table.get("rows")).hasSize(12_000);
            assertThat(table.get("totals").get(0).get("rejected").asLong()).isEqualTo(1_200);

            var response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port
                                            + "/api/v1/reports/plant-detections.csv" + query))
                                    .header("Authorization", "Bearer " + admin)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(response.statusCode()).isEqualTo(200);
            List<CSVRecord> records = CSVFormat.DEFAULT
                    .parse(new StringReader(response.body().substring(1)))
                    .getRecords();
            List<CSVRecord> rows = records.subList(1, 12_001);
            Set<String> sources = new HashSet<>();
            rows.forEach(r -> sources.add(r.get(4)));
            assertThat(sources).hasSize(12_000).allMatch(s -> s.startsWith(tag));
            assertThat(records.get(12_001).get(0)).isEqualTo("Total");
            assertThat(records.get(12_001).get(3)).isEqualTo("1200");
        } finally {
            http.call("POST", "/api/v1/auth/logout", admin, null);
        }
    }
}
