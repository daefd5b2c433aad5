package io.turno.queueing;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
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
 * A branch's morning in a real browser: the TV board is open, a customer takes a ticket at the
 * kiosk, the receptionist calls it from the desk console, and the board shows it at once without
 * reloading; the customer's phone, signed out, follows along. No page breaks the CSP or logs an
 * error.
 */
@TurnoTest
class QueuePagesBrowserTests {

    @RegisterExtension
    final HeadlessChromium chromium = new HeadlessChromium();

    @LocalServerPort
    int port;

    JdbcClient owner;

    @Autowired
    void ownerConnection(DataSource dataSource) {
        owner = TestDatabase.owner(dataSource);
    }

    @Test
    void aTicketTakenAtTheKioskAndCalledAtTheDeskAppearsOnTheBoardLive() {
        var http = new TestHttp(port);
        var branch = new QueueFixture(owner, "America/Bogota");
        UUID service = QueueFixture.service(
                http,
                http.demoToken("admin", "Admin123!"),
                "NAV-" + UUID.randomUUID().toString().substring(0, 6),
                5);
        UUID queue = branch.queue("A", service);
        UUID desk = branch.desk("Ventanilla 1", List.of(queue), List.of());
        String serviceName = owner.sql("SELECT name FROM catalog_services WHERE id = :id")
                .param("id", service)
                .query(String.class)
                .single();

        BrowserContext staff = chromium.context();
        Page board = chromium.signIn(staff, "reception", "Reception123!");

        // The TV: nothing served yet; its script marks the window so a reload would show.
        board.navigate("/board/" + branch.branch);
        assertThat(board.locator("#serving-empty")).isVisible();
        assertThat(board.locator("#live")).hasClass(java.util.regex.Pattern.compile("\\bon\\b"));
        board.evaluate("window.turnoNotReloaded = true");

        // The kiosk, in another tab of the same signed-in device.
        Page kiosk = chromium.page(staff);
        kiosk.navigate("/kiosk/" + branch.branch);
        kiosk.getByText(serviceName).click();
        kiosk.waitForURL("**/kiosk/" + branch.branch + "/services/" + service);
        assertThat(kiosk.locator("input[name=priorityId][checked]").first()).isChecked();
        kiosk.getByText("Preferencial", new Page.GetByTextOptions().setExact(true))
                .click();
        kiosk.fill("#documentNumber", "12AB");
        kiosk.fill("#fullName", "Rosa Navegador");
        kiosk.click("button.kiosk-submit");
        assertThat(kiosk.locator(".field-error").first()).containsText("no es un documento CC válido");
        assertThat(kiosk.locator("#fullName")).hasValue("Rosa Navegador");
        String document = String.valueOf(10_000_000L + (long) (Math.random() * 80_000_000L));
        kiosk.fill("#documentNumber", document);
        kiosk.click("button.kiosk-submit");
        kiosk.waitForURL("**/kiosk/" + branch.branch + "/ticket");
        assertThat(kiosk.locator("#ticket-number")).hasText("A-001");
        assertThat(kiosk.locator(".qr-box svg.qr")).isVisible();
        String statusUrl = kiosk.locator(".qr-box").getAttribute("data-status-url");
        assertThat(statusUrl).startsWith(chromium.base() + "/t/");

        // The board counted the new ticket as it was issued.
        assertThat(board.locator("#queues .queue-card").first()).containsText("1 en espera");
        assertThat(board.locator("#queues .queue-next li").first()).hasText("A-001");

        // The customer's phone: no session, the page refreshes itself (its clock is the test's to move on).
        BrowserContext phoneBrowser = chromium.context();
        phoneBrowser.clock().install();
        Page phone = chromium.page(phoneBrowser);
        phone.navigate(statusUrl);
        assertThat(phone.locator("#status-number")).hasText("A-001");
        assertThat(phone.locator("#status-state")).hasText("En espera");
        assertThat(phone.locator("body")).not().containsText("Rosa");

        // The desk console calls it.
        Page console = kiosk;
        console.navigate("/desk");
        console.click("a[href='/desk/" + desk + "']");
        console.waitForURL("**/desk/" + desk);
        assertThat(console.locator("#live")).hasClass(java.util.regex.Pattern.compile("\\bon\\b"));
        console.click("#call-next");
        assertThat(console.locator("main .alert.ok")).containsText("Llamado el turno A-001.");
        assertThat(console.locator("#current-number")).hasText("A-001");

        // The board shows it within a moment, highlighted, without reloading.
        Locator latest = board.locator("#serving .serving-item.latest");
        assertThat(latest).containsText("A-001", new LocatorAssertions.ContainsTextOptions().setTimeout(3_000));
        assertThat(latest.locator(".serving-desk")).hasText("Ventanilla 1");
        assertThat(latest).hasClass(java.util.regex.Pattern.compile("\\bblink\\b"));
        assertThat(board.locator("#serving-empty")).isHidden();
        assertThat(board.locator("#queues .queue-card").first()).containsText("0 en espera");
        assertThat(board.evaluate("window.turnoNotReloaded === true")).isEqualTo(true);

        // The phone learns where to go at its next refresh, 10 s on.
        phone.clock().fastForward(10_000);
        assertThat(phone.locator("#status-desk")).hasText("Acércate a Ventanilla 1");

        // A refusal on the console is a notice, not an error page.
        console.click("#call-next");
        assertThat(console.locator("main .alert.error")).containsText("tiene el turno A-001 llamado");
        console.click("#action-complete");
        assertThat(console.locator("main .alert.ok")).containsText("Turno A-001 finalizado.");
        assertThat(board.locator("#serving-empty")).isVisible();
    }

    @Test
    void onA1920By1080TvTheBoardFillsTheScreenWithLargeNumbersAndNoDeskNameWraps() {
        var http = new TestHttp(port);
        String reception = http.demoToken("reception", "Reception123!");
        var branch = new QueueFixture(owner, "America/Bogota");
        UUID service = QueueFixture.service(
                http,
                http.demoToken("admin", "Admin123!"),
                "TV-" + UUID.randomUUID().toString().substring(0, 6),
                5);
        UUID queue = branch.queue("A", service);
        for (String name : List.of("Ventanilla 1", "Ventanilla 2", "Ventanilla 3", "Consultorio de fisioterapia 12")) {
            UUID desk = branch.desk(name, List.of(queue), List.of());
            var issued = http.call("POST", "/api/v1/tickets", reception, """
                    {"branch_id": "%s", "service_id": "%s"}""".formatted(branch.branch, service));
            assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
            var called = http.call("POST", "/api/v1/desks/" + desk + "/call-next", reception, null);
            assertThat(called.statusCode()).as(called.body()).isEqualTo(200);
        }

        Page tv = chromium.signIn(
                chromium.context(new Browser.NewContextOptions().setViewportSize(1920, 1080)),
                "reception",
                "Reception123!");
        tv.navigate("/board/" + branch.branch);
        assertThat(tv.locator("#serving .serving-item")).hasCount(4);

        // The board is the whole screen, without a scrollbar either way.
        assertThat(tv.evaluate("document.querySelector('main.board').getBoundingClientRect().height"))
                .satisfies(height -> assertThat(((Number) height).doubleValue()).isGreaterThanOrEqualTo(1079));
        assertThat(tv.evaluate("document.documentElement.scrollWidth <= innerWidth"))
                .isEqualTo(true);
        // A number is at least 80 px tall: readable from the back of a waiting room.
        for (Object size : (List<?>)
                tv.evaluate(
                        "[...document.querySelectorAll('#serving .serving-number')].map(n => parseFloat(getComputedStyle(n).fontSize))")) {
            assertThat(((Number) size).doubleValue()).isGreaterThanOrEqualTo(80);
        }
        // Every desk name is one line: its box is no taller than its line height.
        for (Object label : (List<?>) tv.evaluate("""
                [...document.querySelectorAll('#serving .serving-desk')].map(d => d.textContent + ': '
                    + (d.getBoundingClientRect().height <= parseFloat(getComputedStyle(d).lineHeight) * 1.2))""")) {
            assertThat((String) label).endsWith(": true");
        }
        http.call("POST", "/api/v1/auth/logout", reception, null);
    }
}
