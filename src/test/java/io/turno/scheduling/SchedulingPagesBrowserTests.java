package io.turno.scheduling;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

import com.microsoft.playwright.Page;
import io.turno.TestHttp;
import io.turno.TurnoTest;
import io.turno.web.HeadlessChromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A day at the practice in a real browser: the receptionist opens a therapist's agenda, clicks a
 * free slot, names the patient and books; the therapist finds it in their own agenda and takes it
 * through to completed. No page breaks the CSP or logs an error.
 */
@TurnoTest
class SchedulingPagesBrowserTests {

    @RegisterExtension
    final HeadlessChromium chromium = new HeadlessChromium();

    @LocalServerPort
    int port;

    @Test
    void aReceptionistBooksFromTheAgendaAndTheTherapistCompletesIt() {
        var http = new TestHttp(port);
        String admin = http.demoToken("admin", "Admin123!");
        var f = new SchedulingFixture(http, admin, "America/Bogota", 45);
        String document = String.valueOf(2_000_000_000L + (long) (Math.random() * 7_000_000_000L));
        var customer = http.call("POST", "/api/v1/customers", admin, """
                {"document_type": "CC", "document_number": "%s", "full_name": "Rosa Agenda"}""".formatted(document));
        assertThat(customer.statusCode()).as(customer.body()).isEqualTo(201);
        var day = f.day(2);

        Page reception = chromium.signIn("reception", "Reception123!");
        reception.navigate("/agenda?therapist=" + f.practitioner + "&date=" + day);
        var slot = reception.locator("a.free-slot").first();
        assertThat(slot).hasAttribute("data-start", f.at(day, "08:00"));
        slot.click();
        reception.waitForURL(Pattern.compile(".*/appointments/new\\?.*"));
        assertThat(reception.locator("input[name=start][value='" + f.at(day, "08:00") + "']"))
                .isChecked();
        reception.selectOption("#documentType", "CC");
        reception.fill("#documentNumber", document);
        reception.click("#book-submit");
        reception.waitForURL(Pattern.compile(".*/appointments/[0-9a-f-]{36}$"));
        assertThat(reception.locator("main .alert.ok")).containsText("Cita reservada a las 08:00");
        assertThat(reception.locator("#appointment-patient")).hasText("Rosa Agenda");
        assertThat(reception.locator("#appointment-status")).hasText("Solicitada");
        String detail = reception.url();

        // The agenda shows it where the free slot was.
        reception.navigate("/agenda?therapist=" + f.practitioner + "&date=" + day);
        assertThat(reception.locator("a.appointment-link").first()).hasText("Rosa Agenda");
        assertThat(reception.locator("a.free-slot[data-start='" + f.at(day, "08:00") + "']"))
                .hasCount(0);

        Page therapist = chromium.signIn(f.therapistUsername, SchedulingFixture.PASSWORD);
        therapist.navigate("/agenda?date=" + day);
        therapist.locator("a.appointment-link").first().click();
        therapist.waitForURL(detail);
        assertThat(therapist.locator("#cancel")).hasCount(0);
        for (String[] move : new String[][] {
            {"CONFIRMED", "Confirmada"},
            {"CHECKED_IN", "En sala"},
            {"IN_PROGRESS", "En curso"},
            {"COMPLETED", "Completada"}
        }) {
            therapist.click("#move-" + move[0]);
            assertThat(therapist.locator("#appointment-status")).hasText(move[1]);
        }
        assertThat(therapist.locator("form button[id^=move-]")).hasCount(0);
        String id = detail.substring(detail.lastIndexOf('/') + 1);
        assertThat(json(http.call("GET", "/api/v1/appointments/" + id, admin, null))
                        .get("status")
                        .asString())
                .isEqualTo("COMPLETED");
        http.call("POST", "/api/v1/auth/logout", admin, null);
    }
}
