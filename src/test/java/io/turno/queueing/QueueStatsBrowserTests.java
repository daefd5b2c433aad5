package io.turno.queueing;

import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

import com.microsoft.playwright.Page;
import io.turno.SignedIn;
import io.turno.TestDatabase;
import io.turno.TestHttp;
import io.turno.TurnoTest;
import io.turno.web.HeadlessChromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A supervisor opens the queue statistics from the menu, picks a branch that served today, and sees
 * its charts drawn with the day's figures and the same figures in the tables beneath them.
 */
@TurnoTest
class QueueStatsBrowserTests {

    @RegisterExtension
    final HeadlessChromium chromium = new HeadlessChromium();

    @RegisterExtension
    final SignedIn signedIn = new SignedIn();

    @LocalServerPort
    int port;

    JdbcClient owner;

    @Autowired
    void ownerConnection(DataSource dataSource) {
        owner = TestDatabase.owner(dataSource);
    }

    @Test
    void aSupervisorSeesTheChartsOfABranchThatServedToday() {
        var http = new TestHttp(port);
        String admin = signedIn.demo("admin", "Admin123!");
        String reception = signedIn.demo("reception", "Reception123!");
        var branch = new QueueFixture(owner, "America/Bogota");
        UUID service = QueueFixture.service(
                http, admin, "ST-" + UUID.randomUUID().toString().substring(0, 8), 10);
        UUID queue = branch.queue("S", service);
        UUID desk = branch.desk("Ventanilla Estadística", List.of(queue), List.of());
        for (int i = 0; i < 2; i++) {
            var issued = http.call("POST", "/api/v1/tickets", reception, """
                    {"branch_id": "%s", "service_id": "%s"}""".formatted(branch.branch, service));
            assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        }
        String served = json(http.call("POST", "/api/v1/desks/" + desk + "/call-next", reception, null))
                .get("id")
                .asString();
        http.call("POST", "/api/v1/tickets/" + served + "/complete", reception, null);
        String absent = json(http.call("POST", "/api/v1/desks/" + desk + "/call-next", reception, null))
                .get("id")
                .asString();
        http.call("POST", "/api/v1/tickets/" + absent + "/no-show", reception, null);

        Page page = chromium.signIn("supervisor", "Supervisor123!");
        HeadlessChromium.followMenu(page, "/queueing/stats");
        page.waitForURL(chromium.base() + "/queueing/stats");
        page.selectOption("#branch", branch.branch.toString());
        page.click("#stats-filters button[type=submit]");
        page.waitForURL("**/queueing/stats?branch=" + branch.branch + "**");

        assertThat(page.locator("#stats-summary").textContent()).contains("2 turnos");
        assertThat(page.locator("#stats-priority tbody").textContent()).contains("General");
        assertThat(page.locator("#stats-desk tbody").textContent()).contains("Ventanilla Estadística");
        page.waitForFunction("() => ['volume-chart', 'priority-chart', 'desk-chart', 'hour-chart']"
                + ".every(id => Chart.getChart(document.getElementById(id)))");
        // The volume chart: two tickets arrived, one of them left without being served.
        var volume = (List<?>) page.evaluate("() => Chart.getChart(document.getElementById('volume-chart'))"
                + ".data.datasets.map(d => d.data.reduce((a, b) => a + b, 0))");
        assertThat(volume.stream().map(String::valueOf).toList()).containsExactly("2", "1");
        assertThat(page.evaluate("() => Chart.getChart(document.getElementById('desk-chart')).data.labels"))
                .asList()
                .contains("Ventanilla Estadística");

        // A span that ends before it starts is refused on the page, and the dates stay as typed.
        page.fill("#from", "2026-03-10");
        page.fill("#to", "2026-03-01");
        page.click("#stats-filters button[type=submit]");
        page.waitForURL("**from=2026-03-10**");
        assertThat(page.locator("#stats-problem").textContent()).contains("posterior");
        assertThat(page.inputValue("#from")).isEqualTo("2026-03-10");
        assertThat(page.inputValue("#to")).isEqualTo("2026-03-01");
        chromium.assertNoErrors();
    }
}
