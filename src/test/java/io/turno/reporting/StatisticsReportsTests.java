package io.turno.reporting;

import static io.turno.TestHttp.assertProblem;
import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.turno.TestHttp;
import io.turno.TurnoTest;
import io.turno.notifications.NotificationStatistics;
import io.turno.production.PlantStatistics;
import io.turno.queueing.QueueStatistics;
import io.turno.scheduling.AppointmentStatistics;
import io.turno.scheduling.AppointmentStatus;
import io.turno.shared.Formats;
import io.turno.shared.TenantId;
import io.turno.shared.TenantScope;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.parser.PdfTextExtractor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The statistics reports (clinic, therapists, queues, plant, notifications) over the demo's last 30
 * days: each report's JSON equals the owning module's own figures, and its CSV (Commons CSV), Excel
 * (FastExcel's reader) and PDF (OpenPDF's text extractor) carry the same numbers.
 */
@TurnoTest
class StatisticsReportsTests {

    @LocalServerPort
    int port;

    @Autowired
    AppointmentStatistics appointments;

    @Autowired
    QueueStatistics queues;

    @Autowired
    io.turno.billing.PaymentStatistics payments;

    @Autowired
    PlantStatistics plant;

    @Autowired
    NotificationStatistics notifications;

    JdbcClient owner;
    TestHttp http;
    TenantId demo;
    ZoneId zone;
    String admin;
    final List<String> tokens = new ArrayList<>();
    final HttpClient raw = HttpClient.newHttpClient();
    final LocalDate to = LocalDate.now();
    final LocalDate from = to.minusDays(30);

    @Autowired
    void ownerConnection(javax.sql.DataSource dataSource) {
        owner = io.turno.TestDatabase.owner(dataSource);
    }

    @BeforeEach
    void setUp() {
        http = new TestHttp(port);
        demo = new TenantId(owner.sql("SELECT id FROM tenants WHERE slug = 'demo'")
                .query(UUID.class)
                .single());
        zone = ZoneId.of(owner.sql("SELECT time_zone FROM tenants WHERE id = :t")
                .param("t", demo.value())
                .query(String.class)
                .single());
        admin = signIn("admin", "Admin123!");
    }

    @AfterEach
    void tearDown() {
        tokens.forEach(token -> http.call("POST", "/api/v1/auth/logout", token, null));
    }

    @Test
    void theClinicStatisticsAreSchedulingsFigures() throws Exception {
        var start = from.atStartOfDay(zone).toInstant();
        var end = to.plusDays(1).atStartOfDay(zone).toInstant();
        var counts = TenantScope.call(demo, () -> appointments.countByStatus(demo, start, end));
        var byTherapist = TenantScope.call(demo, () -> appointments.outcomeByPractitioner(demo, start, end));
        long total = counts.stream()
                .filter(c -> c.status() != AppointmentStatus.HELD)
                .mapToLong(c -> c.count())
                .sum();

        JsonNode report = report("clinic-statistics");
        assertThat(summary(report, "appointments").asLong()).isEqualTo(total);
        JsonNode therapists = table(report, "by_therapist");
        assertThat(therapists.get("rows")).hasSize(byTherapist.size());
        for (int i = 0; i < byTherapist.size(); i++) {
            assertThat(therapists.get("rows").get(i).get("total").asLong())
                    .isEqualTo(byTherapist.get(i).total());
            assertThat(therapists.get("rows").get(i).get("no_shows").asLong())
                    .isEqualTo(byTherapist.get(i).noShows());
        }
        assertThat(table(report, "by_status").get("totals").get(0).get("count").asLong())
                .isEqualTo(total);

        assertFormats("clinic-statistics", report, "by_status", "count", "Estadísticas de la clínica");
    }

    @Test
    void theTherapistPerformanceIsSchedulingsFigures() throws Exception {
        var start = from.atStartOfDay(zone).toInstant();
        var end = to.plusDays(1).atStartOfDay(zone).toInstant();
        var outcomes = TenantScope.call(demo, () -> appointments.outcomeByPractitioner(demo, start, end));

        JsonNode report = report("therapist-performance");
        JsonNode rows = table(report, "therapists").get("rows");
        assertThat(rows).hasSize(outcomes.size());
        for (int i = 0; i < outcomes.size(); i++) {
            assertThat(rows.get(i).get("therapist").asString())
                    .isEqualTo(outcomes.get(i).name());
            assertThat(rows.get(i).get("sessions").asLong())
                    .isEqualTo(outcomes.get(i).completed());
            assertThat(rows.get(i).get("hours").asDouble())
                    .isCloseTo(outcomes.get(i).completedHours(), org.assertj.core.data.Offset.offset(0.005));
        }
        assertThat(summary(report, "sessions").asLong())
                .isEqualTo(outcomes.stream().mapToLong(o -> o.completed()).sum());
        // Income: billing's payments for the therapists' appointments, in the organization's currency.
        var paid = TenantScope.call(demo, () -> payments.incomeByAppointment(demo, start, end));
        var practitionerOf = TenantScope.call(
                demo,
                () -> appointments.practitionerOf(
                        demo,
                        paid.stream()
                                .map(io.turno.billing.PaymentStatistics.AppointmentIncome::appointmentId)
                                .toList()));
        var listed = outcomes.stream().map(o -> o.id()).collect(java.util.stream.Collectors.toSet());
        java.math.BigDecimal expected = paid.stream()
                .filter(i -> i.currency().equals(report.get("currency").asString()))
                .filter(i -> listed.contains(practitionerOf.get(i.appointmentId())))
                .map(io.turno.billing.PaymentStatistics.AppointmentIncome::net)
                .reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add);
        assertThat(new java.math.BigDecimal(summary(report, "income").asString()))
                .isEqualByComparingTo(expected);
        assertThat(rows.valueStream()
                        .map(r -> new java.math.BigDecimal(r.get("income").asString()))
                        .reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add))
                .isEqualByComparingTo(expected);

        assertFormats("therapist-performance", report, "therapists", "sessions", "Desempeño de terapeutas");
    }

    @Test
    void theQueueStatisticsAreQueueingsFigures() throws Exception {
        var byPriority =
                TenantScope.call(demo, () -> queues.totals(demo, null, from, to, QueueStatistics.Grouping.PRIORITY));
        var byQueue = TenantScope.call(demo, () -> queues.totals(demo, null, from, to, QueueStatistics.Grouping.QUEUE));

        JsonNode report = report("queue-statistics");
        JsonNode priorities = table(report, "by_priority").get("rows");
        assertThat(priorities).hasSize(byPriority.size());
        for (int i = 0; i < byPriority.size(); i++) {
            var expected = byPriority.get(i);
            assertThat(priorities.get(i).get("tickets").asLong()).isEqualTo(expected.tickets());
            assertThat(priorities.get(i).get("abandoned").asLong()).isEqualTo(expected.abandoned());
            if (expected.p90WaitSeconds() != null) {
                assertThat(priorities.get(i).get("p90_wait_minutes").asDouble())
                        .isCloseTo(expected.p90WaitSeconds() / 60, org.assertj.core.data.Offset.offset(0.05));
                assertThat(expected.p50WaitSeconds()).isLessThanOrEqualTo(expected.p90WaitSeconds());
            }
        }
        assertThat(summary(report, "tickets").asLong())
                .isEqualTo(byQueue.stream()
                        .mapToLong(QueueStatistics.GroupTotals::tickets)
                        .sum());

        assertFormats("queue-statistics", report, "by_queue", "tickets", "Estadísticas de filas");
    }

    @Test
    void thePlantReportIsProductionsFigures() throws Exception {
        String code = line();
        var start = from.atStartOfDay(zone).toInstant();
        var end = to.plusDays(1).atStartOfDay(zone).toInstant();
        var line = TenantScope.call(demo, () -> plant.lines(demo)).stream()
                .filter(l -> l.code().equals(code))
                .findFirst()
                .orElseThrow();
        var oee = TenantScope.call(demo, () -> plant.oee(demo, line.id(), start, end));
        assertThat(oee.total()).isEqualTo(12);

        JsonNode report = report("plant");
        JsonNode row = table(report, "oee_by_line")
                .get("rows")
                .valueStream()
                .filter(r -> r.get("line").asString().equals(code))
                .findFirst()
                .orElseThrow();
        assertThat(row.get("total").asLong()).isEqualTo(oee.total());
        assertThat(row.get("good").asLong()).isEqualTo(oee.good());
        assertThat(table(report, "oee_by_day")
                        .get("rows")
                        .valueStream()
                        .filter(r -> r.get("line").asString().equals(code))
                        .count())
                .isEqualTo(31);
        assertThat(table(report, "production_by_product")
                        .get("rows")
                        .valueStream()
                        .filter(r -> r.get("line").asString().equals(code))
                        .mapToLong(r -> r.get("total").asLong())
                        .sum())
                .isEqualTo(12);

        assertFormats("plant", report, "oee_by_line", "total", "Planta: OEE, paradas y producción");
    }

    /** A line of its own with 12 detections three hours ago; answers its code. */
    private String line() {
        String suffix = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String product = "RP-" + suffix;
        String code = "RL-" + suffix;
        assertThat(http.call("POST", "/api/v1/production/products", admin, """
                {"code": "%s", "name": "Tarro", "ideal_cycle_seconds": 2}""".formatted(product))
                        .statusCode())
                .isEqualTo(201);
        var line = http.call("POST", "/api/v1/production/lines", admin, """
                {"code": "%1$s", "name": "Línea %1$s"}""".formatted(code));
        assertThat(line.statusCode()).as(line.body()).isEqualTo(201);
        assertThat(http.call("POST", "/api/v1/production/areas", admin, """
                {"line_id": "%s", "name": "Salida", "type": "OUTPUT"}""".formatted(
                                        json(line).get("id").asString()))
                        .statusCode())
                .isEqualTo(201);
        var at = java.time.Instant.now()
                .truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
                .minusSeconds(3 * 3600);
        StringBuilder rows = new StringBuilder("[");
        for (int i = 0; i < 12; i++) {
            rows.append(i == 0 ? "" : ",").append("""
                    {"line_code": "%s", "area": "Salida", "product_code": "%s", "detected_at": "%s"}""".formatted(code, product, at.plusSeconds(97L * i)));
        }
        String operator = signIn("operator", "Operator123!");
        var ingested = http.call(
                "POST",
                "/api/v1/production/detections",
                operator,
                rows.append("]").toString());
        assertThat(json(ingested).get("accepted").asInt()).isEqualTo(12);
        return code;
    }

    @Test
    void theNotificationStatisticsAreNotificationsFigures() throws Exception {
        var start = from.atStartOfDay(zone).toInstant();
        var end = to.plusDays(1).atStartOfDay(zone).toInstant();
        var counts = TenantScope.call(demo, () -> notifications.perChannel(demo, start, end));

        JsonNode report = report("notification-statistics");
        JsonNode rows = table(report, "channels").get("rows");
        assertThat(rows).hasSize(counts.size());
        for (int i = 0; i < counts.size(); i++) {
            assertThat(rows.get(i).get("sent").asLong()).isEqualTo(counts.get(i).sent());
            assertThat(rows.get(i).get("failed").asLong())
                    .isEqualTo(counts.get(i).failed());
            assertThat(rows.get(i).get("retried").asLong())
                    .isEqualTo(counts.get(i).retried());
        }

        assertFormats("notification-statistics", report, "channels", "sent", "Estadísticas de notificaciones");
    }

    @Test
    void aRangeUpsideDownOrLongerThanAYearIsRefusedByName() {
        assertProblem(
                http.call("GET", "/api/v1/reports/clinic-statistics.json?from=" + to + "&to=" + from, admin, null),
                422,
                "VALIDATION_FAILED");
        var tooLong =
                http.call("GET", "/api/v1/reports/plant.json?from=" + to.minusYears(2) + "&to=" + to, admin, null);
        assertProblem(tooLong, 422, "VALIDATION_FAILED");
        assertThat(tooLong.body()).contains("\"to\"");
    }

    /**
     * The table's integer column read back from CSV, Excel and PDF equals the JSON's: every row's value,
     * in order, and the PDF has the report's title and the column's sum.
     */
    private void assertFormats(String code, JsonNode report, String key, String column, String title) throws Exception {
        JsonNode table = table(report, key);
        String tableTitle = table.get("title").asString();
        int index = columnIndex(table, column);
        List<String> expected = new ArrayList<>();
        table.get("rows").forEach(r -> expected.add(String.valueOf(r.get(column).asLong())));
        boolean sections = report.get("tables").size() > 1;

        List<CSVRecord> records = csv(get("/api/v1/reports/" + code + ".csv?" + range()));
        int header = 0;
        if (sections) {
            while (!records.get(header).get(0).equals(tableTitle)) {
                header++;
            }
            header++;
        }
        assertThat(records.get(header).get(index))
                .isEqualTo(table.get("columns").get(index).get("title").asString());
        List<String> csvValues = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            csvValues.add(records.get(header + 1 + i).get(index));
        }
        assertThat(csvValues).isEqualTo(expected);

        byte[] xlsx = get("/api/v1/reports/" + code + ".xlsx?" + range());
        try (var workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx), new ReadingOptions(true, false))) {
            var sheet = workbook.getSheets()
                    .filter(s -> s.getName().equals(tableTitle))
                    .findFirst()
                    .orElseThrow();
            List<Row> rows = sheet.read();
            List<String> xlsxValues = new ArrayList<>();
            for (int i = 0; i < expected.size(); i++) {
                xlsxValues.add(
                        String.valueOf(rows.get(1 + i).getCell(index).asNumber().longValue()));
            }
            assertThat(xlsxValues).isEqualTo(expected);
        }

        String text = pdfText(get("/api/v1/reports/" + code + ".pdf?" + range()));
        long sum = expected.stream().mapToLong(Long::parseLong).sum();
        Formats formats = Formats.of(Locale.of("es"), zone, "COP");
        assertThat(text).contains(title).contains(tableTitle).contains(formats.date(from));
        for (String value : expected) {
            assertThat(text).contains(formats.number(Long.parseLong(value)));
        }
        assertThat(sum).isNotNegative();
    }

    private JsonNode report(String code) {
        var answered = http.call("GET", "/api/v1/reports/" + code + ".json?" + range(), admin, null);
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
        return json(answered);
    }

    private String range() {
        return "from=" + from + "&to=" + to;
    }

    private byte[] get(String path) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + admin)
                .build();
        var response = raw.send(request, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode())
                .as(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        return response.body();
    }

    private String signIn(String username, String password) {
        String token = http.demoToken(username, password);
        tokens.add(token);
        return token;
    }

    private static List<CSVRecord> csv(byte[] bytes) throws IOException {
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF");
        return CSVFormat.DEFAULT.parse(new StringReader(text.substring(1))).getRecords();
    }

    private static String pdfText(byte[] pdf) throws IOException {
        try (var reader = new PdfReader(pdf)) {
            var extractor = new PdfTextExtractor(reader);
            var text = new StringBuilder();
            for (int page = 1; page <= reader.getNumberOfPages(); page++) {
                text.append(extractor.getTextFromPage(page)).append('\n');
            }
            return text.toString().replace('\u00a0', ' ').replace('\u202f', ' ');
        }
    }

    private static int columnIndex(JsonNode table, String column) {
        for (int i = 0; i < table.get("columns").size(); i++) {
            if (table.get("columns").get(i).get("key").asString().equals(column)) {
                return i;
            }
        }
        throw new AssertionError("No column " + column);
    }

    private static JsonNode table(JsonNode report, String key) {
        return report.get("tables")
                .valueStream()
                .filter(t -> t.get("key").asString().equals(key))
                .findFirst()
                .orElseThrow();
    }

    private static JsonNode summary(JsonNode report, String key) {
        return report.get("summary")
                .valueStream()
                .filter(f -> f.get("key").asString().equals(key))
                .findFirst()
                .orElseThrow()
                .get("value");
    }
}
