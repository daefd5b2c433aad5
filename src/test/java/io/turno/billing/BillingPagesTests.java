package io.turno.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.turno.PageSession;
import io.turno.TestHttp;
import io.turno.TurnoTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@TurnoTest
class BillingPagesTests {

    @LocalServerPort
    int port;

    @Test
    void receptionOpensATillTakesAPaymentAndClosesWithTheDifferenceASupervisorReadsTheReports() {
        var http = new TestHttp(port);
        String reception = http.demoToken("reception", "Reception123!");
        String number = Long.toString(ThreadLocalRandom.current().nextLong(10_000_000L, 99_999_999L));
        http.call("POST", "/api/v1/customers", reception, """
                {"document_type": "CC", "document_number": "%s", "full_name": "Cliente Caja"}""".formatted(number));
        String till = "Caja " + UUID.randomUUID().toString().substring(0, 6);

        var desk = PageSession.signIn(http, "demo", "reception", "Reception123!");
        var cash = desk.submit("/billing/cash/open", "till", till, "openingBalance", "50000");
        // The demo organization counts in pesos: Spanish reads them as in Colombia, English with their code.
        assertThat(cash.body()).contains(till, "$\u00a050.000");
        assertThat(desk.inEnglish().get("/billing/cash").body()).contains(till, "COP\u00a050,000");
        // The till the user opened is already chosen in a new payment.
        assertThat(desk.get("/billing/payments/new").body())
                .containsPattern("<option value=\"" + java.util.regex.Pattern.quote(till) + "\" selected=\"selected\"");
        var unknown = desk.post(
                "/billing/payments",
                "documentType",
                "CC",
                "documentNumber",
                "999",
                "method",
                "CASH",
                "amount",
                "1000",
                "till",
                till);
        assertThat(unknown.statusCode()).isEqualTo(200);
        assertThat(unknown.body()).contains("No hay un cliente registrado con ese documento.");
        var paid = desk.submit(
                "/billing/payments",
                "documentType",
                "CC",
                "documentNumber",
                number,
                "concept",
                "Sesión de terapia",
                "method",
                "CASH",
                "amount",
                "20000",
                "till",
                till);
        assertThat(paid.body()).contains("id=\"receipt\"", " por $\u00a020.000.", "Sesión de terapia");
        cashReportOfTheDayWithAnOpenTillIsTheTillsFigures(http, till);

        String session = PageSession.find(desk.get("/billing/cash").body(), "/billing/cash/([0-9a-f-]{36})/close");
        var closed = desk.submit("/billing/cash/" + session + "/close", "countedCash", "69500", "notes", "");
        assertThat(PageSession.find(
                        closed.body(),
                        java.util.regex.Pattern.quote(till) + "</td>.*?<td class=\"difference[^\"]*\">([^<]+)</td>"))
                .isEqualTo("-$\u00a0500");

        var supervisor = PageSession.signIn(http, "demo", "supervisor", "Supervisor123!");
        var reports = supervisor.get("/billing/reports");
        assertThat(reports.statusCode()).isEqualTo(200);
        assertThat(reports.body())
                .contains("id=\"daily-cash\"", "id=\"paid-tickets\"", "Sesión de terapia", "$\u00a020.000");
        assertThat(desk.get("/billing/reports").statusCode()).isEqualTo(403);
        http.call("POST", "/api/v1/auth/logout", reception, null);
    }

    /** While a till is open the report's expected cash is the tills' running figure, counted cash is pending. */
    private static void cashReportOfTheDayWithAnOpenTillIsTheTillsFigures(TestHttp http, String till) {
        String supervisor = http.demoToken("supervisor", "Supervisor123!");
        String day = LocalDate.now(ZoneId.of("America/Bogota")).toString();
        JsonNode tills =
                TestHttp.json(http.call("GET", "/api/v1/cash-sessions?size=200&date=" + day, supervisor, null));
        BigDecimal expected = BigDecimal.ZERO;
        for (JsonNode s : tills.get("items")) {
            expected = expected.add(new BigDecimal(s.get("expected_cash").asString()));
        }
        assertThat(tills.get("items").valueStream().map(s -> s.get("till").asString()))
                .contains(till);
        JsonNode report = TestHttp.json(http.call(
                "POST", "/api/v1/reports/improved-daily-cash", supervisor, "{\"date\": \"%s\"}".formatted(day)));
        assertThat(new BigDecimal(report.get("expected_cash").asString())).isEqualByComparingTo(expected);
        assertThat(report.get("open_tills").asLong()).isPositive();
        assertThat(report.path("counted_cash").isNull()
                        || report.path("counted_cash").isMissingNode())
                .as("nothing counted yet, not 0")
                .isTrue();
        assertThat(report.path("difference").isNull()
                        || report.path("difference").isMissingNode())
                .isTrue();

        var page =
                PageSession.signIn(http, "demo", "supervisor", "Supervisor123!").get("/billing/reports");
        assertThat(page.body())
                .containsPattern("id=\"counted-cash\">pendiente \\(\\d+ cajas? abiertas?\\)<")
                .containsPattern("id=\"cash-difference\">pendiente");
        http.call("POST", "/api/v1/auth/logout", supervisor, null);
    }
}
