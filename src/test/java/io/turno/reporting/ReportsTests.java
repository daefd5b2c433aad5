package io.turno.reporting;

import static io.turno.TestHttp.assertProblem;
import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.turno.MutableClock;
import io.turno.PageSession;
import io.turno.TestHttp;
import io.turno.TurnoTest;
import io.turno.billing.PaymentMethod;
import io.turno.billing.Payments;
import io.turno.billing.Payments.ChargeRequest;
import io.turno.customers.Customers;
import io.turno.customers.NewCustomer;
import io.turno.shared.Actor;
import io.turno.shared.Formats;
import io.turno.shared.TenantId;
import io.turno.shared.TenantScope;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
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
 * The report catalog and its four formats on the real application: payments on a day of their own,
 * the daily cash and paid-tickets reports read back from JSON, CSV (Commons CSV), Excel (FastExcel's
 * reader) and PDF (OpenPDF's text extractor), each equal to billing's own report of the day.
 */
@TurnoTest
class ReportsTests {

    record TestActor(UUID userId, TenantId tenantId, String username) implements Actor {}

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    Payments payments;

    @Autowired
    Customers customers;

    @Autowired
    io.turno.audit.AuditLog audit;

    @Autowired
    org.springframework.transaction.support.TransactionTemplate transactions;

    JdbcClient owner;
    TestHttp http;
    TenantId demo;
    Actor reception;
    final List<String> tokens = new ArrayList<>();
    final HttpClient raw = HttpClient.newHttpClient();

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
        UUID receptionId = owner.sql("SELECT id FROM users WHERE tenant_id = :t AND username = 'reception'")
                .param("t", demo.value())
                .query(UUID.class)
                .single();
        reception = new TestActor(receptionId, demo, "reception");
    }

    @AfterEach
    void tearDown() {
        tokens.forEach(token -> http.call("POST", "/api/v1/auth/logout", token, null));
    }

    @Test
    void theCatalogListsOnlyTheReportsTheCallerMayRunWithTheirForms() {
        JsonNode supervisor = json(http.call("GET", "/api/v1/reports", signIn("supervisor", "Supervisor123!"), null));
        assertThat(codes(supervisor))
                .contains("improved-daily-cash", "daily-paid-tickets")
                .doesNotContain("audit-log");
        JsonNode cash = find(supervisor, "improved-daily-cash");
        assertThat(cash.get("title").asString()).isEqualTo("Caja chica mejorada");
        assertThat(cash.get("permission").asString()).isEqualTo("billing:reports");
        JsonNode date = cash.get("parameters").get(0);
        assertThat(date.get("name").asString()).isEqualTo("date");
        assertThat(date.get("type").asString()).isEqualTo("date");
        assertThat(date.get("required").asBoolean()).isTrue();
        assertThat(cash.get("parameters").get(1).get("options").valueStream().map(JsonNode::asString))
                .containsExactly("CASH", "CARD", "TRANSFER", "OTHER");
        assertThat(cash.get("links").get("pdf").asString()).isEqualTo("/api/v1/reports/improved-daily-cash.pdf");

        assertThat(codes(json(http.call("GET", "/api/v1/reports", signIn("admin", "Admin123!"), null))))
                .contains("audit-log", "improved-daily-cash");
        assertThat(codes(json(http.call("GET", "/api/v1/reports", signIn("reception", "Reception123!"), null))))
                .doesNotContain("improved-daily-cash", "daily-paid-tickets", "audit-log");

        var english = http.send(http.request("/api/v1/reports")
                .header("Authorization", "Bearer " + signIn("supervisor", "Supervisor123!"))
                .header("Accept-Language", "en"));
        assertThat(find(json(english), "improved-daily-cash").get("title").asString())
                .isEqualTo("Daily cash report");
    }

    @Test
    void everyFormatOfTheDailyCashReportHasBillingsFigures() throws Exception {
        LocalDate day = paymentsOnADay();
        String supervisor = signIn("supervisor", "Supervisor123!");
        JsonNode billing =
                json(http.call("POST", "/api/v1/reports/improved-daily-cash", supervisor, """
                {"date": "%s"}""".formatted(day)));

        var answered = http.call("GET", "/api/v1/reports/improved-daily-cash.json?date=" + day, supervisor, null);
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
        JsonNode report = json(answered);
        assertThat(report.get("organization").asString()).isNotBlank();
        assertThat(report.get("parameters").get("date").asString()).isEqualTo(day.toString());
        JsonNode methods = report.get("tables").get(0);
        assertThat(methods.get("key").asString()).isEqualTo("methods");
        assertThat(methods.get("rows")).hasSize(billing.get("methods").size());
        for (int i = 0; i < billing.get("methods").size(); i++) {
            JsonNode expected = billing.get("methods").get(i);
            JsonNode row = methods.get("rows").get(i);
            assertThat(row.get("count").asLong())
                    .isEqualTo(expected.get("count").asLong());
            assertThat(row.get("received").asString())
                    .isEqualTo(expected.get("received").asString());
            assertThat(row.get("refunded").asString())
                    .isEqualTo(expected.get("refunded").asString());
            assertThat(row.get("net").asString()).isEqualTo(expected.get("net").asString());
        }
        JsonNode total = methods.get("totals").get(0);
        assertThat(total.get("received").asString())
                .isEqualTo(billing.get("totals").get(0).get("received").asString());
        assertThat(total.get("received").asString()).isEqualTo("102.75");
        assertThat(total.get("net").asString()).isEqualTo("100.75");
        assertThat(report.get("chart").get("labels")).hasSize(4);
        assertThat(summary(report, "open_tills").asLong())
                .isEqualTo(billing.get("open_tills").asLong());

        // CSV: UTF-8 with a BOM, one record per method and the totals; the same figures.
        var csv = get("/api/v1/reports/improved-daily-cash.csv?date=" + day, supervisor, Map.of());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(csv.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"improved-daily-cash-" + day + ".csv\"");
        byte[] bytes = csv.body();
        assertThat(new byte[] {bytes[0], bytes[1], bytes[2]}).containsExactly(0xEF, 0xBB, 0xBF);
        List<CSVRecord> records = csvRecords(bytes, ',');
        assertThat(records.get(0).get(0)).isEqualTo("Dinero por medio de pago");
        assertThat(records.get(1).values())
                .containsExactly("Método", "Moneda", "Pagos", "Recibido", "Devuelto", "Neto");
        CSVRecord cash = records.get(2);
        assertThat(cash.get(0)).isEqualTo("Efectivo");
        assertThat(cash.get(3))
                .isEqualTo(billing.get("methods").get(0).get("received").asString());
        CSVRecord totals = records.get(2 + billing.get("methods").size());
        assertThat(totals.get(0)).isEqualTo("Total");
        assertThat(totals.get(3)).isEqualTo("102.75");
        assertThat(totals.get(5)).isEqualTo("100.75");

        // With ; (Excel in Spanish): decimals take a comma.
        var semicolon =
                get("/api/v1/reports/improved-daily-cash.csv?separator=semicolon&date=" + day, supervisor, Map.of());
        List<CSVRecord> spanish = csvRecords(semicolon.body(), ';');
        assertThat(spanish.get(1).size()).isEqualTo(6);
        assertThat(spanish.get(2 + billing.get("methods").size()).get(3)).isEqualTo("102,75");

        // Excel: typed cells with the same figures, the header row first.
        var xlsx = get("/api/v1/reports/improved-daily-cash.xlsx?date=" + day, supervisor, Map.of());
        assertThat(xlsx.headers().firstValue("Content-Type"))
                .hasValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        try (var workbook = new ReadableWorkbook(
                new ByteArrayInputStream(xlsx.body()), new org.dhatim.fastexcel.reader.ReadingOptions(true, false))) {
            var sheets = workbook.getSheets().toList();
            assertThat(sheets).extracting(s -> s.getName()).contains("Dinero por medio de pago", "Informe");
            List<Row> rows = sheets.getFirst().read();
            assertThat(rows.get(0).getCell(0).asString()).isEqualTo("Método");
            assertThat(rows.get(1).getCell(3).asNumber())
                    .isEqualByComparingTo(
                            billing.get("methods").get(0).get("received").asString());
            Row sums = rows.get(1 + billing.get("methods").size());
            assertThat(sums.getCell(0).asString()).isEqualTo("Total");
            assertThat(sums.getCell(2).asNumber()).isEqualByComparingTo("5");
            assertThat(sums.getCell(3).asNumber()).isEqualByComparingTo("102.75");
            assertThat(sums.getCell(5).asNumber()).isEqualByComparingTo("100.75");
            assertThat(rows.get(1).getCell(3).getDataFormatString()).contains("$");
        }

        // PDF: the organization, the title, the day, the totals as the pages write them, page numbers.
        var pdf = get("/api/v1/reports/improved-daily-cash.pdf?date=" + day, supervisor, Map.of());
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        String text = pdfText(pdf.body());
        Formats formats = Formats.of(Locale.of("es"), ZoneId.of("America/Bogota"), "COP");
        assertThat(text)
                .contains(report.get("organization").asString())
                .contains("Caja chica mejorada")
                .contains(formats.date(day))
                .contains(plain(formats.money(new BigDecimal("102.75"))))
                .contains(plain(formats.money(new BigDecimal("100.75"))))
                .contains("Página 1 /");
        // Drawn by another renderer (poppler), the page is not blank.
        PdfPages.assertDrawn(pdf.body());
    }

    @Test
    void seed003sExportPathsAnswerTheFileWithItsName() throws Exception {
        LocalDate day = paymentsOnADay();
        String supervisor = signIn("supervisor", "Supervisor123!");
        var pdf = get("/api/v1/exports/pdf/caja-chica-mejorada?date=" + day, supervisor, Map.of());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(pdf.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"improved-daily-cash-" + day + ".pdf\"");
        assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        var excel = get("/api/v1/exports/excel/caja-chica-mejorada?date=" + day, supervisor, Map.of());
        assertThat(excel.statusCode()).isEqualTo(200);
        assertThat(excel.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"improved-daily-cash-" + day + ".xlsx\"");
        try (var workbook = new ReadableWorkbook(new ByteArrayInputStream(excel.body()))) {
            assertThat(workbook.getFirstSheet().read()).hasSizeGreaterThan(2);
        }
        // The English reader gets the English file.
        var english =
                get("/api/v1/exports/pdf/caja-chica-mejorada?date=" + day, supervisor, Map.of("Accept-Language", "en"));
        assertThat(pdfText(english.body())).contains("Daily cash report").contains("Page 1 /");
    }

    @Test
    void thePaidTicketsReportListsEveryReceiptInEveryFormat() throws Exception {
        LocalDate day = paymentsOnADay();
        String supervisor = signIn("supervisor", "Supervisor123!");
        JsonNode billing =
                json(http.call("POST", "/api/v1/reports/daily-paid-tickets", supervisor, """
                {"date": "%s"}""".formatted(day)));
        JsonNode report =
                json(http.call("GET", "/api/v1/reports/daily-paid-tickets.json?date=" + day, supervisor, null));
        JsonNode table = report.get("tables").get(0);
        assertThat(table.get("rows")).hasSize(billing.get("tickets").size()).hasSize(5);
        assertThat(table.get("rows")
                        .valueStream()
                        .map(r -> r.get("receipt_number").asLong()))
                .containsExactlyElementsOf(billing.get("tickets")
                        .valueStream()
                        .map(t -> t.get("receipt_number").asLong())
                        .toList());
        assertThat(table.get("totals").get(0).get("amount").asString())
                .isEqualTo(billing.get("totals").get(0).get("received").asString());

        List<CSVRecord> csv = csvRecords(
                get("/api/v1/reports/daily-paid-tickets.csv?date=" + day, supervisor, Map.of())
                        .body(),
                ',');
        assertThat(csv)
                .as("header, 5 receipts, totals, summary title and count")
                .hasSize(1 + 5 + 1 + 2);
        assertThat(csv.get(1).get(0))
                .isEqualTo(table.get("rows").get(0).get("receipt_number").asString());
        assertThat(csv.get(6).get(7)).isEqualTo("102.75");

        try (var workbook = new ReadableWorkbook(new ByteArrayInputStream(
                get("/api/v1/reports/daily-paid-tickets.xlsx?date=" + day, supervisor, Map.of())
                        .body()))) {
            List<Row> rows = workbook.getFirstSheet().read();
            assertThat(rows).hasSize(1 + 5 + 1);
            assertThat(rows.get(1).getCell(1).asDate().toLocalDate()).isEqualTo(day);
            assertThat(rows.get(6).getCell(7).asNumber()).isEqualByComparingTo("102.75");
        }
        String text = pdfText(get("/api/v1/reports/daily-paid-tickets.pdf?date=" + day, supervisor, Map.of())
                .body());
        assertThat(text)
                .contains(plain(Formats.of(Locale.of("es"), ZoneId.of("America/Bogota"), "COP")
                        .money(new BigDecimal("102.75"))));
    }

    @Test
    void theCashReportPageOffersItsDownloadsToASignedInBrowser() throws Exception {
        LocalDate day = paymentsOnADay();
        var browser = PageSession.signIn(http, "demo", "supervisor", "Supervisor123!");
        var page = http.send(browser.request("/billing/reports?date=" + day).GET());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("/reports/improved-daily-cash.pdf?date=" + day)
                .contains("/reports/improved-daily-cash.xlsx?date=" + day)
                .contains("/reports/daily-paid-tickets.csv?date=" + day);
        var pdf = raw.send(
                browser.request("/reports/improved-daily-cash.pdf?date=" + day)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"improved-daily-cash-" + day + ".pdf\"");
        assertThat(pdfText(pdf.body()))
                .contains(plain(Formats.of(Locale.of("es"), ZoneId.of("America/Bogota"), "COP")
                        .money(new BigDecimal("100.75"))));
        var reception = PageSession.signIn(http, "demo", "reception", "Reception123!");
        assertThat(http.send(reception
                                .request("/reports/improved-daily-cash.pdf?date=" + day)
                                .GET())
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void badParametersAreRefusedEachByName() {
        String supervisor = signIn("supervisor", "Supervisor123!");
        JsonNode missing = assertProblem(
                http.call("GET", "/api/v1/reports/improved-daily-cash.json", supervisor, null),
                422,
                "VALIDATION_FAILED");
        assertThat(missing.get("errors").get(0).get("field").asString()).isEqualTo("date");
        JsonNode wrong = assertProblem(
                http.call(
                        "GET",
                        "/api/v1/reports/improved-daily-cash.csv?date=2041-02-30&payment_methods=CASH,GOLD&dte=x",
                        supervisor,
                        null),
                422,
                "VALIDATION_FAILED");
        assertThat(wrong.get("errors").valueStream().map(e -> e.get("field").asString()))
                .containsExactlyInAnyOrder("date", "payment_methods", "dte");
        assertThat(wrong.get("errors").valueStream().map(e -> e.get("message").asString()))
                .anySatisfy(m -> assertThat(m).contains("GOLD").contains("CASH, CARD"));
        JsonNode separator = assertProblem(
                http.call(
                        "GET",
                        "/api/v1/reports/improved-daily-cash.csv?date=2041-01-01&separator=tab",
                        supervisor,
                        null),
                422,
                "VALIDATION_FAILED");
        assertThat(separator.get("errors").get(0).get("field").asString()).isEqualTo("separator");
        assertProblem(http.call("GET", "/api/v1/reports/no-such-report.json", supervisor, null), 404, "NOT_FOUND");
        assertProblem(
                http.call("GET", "/api/v1/reports/improved-daily-cash.docx?date=2041-01-01", supervisor, null),
                404,
                "NOT_FOUND");
        String admin = signIn("admin", "Admin123!");
        JsonNode range = assertProblem(
                http.call("GET", "/api/v1/reports/audit-log.json?from=2041-02-01&to=2041-01-01", admin, null),
                422,
                "VALIDATION_FAILED");
        assertThat(range.get("errors").get(0).get("field").asString()).isEqualTo("to");
    }

    @Test
    void aReportNeedsItsPermission() {
        String receptionToken = signIn("reception", "Reception123!");
        assertProblem(
                http.call("GET", "/api/v1/reports/improved-daily-cash.json?date=2041-01-01", receptionToken, null),
                403,
                "INSUFFICIENT_PERMISSIONS");
        assertProblem(
                http.call("GET", "/api/v1/exports/pdf/caja-chica-mejorada?date=2041-01-01", receptionToken, null),
                403,
                "INSUFFICIENT_PERMISSIONS");
        assertProblem(
                http.call("GET", "/api/v1/reports/audit-log.csv", signIn("supervisor", "Supervisor123!"), null),
                403,
                "INSUFFICIENT_PERMISSIONS");
    }

    @Test
    void theAuditLogExportStartsWithTheChainsVerificationAndStaysInItsTenant() throws Exception {
        String admin = signIn("admin", "Admin123!");
        JsonNode verified = json(http.call("GET", "/api/v1/audit/verify", admin, null));
        JsonNode report = json(http.call("GET", "/api/v1/reports/audit-log.json", admin, null));
        assertThat(summary(report, "chain_checked").asLong())
                .isGreaterThanOrEqualTo(verified.get("checked").asLong());
        assertThat(summary(report, "chain_valid").asString()).isEqualTo("íntegra");
        JsonNode rows = report.get("tables").get(0).get("rows");
        assertThat(rows.size()).isEqualTo(summary(report, "entries").asInt()).isGreaterThan(0);

        byte[] pdf = get("/api/v1/reports/audit-log.pdf", admin, Map.of()).body();
        try (var reader = new PdfReader(pdf)) {
            String first = new PdfTextExtractor(reader).getTextFromPage(1);
            assertThat(first)
                    .contains("Registro de auditoría")
                    .contains("Cadena de auditoría")
                    .contains("íntegra");
        }
        List<CSVRecord> csv =
                csvRecords(get("/api/v1/reports/audit-log.csv", admin, Map.of()).body(), ',');
        assertThat(csv.get(0).get(0)).isEqualTo("Id");
        assertThat(csv.get(1).get(0)).isEqualTo(rows.get(0).get("id").asString());

        // Another organization's administrator exports only its own entries.
        String slug = "reportes-" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        String root = http.token("platform", "root", "Root123!");
        var created = http.call("POST", "/api/v1/tenants", root, """
                {"slug": "%s", "name": "Vecina Reportes", "admin": {"username": "jefa", "password": "Vecina-Clave-1"}}""".formatted(slug));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String stranger = http.token(slug, "jefa", "Vecina-Clave-1");
        tokens.add(stranger);
        JsonNode theirs = json(http.call("GET", "/api/v1/reports/audit-log.json", stranger, null));
        assertThat(theirs.get("organization").asString()).isEqualTo("Vecina Reportes");
        List<Long> demoIds = rows.valueStream().map(r -> r.get("id").asLong()).toList();
        assertThat(theirs.get("tables")
                        .get(0)
                        .get("rows")
                        .valueStream()
                        .map(r -> r.get("id").asLong()))
                .doesNotContainAnyElementsOf(demoIds);
        JsonNode cash = json(
                http.call("GET", "/api/v1/reports/improved-daily-cash.json?date=" + LocalDate.now(), stranger, null));
        assertThat(cash.get("tables").get(0).get("totals").get(0).get("count").asLong())
                .isZero();
    }

    /** 120 entries of one action: the PDF runs over pages, each repeating the header and numbered n / total. */
    @Test
    void aLongTableRunsOverPagesRepeatingItsHeader() throws Exception {
        String action = "reporting.test." + UUID.randomUUID();
        List<io.turno.audit.AuditEntry> entries = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            entries.add(new io.turno.audit.AuditEntry(
                    demo,
                    reception.userId(),
                    "reception",
                    action,
                    "report_test",
                    Integer.toString(i),
                    Map.of("n", i),
                    null));
        }
        TenantScope.run(demo, () -> transactions.executeWithoutResult(status -> audit.recordAll(entries)));
        String admin = signIn("admin", "Admin123!");
        byte[] pdf = get("/api/v1/reports/audit-log.pdf?action=" + action, admin, Map.of())
                .body();
        try (var reader = new PdfReader(pdf)) {
            int pages = reader.getNumberOfPages();
            assertThat(pages).isGreaterThanOrEqualTo(2);
            var extractor = new PdfTextExtractor(reader);
            for (int page = 1; page <= pages; page++) {
                String text = plain(extractor.getTextFromPage(page));
                assertThat(text).as("page " + page).contains("Acción").contains("Página " + page + " /");
            }
            // Newest first: the last page ends with the first entry written (entity id 0).
            assertThat(plain(extractor.getTextFromPage(pages))).contains("report_test 0 {\"n\":0}");
            PdfPages.assertDrawn(pdf);
        }
        List<CSVRecord> csv = csvRecords(
                get("/api/v1/reports/audit-log.csv?action=" + action, admin, Map.of())
                        .body(),
                ',');
        assertThat(csv.stream().filter(r -> r.size() > 3 && r.get(3).equals(action)))
                .hasSize(120);
    }

    // --- helpers

    /** Five payments (102.75 received, 2.00 refunded) on a day far from every other test's. */
    private LocalDate paymentsOnADay() {
        LocalDate day = LocalDate.of(
                2042,
                1 + ThreadLocalRandom.current().nextInt(12),
                1 + ThreadLocalRandom.current().nextInt(28));
        UUID customer = customer();
        UUID first = pay(day, LocalTime.of(8, 0), customer, "20.00", PaymentMethod.CASH);
        pay(day, LocalTime.of(9, 0), customer, "30.00", PaymentMethod.CARD);
        pay(day, LocalTime.of(10, 0), customer, "40.50", PaymentMethod.TRANSFER);
        pay(day, LocalTime.of(12, 0), customer, "5.25", PaymentMethod.CASH);
        pay(day, LocalTime.of(23, 59), customer, "7.00", PaymentMethod.OTHER);
        clock.reset();
        String supervisor = signIn("supervisor", "Supervisor123!");
        var refunded = http.call("POST", "/api/v1/payments/" + first + "/refunds", supervisor, """
                {"amount": "2.00", "reason": "cobro de más"}""");
        assertThat(refunded.statusCode()).as(refunded.body()).isEqualTo(200);
        owner.sql("UPDATE billing_refunds SET refunded_at = :at WHERE payment_id = :p")
                .param(
                        "at",
                        java.sql.Timestamp.from(day.atTime(13, 0)
                                .atZone(ZoneId.of("America/Bogota"))
                                .toInstant()))
                .param("p", first)
                .update();
        return day;
    }

    private UUID pay(LocalDate date, LocalTime time, UUID customer, String amount, PaymentMethod method) {
        Instant at = date.atTime(time).atZone(ZoneId.of("America/Bogota")).toInstant();
        clock.advance(Duration.between(clock.instant(), at));
        return TenantScope.call(
                        demo,
                        () -> payments.charge(
                                demo,
                                new ChargeRequest(
                                        null, customer, new BigDecimal(amount), null, method, null, null, null),
                                reception))
                .payment()
                .id();
    }

    private UUID customer() {
        String number = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L));
        return TenantScope.call(
                        demo,
                        () -> customers.findOrCreate(
                                demo, new NewCustomer("CC", number, "Paciente " + number), reception))
                .id();
    }

    private String signIn(String username, String password) {
        String token = http.demoToken(username, password);
        tokens.add(token);
        return token;
    }

    private HttpResponse<byte[]> get(String path, String token, Map<String, String> headers)
            throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token);
        headers.forEach(request::header);
        var response = raw.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode())
                .as(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        return response;
    }

    private static List<CSVRecord> csvRecords(byte[] bytes, char separator) throws IOException {
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF");
        return CSVFormat.DEFAULT
                .builder()
                .setDelimiter(separator)
                .get()
                .parse(new StringReader(text.substring(1)))
                .getRecords();
    }

    private static String pdfText(byte[] pdf) throws IOException {
        try (var reader = new PdfReader(pdf)) {
            var extractor = new PdfTextExtractor(reader);
            var text = new StringBuilder();
            for (int page = 1; page <= reader.getNumberOfPages(); page++) {
                text.append(extractor.getTextFromPage(page)).append('\n');
            }
            return plain(text.toString());
        }
    }

    /** Spaces as text extraction gives them back: a no-break space is a space. */
    private static String plain(String text) {
        return text.replace('\u00a0', ' ').replace('\u202f', ' ').replaceAll(" {2,}", " ");
    }

    private static List<String> codes(JsonNode catalog) {
        return catalog.get("items")
                .valueStream()
                .map(r -> r.get("code").asString())
                .toList();
    }

    private static JsonNode find(JsonNode catalog, String code) {
        return catalog.get("items")
                .valueStream()
                .filter(r -> r.get("code").asString().equals(code))
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
