package io.turno.production;

import static io.turno.TestHttp.assertProblem;
import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.turno.TestHttp;
import io.turno.TurnoTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The organization's own database, a real MariaDB the test starts: verified table by table, synchronized once. */
@TurnoTest
class ProductionSourcesTests {

    private static final String PASSWORD = "S3cret-" + UUID.randomUUID();
    private static final DateTimeFormatter SQL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    static MariaDbServer mariadb;

    @BeforeAll
    static void startMariaDb() throws Exception {
        mariadb = new MariaDbServer();
        // Read-only, as the organization would grant it: any write by the sync would fail.
        mariadb.execute("CREATE USER 'turno'@'127.0.0.1' IDENTIFIED BY '" + PASSWORD + "'");
    }

    @AfterAll
    static void stopMariaDb() throws Exception {
        if (mariadb != null) {
            mariadb.close();
        }
    }

    @LocalServerPort
    int port;

    JdbcClient jdbc;

    @Autowired
    javax.sql.DataSource dataSource;

    @Autowired
    void ownerConnection(javax.sql.DataSource dataSource) {
        jdbc = io.turno.TestDatabase.owner(dataSource);
    }

    TestHttp http;
    String admin;
    final List<String> tokens = new ArrayList<>();

    @BeforeEach
    void setUp() {
        http = new TestHttp(port);
        admin = http.demoToken("admin", "Admin123!");
        tokens.add(admin);
    }

    @AfterEach
    void signOut() {
        tokens.forEach(token -> http.call("POST", "/api/v1/auth/logout", token, null));
    }

    @Test
    void verifyNamesTheMissingTablesAndColumnsAndTheSyncRefusesSuchADatabase() throws Exception {
        String db = database();
        String code = code();
        plantStructure(db, code);
        mariadb.execute(
                "ALTER TABLE " + db + ".PRODUCT DROP COLUMN product_code",
                "DROP TABLE " + db + ".SHIFT",
                "ALTER TABLE " + db + ".DETECTION_LINE_" + code + " DROP COLUMN detected_at");
        String id = register(db, PASSWORD);

        JsonNode report = ok(http.call("POST", "/api/v1/production/sources/" + id + "/verify", admin, null));
        assertThat(report.get("ok").asBoolean()).isFalse();
        assertThat(table(report, "PRODUCTION_LINE").get("missing_columns")).isEmpty();
        assertThat(table(report, "PRODUCTION_LINE").get("rows").asLong()).isEqualTo(1);
        assertThat(table(report, "PRODUCT").get("exists").asBoolean()).isTrue();
        assertThat(table(report, "PRODUCT").get("missing_columns").toString()).isEqualTo("[\"product_code\"]");
        assertThat(table(report, "SHIFT").get("exists").asBoolean()).isFalse();
        assertThat(table(report, "DETECTION_LINE_" + code)
                        .get("missing_columns")
                        .toString())
                .isEqualTo("[\"detected_at\"]");
        assertThat(table(report, "FILTER").get("missing_columns")).isEmpty();

        var refused = assertProblem(
                http.call("POST", "/api/v1/production/sources/" + id + "/sync", admin, null),
                409,
                "BUSINESS_RULE_VIOLATION");
        assertThat(refused.get("detail").asString()).contains("PRODUCT sin product_code", "falta SHIFT");
        assertThat(jdbc.sql("SELECT count(*) FROM production_lines WHERE code = :code")
                        .param("code", code)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void theCredentialsAreStoredEncryptedNeverReturnedAndAWrongPasswordIsReported() throws Exception {
        String db = database();
        plantStructure(db, code());
        String id = register(db, PASSWORD);

        String listed = http.call("GET", "/api/v1/production/sources?size=200", admin, null)
                .body();
        assertThat(listed).contains(id).doesNotContain(PASSWORD).doesNotContain("password");
        byte[] stored = jdbc.sql("SELECT password_secret FROM production_sources WHERE id = :id")
                .param("id", UUID.fromString(id))
                .query(byte[].class)
                .single();
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(PASSWORD);
        assertThat(jdbc.sql("SELECT summary::text FROM audit_log WHERE entity_id = :id")
                        .param("id", id)
                        .query(String.class)
                        .list())
                .isNotEmpty()
                .noneMatch(summary -> summary.contains(PASSWORD));

        var kept = http.call(
                "PUT",
                "/api/v1/production/sources/" + id,
                admin,
                body(db, PASSWORD).replaceAll(",\\s*\"password\": \"[^\"]*\"", ""));
        assertThat(kept.statusCode()).as(kept.body()).isEqualTo(200);
        assertThat(ok(http.call("POST", "/api/v1/production/sources/" + id + "/verify", admin, null))
                        .get("ok")
                        .asBoolean())
                .as("a replacement without a password keeps the stored one")
                .isTrue();

        var wrong = http.call("PUT", "/api/v1/production/sources/" + id, admin, body(db, "not-" + PASSWORD));
        assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(200);
        var denied = assertProblem(
                http.call("POST", "/api/v1/production/sources/" + id + "/verify", admin, null),
                409,
                "BUSINESS_RULE_VIOLATION");
        assertThat(denied.get("detail").asString()).contains("Access denied").doesNotContain(PASSWORD);

        String viewer = http.demoToken("viewer", "Viewer123!");
        tokens.add(viewer);
        assertThat(http.call("GET", "/api/v1/production/sources", viewer, null).statusCode())
                .isEqualTo(403);
        assertProblem(http.call("POST", "/api/v1/production/sources", admin, """
                {"name": "x", "kind": "MARIADB", "host": "127.0.0.1", "port": 3306, "database": "x", "username": "x"}"""), 422, "VALIDATION_FAILED");
    }

    @Test
    void theSyncImportsTheStructureAndEachDetectionOnceAndLaterRowsOnTheNextRun() throws Exception {
        String db = database();
        String code = code();
        plantStructure(db, code);
        LocalDateTime start =
                LocalDateTime.now(ZoneId.of("America/Santiago")).minusHours(3).truncatedTo(ChronoUnit.SECONDS);
        detections(db, code, start, 1, 5);
        String id = register(db, PASSWORD);

        JsonNode first = ok(http.call("POST", "/api/v1/production/sources/" + id + "/sync", admin, null));
        assertThat(first.get("lines").asInt()).isEqualTo(1);
        assertThat(first.get("areas").asInt()).isEqualTo(2);
        JsonNode line = first.get("detections").get(0);
        assertThat(line.get("line_code").asString()).isEqualTo(code);
        assertThat(line.get("imported").asInt()).isEqualTo(5);
        assertThat(line.get("refused").asInt())
                .as("a detection of an area of another line")
                .isEqualTo(1);
        assertThat(stored(code)).isEqualTo(5);
        assertThat(rolledUp(code)).isEqualTo(5);
        assertThat(jdbc.sql("SELECT type FROM production_areas a JOIN production_lines l ON l.id = a.line_id "
                                + "WHERE l.code = :code AND a.name = 'Salida'")
                        .param("code", code)
                        .query(String.class)
                        .single())
                .isEqualTo("OUTPUT");
        assertThat(jdbc.sql("SELECT ideal_cycle_seconds FROM production_products WHERE code = :code")
                        .param("code", code + "-P")
                        .query(java.math.BigDecimal.class)
                        .single())
                .isEqualByComparingTo("2.5");

        JsonNode again = ok(http.call("POST", "/api/v1/production/sources/" + id + "/sync", admin, null));
        assertThat(again.get("lines").asInt()).as("nothing changed").isZero();
        assertThat(again.get("detections").get(0).get("imported").asInt()).isZero();
        assertThat(stored(code)).isEqualTo(5);

        detections(db, code, start.plusMinutes(30), 100, 3);
        JsonNode later = ok(http.call("POST", "/api/v1/production/sources/" + id + "/sync", admin, null));
        assertThat(later.get("detections").get(0).get("imported").asInt()).isEqualTo(3);
        assertThat(stored(code)).isEqualTo(8);
        assertThat(rolledUp(code)).isEqualTo(8);
        JsonNode source = ok(http.call("GET", "/api/v1/production/sources/" + id, admin, null));
        assertThat(source.has("last_sync_at")).isTrue();
        assertThat(source.has("last_sync_error")).as(source.toString()).isFalse();
        try (var connection = mariadb.root();
                var statement = connection.createStatement();
                var rs = statement.executeQuery("SELECT count(*) FROM " + db + ".DETECTION_LINE_" + code)) {
            rs.next();
            assertThat(rs.getLong(1)).as("the source is left as it was").isEqualTo(9);
        }
    }

    @Test
    void aPostgreSqlDatabaseIsVerifiedAndSynchronizedToo() throws Exception {
        var pool = dataSource.unwrap(com.zaxxer.hikari.HikariDataSource.class);
        var url = java.net.URI.create(pool.getJdbcUrl().substring("jdbc:".length()));
        String db = database();
        String role = "reader_" + db.substring("plant_".length());
        String code = code();
        JdbcClient server = jdbc;
        server.sql("CREATE DATABASE " + db).update();
        server.sql("CREATE ROLE " + role + " LOGIN PASSWORD '" + PASSWORD + "'").update();
        try (var connection = java.sql.DriverManager.getConnection(
                        "jdbc:postgresql://" + url.getHost() + ":" + url.getPort() + "/" + db,
                        pool.getUsername(),
                        pool.getPassword());
                var statement = connection.createStatement()) {
            for (String sql : List.of(
                    "CREATE TABLE production_line (line_id INT PRIMARY KEY, line_code TEXT, line_name TEXT, is_active BOOLEAN)",
                    "CREATE TABLE area (area_id INT PRIMARY KEY, line_id INT, area_name TEXT, area_type TEXT)",
                    "CREATE TABLE product (product_id INT PRIMARY KEY, product_name TEXT, product_code TEXT)",
                    "CREATE TABLE filter (filter_id INT PRIMARY KEY, filter_name TEXT, filter_status BOOLEAN, default_value JSONB)",
                    "CREATE TABLE shift (shift_id INT PRIMARY KEY, shift_name TEXT, start_time TIME, end_time TIME)",
                    "CREATE TABLE detection_line_" + code.toLowerCase()
                            + " (detection_id BIGINT PRIMARY KEY, detected_at TIMESTAMPTZ, area_id INT, product_id INT)",
                    "INSERT INTO production_line VALUES (1, '" + code + "', 'Línea', true)",
                    "INSERT INTO area VALUES (1, 1, 'Salida', 'OUTPUT')",
                    "INSERT INTO product VALUES (1, 'Tarro', '" + code + "-P')",
                    "INSERT INTO filter VALUES (1, 'Turno " + code + "', true, NULL)",
                    "INSERT INTO shift VALUES (1, 'Día " + code + "', '06:00', '14:00')",
                    "INSERT INTO detection_line_" + code.toLowerCase()
                            + " SELECT g, now() - interval '2 hours' + g * interval '1 minute', 1, 1 FROM generate_series(1, 7) g",
                    "GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + role)) {
                statement.execute(sql);
            }
        }
        try {
            var response = http.call("POST", "/api/v1/production/sources", admin, """
                    {"name": "%s", "kind": "POSTGRESQL", "host": "%s", "port": %d, "database": "%s", "username": "%s",
                     "password": "%s"}""".formatted(
                            db, url.getHost(), url.getPort(), db, role, PASSWORD));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            String id = json(response).get("id").asString();

            JsonNode report = ok(http.call("POST", "/api/v1/production/sources/" + id + "/verify", admin, null));
            assertThat(report.get("ok").asBoolean()).as(report.toString()).isTrue();
            assertThat(table(report, "DETECTION_LINE_" + code).get("exists").asBoolean())
                    .isTrue();

            JsonNode first = ok(http.call("POST", "/api/v1/production/sources/" + id + "/sync", admin, null));
            assertThat(first.get("detections").get(0).get("imported").asInt())
                    .as(first.toString())
                    .isEqualTo(7);
            JsonNode again = ok(http.call("POST", "/api/v1/production/sources/" + id + "/sync", admin, null));
            assertThat(again.get("detections").get(0).get("imported").asInt()).isZero();
            assertThat(stored(code)).isEqualTo(7);
        } finally {
            server.sql("DROP DATABASE " + db + " WITH (FORCE)").update();
            server.sql("DROP ROLE " + role).update();
        }
    }

    // The organization's database

    private static String database() {
        return "plant_" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String code() {
        return "M" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    }

    /** Seed 002's tables, in the case its scripts use, with one line, two areas, a product, a shift and a filter. */
    private static void plantStructure(String db, String code) throws Exception {
        mariadb.execute(
                "CREATE DATABASE " + db,
                "GRANT SELECT ON " + db + ".* TO 'turno'@'127.0.0.1'",
                "USE " + db,
                "CREATE TABLE PRODUCTION_LINE (line_id INT PRIMARY KEY, line_code VARCHAR(32), line_name VARCHAR(100), is_active TINYINT(1))",
                "CREATE TABLE AREA (area_id INT PRIMARY KEY, line_id INT, area_name VARCHAR(100), area_type VARCHAR(20))",
                "CREATE TABLE PRODUCT (product_id INT PRIMARY KEY, product_name VARCHAR(100), product_code VARCHAR(32), ideal_cycle_time DECIMAL(8,3))",
                "CREATE TABLE FILTER (filter_id INT PRIMARY KEY, filter_name VARCHAR(100), filter_status TINYINT(1), default_value JSON, additional_filter JSON)",
                "CREATE TABLE SHIFT (shift_id INT PRIMARY KEY, shift_name VARCHAR(100), start_time TIME, end_time TIME)",
                "CREATE TABLE DETECTION_LINE_" + code
                        + " (detection_id BIGINT AUTO_INCREMENT PRIMARY KEY, detected_at DATETIME, area_id INT, product_id INT, rejected TINYINT(1))",
                "INSERT INTO PRODUCTION_LINE VALUES (7, '" + code + "', 'Línea " + code + "', 1)",
                "INSERT INTO AREA VALUES (70, 7, 'Entrada', 'input'), (71, 7, 'Salida', 'OUTPUT'), (99, 8, 'Ajena', 'OUTPUT')",
                "INSERT INTO PRODUCT VALUES (5, 'Botella " + code + "', '" + code + "-P', 2.5)",
                "INSERT INTO FILTER VALUES (1, 'Rango " + code
                        + "', 1, '{\"days_back\": 7}', '{\"type\": \"daterange\", \"show_time\": true}')",
                "INSERT INTO SHIFT VALUES (1, 'Noche " + code + "', '22:00:00', '06:00:00')");
    }

    /** {@code count} detections at the OUTPUT area a minute apart from {@code first}; the first batch also has one at an unknown area. */
    private static void detections(String db, String code, LocalDateTime first, int idFrom, int count)
            throws Exception {
        List<String> statements = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            statements.add("INSERT INTO " + db + ".DETECTION_LINE_" + code + " VALUES (" + (idFrom + i) + ", '"
                    + SQL_TIME.format(first.plusMinutes(i)) + "', 71, 5, " + (i == 0 ? 1 : 0) + ")");
        }
        if (idFrom == 1) {
            statements.add("INSERT INTO " + db + ".DETECTION_LINE_" + code + " VALUES (50, '" + SQL_TIME.format(first)
                    + "', 99, 5, 0)");
        }
        mariadb.execute(statements.toArray(String[]::new));
    }

    private String register(String db, String password) {
        var response = http.call("POST", "/api/v1/production/sources", admin, body(db, password));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode source = json(response);
        assertThat(source.has("password")).isFalse();
        assertThat(source.get("kind").asString()).isEqualTo("MARIADB");
        return source.get("id").asString();
    }

    private String body(String db, String password) {
        return """
                {"name": "%s", "kind": "MARIADB", "host": "127.0.0.1", "port": %d, "database": "%s", "username": "turno",
                 "password": "%s"}""".formatted(db, mariadb.port, db, password);
    }

    private long stored(String code) {
        return jdbc.sql(
                        "SELECT count(*) FROM production_detections d JOIN production_lines l ON l.id = d.line_id WHERE l.code = :code")
                .param("code", code)
                .query(Long.class)
                .single();
    }

    private long rolledUp(String code) {
        return jdbc.sql(
                        "SELECT coalesce(sum(total), 0) FROM production_minute_rollups r JOIN production_lines l ON l.id = r.line_id "
                                + "WHERE l.code = :code")
                .param("code", code)
                .query(Long.class)
                .single();
    }

    private static JsonNode table(JsonNode report, String name) {
        for (JsonNode table : report.get("tables")) {
            if (table.get("table").asString().equals(name)) {
                return table;
            }
        }
        throw new AssertionError(name + " not in " + report);
    }

    private static JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }
}
