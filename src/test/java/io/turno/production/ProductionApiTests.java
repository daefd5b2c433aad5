package io.turno.production;

import static io.turno.TestHttp.assertProblem;
import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.turno.SignedIn;
import io.turno.TestHttp;
import io.turno.TurnoTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@TurnoTest
class ProductionApiTests {

    @LocalServerPort
    int port;

    JdbcClient jdbc;

    @Autowired
    void ownerConnection(javax.sql.DataSource dataSource) {
        jdbc = io.turno.TestDatabase.owner(dataSource);
    }

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @Autowired
    io.turno.production.internal.DetectionIngest ingest;

    TestHttp http;

    @RegisterExtension
    final SignedIn signedIn = new SignedIn();

    @BeforeEach
    void setUp() {
        http = new TestHttp(port);
    }

    @Test
    void anAdministratorKeepsThePlantStructureAndEveryChangeIsAudited() {
        String admin = signedIn.demo("admin", "Admin123!");
        String code = unique("l");
        JsonNode line =
                created(http.call("POST", "/api/v1/production/lines", admin, """
                {"code": "%s", "name": "Envasado", "downtime_threshold_seconds": 120}""".formatted(code.toLowerCase())));
        String lineId = line.get("id").asString();
        assertThat(line.get("code").asString()).isEqualTo(code);
        assertThat(line.get("active").asBoolean()).isTrue();
        assertThat(line.get("downtime_threshold_seconds").asInt()).isEqualTo(120);
        assertThat(json(http.call("GET", "/api/v1/production/lines/" + lineId, admin, null)))
                .isEqualTo(line);

        var replaced = http.call("PUT", "/api/v1/production/lines/" + lineId, admin, """
                {"code": "%s", "name": "Envasado 2"}""".formatted(code));
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        assertThat(json(replaced).get("downtime_threshold_seconds").asInt())
                .as("the default")
                .isEqualTo(300);

        JsonNode area = created(http.call("POST", "/api/v1/production/areas", admin, """
                {"line_id": "%s", "name": "Salida", "type": "OUTPUT"}""".formatted(lineId)));
        assertThat(area.get("line_id").asString()).isEqualTo(lineId);
        assertThat(area.get("type").asString()).isEqualTo("OUTPUT");
        assertThat(json(http.call("GET", "/api/v1/production/areas?line_id=" + lineId, admin, null))
                        .get("total")
                        .asLong())
                .isEqualTo(1);

        JsonNode product = created(http.call("POST", "/api/v1/production/products", admin, """
                {"code": "%s", "name": "Botella 1 L", "ideal_cycle_seconds": 1.5}""".formatted(unique("p"))));
        assertThat(product.get("ideal_cycle_seconds").asDouble()).isEqualTo(1.5);

        JsonNode shift = created(http.call("POST", "/api/v1/production/shifts", admin, """
                {"name": "%s", "start": "22:00", "end": "06:00",
                 "breaks": [{"start": "02:00", "end": "02:30"}]}""".formatted(unique("noche"))));
        assertThat(shift.get("start").asString()).startsWith("22:00");
        assertThat(shift.get("end").asString()).as("crosses midnight").startsWith("06:00");
        assertThat(shift.get("breaks").get(0).get("end").asString()).startsWith("02:30");

        assertThat(http.call("DELETE", "/api/v1/production/lines/" + lineId, admin, null)
                        .statusCode())
                .isEqualTo(204);
        assertThat(json(http.call("GET", "/api/v1/production/lines/" + lineId, admin, null))
                        .get("active")
                        .asBoolean())
                .isFalse();
        assertThat(http.call("DELETE", "/api/v1/production/lines/" + lineId, admin, null)
                        .statusCode())
                .isEqualTo(204);
        assertThat(json(http.call("GET", "/api/v1/production/lines?active=false&size=200", admin, null))
                        .get("items")
                        .valueStream()
                        .map(l -> l.get("id").asString()))
                .contains(lineId);

        assertThat(jdbc.sql("""
                SELECT action FROM audit_log WHERE entity_type = 'production_line' AND entity_id = :id ORDER BY id""").param("id", lineId).query(String.class).list())
                .containsExactly("CREATE", "UPDATE", "DELETE");
        assertThat(jdbc.sql("""
                SELECT (summary #>> '{before,name}') || ' -> ' || (summary #>> '{after,name}') FROM audit_log
                WHERE entity_type = 'production_line' AND entity_id = :id AND action = 'UPDATE'""").param("id", lineId).query(String.class).single())
                .isEqualTo("Envasado -> Envasado 2");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE entity_id IN (:ids)")
                        .param(
                                "ids",
                                List.of(
                                        area.get("id").asString(),
                                        product.get("id").asString(),
                                        shift.get("id").asString()))
                        .query(Long.class)
                        .single())
                .isEqualTo(3);
    }

    @Test
    void badStructureIsRefusedOnTheFieldAndOnlyKeepersChangeIt() {
        String admin = signedIn.demo("admin", "Admin123!");
        String code = unique("dup");
        created(http.call("POST", "/api/v1/production/lines", admin, """
                {"code": "%s", "name": "Uno"}""".formatted(code)));
        assertProblem(http.call("POST", "/api/v1/production/lines", admin, """
                {"code": "%s", "name": "Dos"}""".formatted(code)), 409, "CONFLICT");
        assertThat(fields(http.call("POST", "/api/v1/production/lines", admin, """
                {"code": "a b", "name": "", "downtime_threshold_seconds": 0}""")))
                .containsExactlyInAnyOrder("code", "name", "downtime_threshold_seconds");
        assertThat(fields(http.call("POST", "/api/v1/production/areas", admin, """
                {"name": "x", "type": "SIDEWAYS"}""")))
                .containsExactlyInAnyOrder("line_id", "type");
        assertProblem(
                http.call("POST", "/api/v1/production/areas", admin, """
                {"line_id": "%s", "name": "x", "type": "INPUT"}""".formatted(UUID.randomUUID())),
                404,
                "NOT_FOUND");
        assertThat(fields(http.call("POST", "/api/v1/production/products", admin, """
                {"code": "P1", "name": "x", "ideal_cycle_seconds": 0}""")))
                .containsExactly("ideal_cycle_seconds");
        assertThat(fields(http.call("POST", "/api/v1/production/shifts", admin, """
                {"name": "x", "breaks": [{"start": "10:00"}]}""")))
                .contains("start", "end");
        assertProblem(http.call("POST", "/api/v1/production/shifts", admin, """
                {"name": "x", "start": "08:00", "end": "08:00"}"""), 422, "BUSINESS_RULE_VIOLATION");

        String lineId = created(http.call("POST", "/api/v1/production/lines", admin, """
                {"code": "%s", "name": "Visible"}""".formatted(unique("v"))))
                .get("id")
                .asString();
        for (String[] user :
                new String[][] {{"viewer", "Viewer123!"}, {"manager", "Manager123!"}, {"supervisor", "Supervisor123!"}
                }) {
            String token = signedIn.demo(user[0], user[1]);
            assertThat(http.call("GET", "/api/v1/production/lines/" + lineId, token, null)
                            .statusCode())
                    .as(user[0])
                    .isEqualTo(200);
            assertProblem(
                    http.call("POST", "/api/v1/production/lines", token, """
                    {"code": "%s", "name": "Intrusa"}""".formatted(unique("x"))),
                    403,
                    "INSUFFICIENT_PERMISSIONS");
            assertProblem(
                    http.call("DELETE", "/api/v1/production/lines/" + lineId, token, null),
                    403,
                    "INSUFFICIENT_PERMISSIONS");
        }
        assertProblem(
                http.call("POST", "/api/v1/production/detections", signedIn.demo("viewer", "Viewer123!"), "[]"),
                403,
                "INSUFFICIENT_PERMISSIONS");
        assertProblem(
                http.call("GET", "/api/v1/production/lines", signedIn.demo("reception", "Reception123!"), null),
                403,
                "INSUFFICIENT_PERMISSIONS");
    }

    @Test
    void anotherTenantsStructureDoesNotExistForTheCaller() {
        UUID otherTenant = UUID.randomUUID();
        UUID foreignLine = UUID.randomUUID();
        jdbc.sql("INSERT INTO tenants (id, slug, name) VALUES (:id, :slug, 'Otra')")
                .param("id", otherTenant)
                .param("slug", "otra-" + otherTenant.toString().substring(0, 8))
                .update();
        String code = unique("ajena");
        jdbc.sql("INSERT INTO production_lines (id, tenant_id, code, name) VALUES (:id, :t, :code, 'Ajena')")
                .param("id", foreignLine)
                .param("t", otherTenant)
                .param("code", code)
                .update();
        String admin = signedIn.demo("admin", "Admin123!");
        assertProblem(http.call("GET", "/api/v1/production/lines/" + foreignLine, admin, null), 404, "NOT_FOUND");
        assertProblem(
                http.call("PUT", "/api/v1/production/lines/" + foreignLine, admin, """
                {"code": "%s", "name": "Robada"}""".formatted(code)),
                404,
                "NOT_FOUND");
        assertProblem(http.call("DELETE", "/api/v1/production/lines/" + foreignLine, admin, null), 404, "NOT_FOUND");
        assertProblem(
                http.call("POST", "/api/v1/production/areas", admin, """
                {"line_id": "%s", "name": "x", "type": "INPUT"}""".formatted(foreignLine)), 404, "NOT_FOUND");
        JsonNode batch = ingest(signedIn.demo("operator", "Operator123!"), """
                [{"line_code": "%s", "area": "x", "product_code": "x", "detected_at": "2026-01-01T00:00:00Z"}]""".formatted(code));
        assertThat(batch.get("rejected").get(0).get("field").asString()).isEqualTo("line_code");
        // Codes are unique per tenant, not across tenants.
        created(http.call("POST", "/api/v1/production/lines", admin, """
                {"code": "%s", "name": "Propia"}""".formatted(code)));
        assertThat(jdbc.sql("SELECT active FROM production_lines WHERE id = :id")
                        .param("id", foreignLine)
                        .query(Boolean.class)
                        .single())
                .isTrue();
    }

    @Test
    void aMixedBatchKeepsTheValidRowsAndNamesTheBadOnesByIndex() {
        Plant plant = plant();
        String operator = signedIn.demo("operator", "Operator123!");
        Instant t = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(2, ChronoUnit.HOURS);
        JsonNode result = ingest(operator, """
                [{"line_code": "%1$s", "area": "Salida", "product_code": "%2$s", "detected_at": "%3$s"},
                 {"line_code": "NOPE", "area": "Salida", "product_code": "%2$s", "detected_at": "%3$s"},
                 {"line_code": "%1$s", "area": "%4$s", "product_code": "%2$s", "detected_at": "%3$s", "rejected": true},
                 {"line_code": "%1$s", "area": "Cocina", "product_code": "%2$s", "detected_at": "%3$s"},
                 {"line_code": "%1$s", "area": "salida", "product_code": "%2$s", "detected_at": "ayer"},
                 {"line_code": "%1$s", "area": "salida", "product_code": "%2$s", "detected_at": "%3$s", "rejected": "quizá"},
                 {"line_code": "%1$s", "area": "salida", "product_code": "", "detected_at": "%3$s"},
                 7,
                 {"line_code": "%1$s", "area": "Salida", "product_code": "%2$s", "detected_at": "2999-01-01T00:00:00Z"},
                 {"line_code": "%1$s", "area": "Salida", "product_code": "%2$s", "detected_at": "%5$s", "rejected": false}]
                """.formatted(
                        plant.line,
                        plant.product,
                        t,
                        plant.outputId,
                        t.plusSeconds(30).atOffset(java.time.ZoneOffset.ofHours(-5))));
        assertThat(result.get("accepted").asInt()).isEqualTo(3);
        assertThat(result.get("duplicates").asInt()).isZero();
        assertThat(result.get("rejected")
                        .valueStream()
                        .map(e -> e.get("index").asInt() + ":" + e.get("field").asString()))
                .containsExactly(
                        "1:line_code",
                        "3:area",
                        "4:detected_at",
                        "5:rejected",
                        "6:product_code",
                        "7:row",
                        "8:detected_at");
        assertThat(result.get("rejected").get(0).get("message").asString()).contains("NOPE");
        assertThat(raw(plant.lineId)).isEqualTo(3);
        assertThat(jdbc.sql("SELECT count(*) FROM production_detections WHERE line_id = :l AND rejected")
                        .param("l", plant.lineId)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertRollupsMatchRawCounts(plant.lineId);
        assertThat(meters.get("turno.production.metadata.cache")
                                .tag("result", "hit")
                                .counter()
                                .count()
                        + meters.get("turno.production.metadata.cache")
                                .tag("result", "miss")
                                .counter()
                                .count())
                .isPositive();
        assertThat(meters.get("turno.production.metadata.cache.hit.ratio")
                        .gauge()
                        .value())
                .isBetween(0.0, 1.0);
    }

    @Test
    void anAtomicBatchWithOneBadRowStoresNothing() {
        Plant plant = plant();
        String supervisor = signedIn.demo("supervisor", "Supervisor123!");
        Instant t = Instant.now().minus(1, ChronoUnit.HOURS);
        String body = """
                [{"line_code": "%1$s", "area": "Salida", "product_code": "%2$s", "detected_at": "%3$s", "source_id": "a-%4$s"},
                 {"line_code": "%1$s", "area": "Salida", "product_code": "ZZZ", "detected_at": "%3$s"}]
                """.formatted(plant.line, plant.product, t, plant.lineId);
        JsonNode problem = assertProblem(
                http.call("POST", "/api/v1/production/detections?atomic=true", supervisor, body),
                422,
                "VALIDATION_FAILED");
        assertThat(problem.get("errors").get(0).get("index").asInt()).isEqualTo(1);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("product_code");
        assertThat(raw(plant.lineId)).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM production_detection_sources WHERE source_id = :s")
                        .param("s", "a-" + plant.lineId)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(ingest(supervisor, body).get("accepted").asInt())
                .as("without atomic the good row is kept")
                .isEqualTo(1);
    }

    @Test
    void aRepeatedSourceIdIsNotStoredTwice() {
        Plant plant = plant();
        String operator = signedIn.demo("operator", "Operator123!");
        Instant t = Instant.now().minus(3, ChronoUnit.HOURS);
        String row = """
                {"line_code": "%s", "area": "Salida", "product_code": "%s", "detected_at": "%s", "source_id": "%%s"}""".formatted(plant.line, plant.product, t);
        String s1 = "s1-" + plant.lineId;
        String s2 = "s2-" + plant.lineId;
        JsonNode first =
                ingest(operator, "[" + row.formatted(s1) + "," + row.formatted(s2) + "," + row.formatted(s1) + "]");
        assertThat(first.get("accepted").asInt()).isEqualTo(2);
        assertThat(first.get("duplicates").asInt())
                .as("repeated within the batch")
                .isEqualTo(1);
        JsonNode again = ingest(operator, "[" + row.formatted(s2) + "," + row.formatted("s3-" + plant.lineId) + "]");
        assertThat(again.get("accepted").asInt()).isEqualTo(1);
        assertThat(again.get("duplicates").asInt()).as("already stored").isEqualTo(1);
        assertThat(raw(plant.lineId)).isEqualTo(3);
        assertRollupsMatchRawCounts(plant.lineId);
    }

    @Test
    void csvIsIngestedLikeJson() {
        Plant plant = plant();
        String operator = signedIn.demo("operator", "Operator123!");
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(5, ChronoUnit.HOURS);
        String csv = """
                line_code,area,product_code,detected_at,rejected,source_id
                %1$s,Salida,%2$s,%3$s,false,c1-%6$s
                %1$s,"Salida",%2$s,%4$s,true,
                %1$s,Salida,%2$s,not-a-date,,
                %1$s,%5$s,%2$s,%4$s,1,c2-%6$s
                """.formatted(plant.line, plant.product, t, t.plusSeconds(61), plant.outputId, plant.lineId);
        var response = http.send(http.request("/api/v1/production/detections")
                .header("Authorization", "Bearer " + operator)
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode result = json(response);
        assertThat(result.get("accepted").asInt()).as(response.body()).isEqualTo(3);
        assertThat(result.get("rejected")
                        .valueStream()
                        .map(e -> e.get("index").asInt() + ":" + e.get("field").asString()))
                .containsExactly("2:detected_at");
        assertThat(raw(plant.lineId)).isEqualTo(3);
        assertThat(jdbc.sql("SELECT count(*) FROM production_detections WHERE line_id = :l AND rejected")
                        .param("l", plant.lineId)
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
        assertRollupsMatchRawCounts(plant.lineId);
        var headless = http.send(http.request("/api/v1/production/detections")
                .header("Authorization", "Bearer " + operator)
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString("a,b\n1,2\n")));
        assertProblem(headless, 400, "MALFORMED_REQUEST");
        assertProblem(
                http.call("POST", "/api/v1/production/detections", operator, "{\"not\": \"an array\"}"),
                400,
                "MALFORMED_REQUEST");
    }

    @Test
    void fiftyThousandDetectionsAreAcceptedInOneBatchAndRolledUpExactly() {
        Plant plant = plant();
        String operator = signedIn.demo("operator", "Operator123!");
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(60, ChronoUnit.DAYS);
        StringBuilder body = new StringBuilder(6_000_000).append('[');
        int rows = 50_000;
        long rejects = 0;
        for (int i = 0; i < rows; i++) {
            boolean rejected = i % 17 == 0;
            rejects += rejected ? 1 : 0;
            if (i > 0) {
                body.append(',');
            }
            body.append("{\"line_code\":\"")
                    .append(plant.line)
                    .append("\",\"area\":\"")
                    .append(i % 3 == 0 ? plant.inputId : "Salida")
                    .append("\",\"product_code\":\"")
                    .append(plant.product)
                    .append("\",\"detected_at\":\"")
                    .append(start.plusMillis(i * 1_500L * 60))
                    .append("\",\"rejected\":")
                    .append(rejected)
                    .append(",\"source_id\":\"big-")
                    .append(plant.lineId)
                    .append('-')
                    .append(i)
                    .append("\"}");
        }
        body.append(']');
        long began = System.nanoTime();
        var response = http.send(http.request("/api/v1/production/detections")
                .timeout(java.time.Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + operator)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
        long millis = (System.nanoTime() - began) / 1_000_000;
        System.out.printf(
                "PRODUCTION INGEST: %,d detections in one batch took %,d ms (%,.0f /s)%n",
                rows, millis, rows * 1000.0 / Math.max(1, millis));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).get("accepted").asInt()).isEqualTo(rows);
        assertThat(raw(plant.lineId)).isEqualTo(rows);
        assertThat(jdbc.sql("SELECT count(*) FROM production_detections WHERE line_id = :l AND rejected")
                        .param("l", plant.lineId)
                        .query(Long.class)
                        .single())
                .isEqualTo(rejects);
        assertThat(jdbc.sql("""
                SELECT count(DISTINCT tableoid) FROM production_detections WHERE line_id = :l""").param("l", plant.lineId).query(Long.class).single())
                .as("the rows span months, each in its partition")
                .isGreaterThan(1);
        assertRollupsMatchRawCounts(plant.lineId);
        String tooMany = "[" + "{},".repeat(50_000) + "{}]";
        assertProblem(http.call("POST", "/api/v1/production/detections", operator, tooMany), 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void theMaintenanceCreatesPartitionsAheadOnceAndOnlyTheParentIsOpenToTheApplication() {
        java.time.LocalDate far = java.time.LocalDate.of(2031, 4, 12);
        ingest.ensurePartitions(far, 2);
        ingest.ensurePartitions(far, 2);
        assertThat(jdbc.sql("""
                SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                WHERE i.inhparent = 'production_detections'::regclass AND c.relname LIKE 'production_detections_2031_%'
                ORDER BY 1""").query(String.class).list())
                .containsExactly(
                        "production_detections_2031_04",
                        "production_detections_2031_05",
                        "production_detections_2031_06");
        assertThat(jdbc.sql("SELECT has_table_privilege('turno_app', 'production_detections_2031_04', 'SELECT')")
                        .query(Boolean.class)
                        .single())
                .isFalse();
        assertThat(jdbc.sql("SELECT has_table_privilege('turno_app', 'production_detections', 'INSERT')")
                        .query(Boolean.class)
                        .single())
                .isTrue();
    }

    private void assertRollupsMatchRawCounts(UUID lineId) {
        String raw = """
                SELECT area_id, product_id, date_trunc('minute', detected_at) AS minute, count(*) AS total,
                       count(*) FILTER (WHERE rejected) AS rejected
                FROM production_detections WHERE line_id = :l GROUP BY 1, 2, 3 ORDER BY 1, 2, 3""";
        String rolled = """
                SELECT area_id, product_id, minute, total, rejected
                FROM production_minute_rollups WHERE line_id = :l ORDER BY 1, 2, 3""";
        List<Map<String, Object>> expected =
                jdbc.sql(raw).param("l", lineId).query().listOfRows();
        assertThat(expected).isNotEmpty();
        assertThat(jdbc.sql(rolled).param("l", lineId).query().listOfRows()).isEqualTo(expected);
        assertThat(jdbc.sql("""
                SELECT area_id, product_id, hour, total, rejected FROM production_hour_rollups WHERE line_id = :l ORDER BY 1, 2, 3""").param("l", lineId).query().listOfRows())
                .isEqualTo(jdbc.sql("""
                SELECT area_id, product_id, date_trunc('hour', detected_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS hour,
                       count(*) AS total, count(*) FILTER (WHERE rejected) AS rejected
                FROM production_detections WHERE line_id = :l GROUP BY 1, 2, 3 ORDER BY 1, 2, 3""").param("l", lineId).query().listOfRows());
    }

    private long raw(UUID lineId) {
        return jdbc.sql("SELECT count(*) FROM production_detections WHERE line_id = :l")
                .param("l", lineId)
                .query(Long.class)
                .single();
    }

    record Plant(String line, UUID lineId, String product, String outputId, String inputId) {}

    /** A fresh line with the areas Salida (OUTPUT) and Entrada (INPUT), and a product. */
    private Plant plant() {
        String admin = signedIn.demo("admin", "Admin123!");
        String line = unique("l");
        UUID lineId = UUID.fromString(created(http.call("POST", "/api/v1/production/lines", admin, """
                {"code": "%s", "name": "Línea de prueba"}""".formatted(line)))
                .get("id")
                .asString());
        String output = created(http.call("POST", "/api/v1/production/areas", admin, """
                {"line_id": "%s", "name": "Salida", "type": "OUTPUT"}""".formatted(lineId)))
                .get("id")
                .asString();
        String input = created(http.call("POST", "/api/v1/production/areas", admin, """
                {"line_id": "%s", "name": "Entrada", "type": "INPUT"}""".formatted(lineId)))
                .get("id")
                .asString();
        String product = unique("p");
        created(http.call("POST", "/api/v1/production/products", admin, """
                {"code": "%s", "name": "Producto", "ideal_cycle_seconds": 2}""".formatted(product)));
        return new Plant(line, lineId, product, output, input);
    }

    private JsonNode ingest(String token, String body) {
        HttpResponse<String> response = http.call("POST", "/api/v1/production/detections", token, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private static JsonNode created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response);
    }

    private static List<String> fields(HttpResponse<String> response) {
        JsonNode problem = assertProblem(response, 422, "VALIDATION_FAILED");
        return problem.get("errors")
                .valueStream()
                .map(e -> e.get("field").asString())
                .toList();
    }

    private static String unique(String prefix) {
        return (prefix + "-" + UUID.randomUUID().toString().substring(0, 8)).toUpperCase();
    }
}
