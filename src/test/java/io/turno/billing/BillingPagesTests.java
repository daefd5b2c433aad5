package io.turno.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.turno.PageSession;
import io.turno.TestHttp;
import io.turno.TurnoTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

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
        assertThat(desk.get("/billing/payments/new").body()).contains(till);
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
}
