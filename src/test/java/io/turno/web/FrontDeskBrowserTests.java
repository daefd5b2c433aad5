package io.turno.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SequencedSet;
import java.util.regex.Pattern;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ColorScheme;
import io.turno.SignedIn;
import io.turno.TestHttp;
import io.turno.TurnoTest;
import io.turno.scheduling.SchedulingFixture;
import io.turno.web.PageAudit.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A receptionist's day on a phone (390 px), in a real browser: from the booking form she registers
 * a new patient (a bad document and phone first: each refused next to its field, nothing typed
 * lost), comes back to booking with the patient chosen and books; a second registration with the
 * same document is refused with a link to the patient; she finds the patient by search, moves the
 * appointment from the agenda (no time chosen, then a time just taken: each on the time field), takes its payment
 * (an unreadable amount first) and opens the receipt; and she keeps a therapist's schedule: plan,
 * an exception and time off, each form refusing bad input first. Every page on the way passes axe
 * in the light theme, and again in the dark.
 */
@TurnoTest
class FrontDeskBrowserTests {

    private static final int PHONE = 390;

    @RegisterExtension
    final HeadlessChromium chromium = new HeadlessChromium();

    @RegisterExtension
    final SignedIn signedIn = new SignedIn();

    @LocalServerPort
    int port;

    private final List<Problem> problems = new ArrayList<>();
    private final SequencedSet<String> visited = new LinkedHashSet<>();
    private PageAudit audit;

    @Test
    void aReceptionistRegistersBooksReschedulesTakesAPaymentAndKeepsASchedule() {
        var http = new TestHttp(port);
        String admin = signedIn.demo("admin", "Admin123!");
        var f = new SchedulingFixture(http, admin, "America/Bogota", 45);
        var day = f.day(2);
        var later = f.day(3);
        String document = String.valueOf(4_000_000_000L + (long) (Math.random() * 5_000_000_000L));

        BrowserContext light = context(ColorScheme.LIGHT);
        Page page = chromium.signIn(light, "reception", "Reception123!");
        audit = new PageAudit(light, page, new PageAudit.Timings(), null, new HashSet<>());
        page.setViewportSize(PHONE, 844);

        // From booking to registering a new patient; a bad document and phone come back on their fields.
        open(page, "/appointments/new?therapist=" + f.practitioner + "&service=" + f.service + "&date=" + day);
        page.click("#register-patient");
        page.waitForURL(Pattern.compile(".*/clinical/patients/new\\?booking=true.*"));
        check(page);
        page.fill("#documentNumber", "12AB");
        page.fill("#fullName", "Rosa Recepción");
        page.fill("#phone", "300");
        page.fill("#email", "rosa@example.com");
        page.click("#patient-submit");
        assertThat(page.locator("#error-summary")).isVisible();
        assertThat(page.locator("#documentNumber-error")).containsText("dígitos");
        assertThat(page.locator("#phone-error")).isVisible();
        assertThat(page.locator("#fullName")).hasValue("Rosa Recepción");
        assertThat(page.locator("#email")).hasValue("rosa@example.com");
        assertThat(page.locator("#documentNumber")).hasAttribute("aria-invalid", "true");
        check(page);
        page.fill("#documentNumber", document);
        page.fill("#phone", "+573001112233");
        page.fill("#birthDate", "1990-05-04");
        page.check("#consentGiven1");
        page.fill("#consentGivenBy", "Rosa Recepción");
        page.click("#patient-submit");

        // Back at booking, the patient chosen: pick a time and book.
        page.waitForURL(Pattern.compile(".*/appointments/new\\?.*documentNumber=" + document + ".*"));
        assertThat(page.locator("main .alert.ok")).containsText("Rosa Recepción");
        assertThat(page.locator("#documentNumber")).hasValue(document);
        page.locator("input[name=start][value='" + f.at(day, "08:00") + "']").check();
        page.click("#book-submit");
        page.waitForURL(Pattern.compile(".*/appointments/[0-9a-f-]{36}$"));
        String detail = page.url();
        assertThat(page.locator("#appointment-patient")).hasText("Rosa Recepción");
        check(page);

        // The same document again: refused on its field with a link to the patient, what was typed kept.
        open(page, "/clinical/patients/new");
        page.fill("#documentNumber", document);
        page.fill("#fullName", "Otra Persona");
        page.click("#patient-submit");
        assertThat(page.locator("#documentNumber-error")).containsText("Rosa Recepción");
        assertThat(page.locator("#fullName")).hasValue("Otra Persona");
        assertThat(page.locator("#existing-patient a")).hasAttribute("href", Pattern.compile("/clinical/patients/.+"));
        check(page);

        // Found by search, with the consent recorded.
        open(page, "/clinical/patients?q=" + document);
        assertThat(page.locator("main tbody tr")).hasCount(1);
        assertThat(page.locator("main tbody tr")).containsText("Rosa Recepción");
        page.locator("main tbody a.edit-patient").click();
        page.waitForURL(Pattern.compile(".*/clinical/patients/[0-9a-f-]{36}/edit$"));
        assertThat(page.locator("#consentGiven1")).isChecked();
        check(page);

        // Move it: no time chosen, then a time taken meanwhile, each on the time field; then a free one.
        open(page, "/agenda?therapist=" + f.practitioner + "&date=" + day);
        page.locator("a.reschedule-link").first().click();
        page.waitForURL(Pattern.compile(".*/reschedule$"));
        check(page);
        page.fill("#date", later.toString());
        page.click("#reschedule-see");
        page.waitForURL(Pattern.compile(".*/reschedule\\?date=" + later + ".*"));
        page.fill("#notes", "Trae exámenes");
        page.click("#reschedule-submit");
        assertThat(page.locator("#start-error")).isVisible();
        assertThat(page.locator("#notes")).hasValue("Trae exámenes");
        check(page);
        page.locator("input[name=start][value='" + f.at(later, "08:45") + "']").check();
        f.bookAppointment(admin, f.customer(), 3, "08:45");
        page.click("#reschedule-submit");
        assertThat(page.locator("#start-error")).containsText("ya tiene una cita");
        assertThat(page.locator("#notes")).hasValue("Trae exámenes");
        page.locator("input[name=start][value='" + f.at(later, "09:30") + "']").check();
        page.click("#reschedule-submit");
        page.waitForURL(detail);
        assertThat(page.locator("main .alert.ok")).containsText("09:30");
        assertThat(page.locator("#appointment-time")).containsText("09:30");

        // Take its payment: the form comes filled in; an unreadable amount first.
        page.click("#pay-link");
        page.waitForURL(Pattern.compile(".*/billing/payments/new\\?.*"));
        assertThat(page.locator("#documentNumber")).hasValue(document);
        assertThat(page.locator("#amount")).hasValue("45000.00");
        check(page);
        page.fill("#amount", "cuarenta");
        page.click("main form button[type=submit].primary");
        assertThat(page.locator("#amount-error")).isVisible();
        assertThat(page.locator("#documentNumber")).hasValue(document);
        page.fill("#amount", "45000.00");
        page.click("main form button[type=submit].primary");
        page.waitForURL(Pattern.compile(".*/billing/payments\\?saved$"));
        page.click("#receipt-link");
        page.waitForURL(Pattern.compile(".*/billing/payments/[0-9a-f-]{36}/receipt$"));
        assertThat(page.locator("#receipt-customer")).hasText("Rosa Recepción");
        assertThat(page.locator("#receipt-amount")).containsText("45.000");
        assertThat(page.locator("#print-receipt")).isVisible();
        check(page);
        page.emulateMedia(new Page.EmulateMediaOptions().setMedia(com.microsoft.playwright.options.Media.PRINT));
        assertThat(page.locator("header.topbar")).isHidden();
        assertThat(page.locator("#print-receipt")).isHidden();
        page.emulateMedia(new Page.EmulateMediaOptions().setMedia(com.microsoft.playwright.options.Media.SCREEN));

        // A therapist's schedule: the plan, an exception and time off, each refusing bad input first.
        open(page, "/practitioners");
        page.locator("a.schedule-link[href='/practitioners/" + f.practitioner + "/schedule']")
                .click();
        page.waitForURL(Pattern.compile(".*/practitioners/" + f.practitioner + "/schedule$"));
        check(page);
        page.fill("#hoursMONDAY", "8 a 12");
        page.click("#plan-submit");
        assertThat(page.locator("#hoursMONDAY-error")).isVisible();
        assertThat(page.locator("#hoursMONDAY")).hasValue("8 a 12");
        check(page);
        page.fill("#hoursMONDAY", "08:00-12:00, 13:00-18:00");
        page.click("#plan-submit");
        assertThat(page.locator("main .alert.ok")).isVisible();
        assertThat(page.locator("#hoursMONDAY")).hasValue("08:00-12:00, 13:00-18:00");

        page.fill("#hours", "nueve");
        page.click("#exception-submit");
        assertThat(page.locator("#date-error")).isVisible();
        assertThat(page.locator("#hours-error")).isVisible();
        assertThat(page.locator("#hours")).hasValue("nueve");
        page.fill("#date", f.day(5).toString());
        page.fill("#hours", "");
        page.click("#exception-submit");
        assertThat(page.locator("#exceptions tbody")).containsText("Cerrado");

        page.fill("#start", f.day(6) + "T12:00");
        page.fill("#end", f.day(6) + "T08:00");
        page.fill("#reason", "Curso");
        page.click("#time-off-submit");
        assertThat(page.locator("#end-error")).isVisible();
        assertThat(page.locator("#reason")).hasValue("Curso");
        check(page);
        page.fill("#end", f.day(6) + "T16:00");
        page.click("#time-off-submit");
        assertThat(page.locator("#time-off tbody")).containsText("Curso");

        var schedule = json(http.call("GET", "/api/v1/practitioners/" + f.practitioner + "/schedule", admin, null));
        assertThat(schedule.get("weekly").get("MONDAY").size()).isEqualTo(2);
        assertThat(schedule.get("exceptions").get(0).get("date").asString())
                .isEqualTo(f.day(5).toString());
        assertThat(schedule.get("exceptions").get(0).get("intervals").size()).isZero();
        var timeOff = json(http.call("GET", "/api/v1/practitioners/" + f.practitioner + "/time-off", admin, null));
        assertThat(timeOff.get(0).get("reason").asString()).isEqualTo("Curso");
        // The schedule's permission over the API as on the pages: reception holds it, a viewer does not.
        String course = "{\"start\": \"%sT08:00:00-05:00\", \"end\": \"%sT09:00:00-05:00\", \"reason\": \"API\"}"
                .formatted(f.day(7), f.day(7));
        String timeOffPath = "/api/v1/practitioners/" + f.practitioner + "/time-off";
        assertThat(http.call("POST", timeOffPath, signedIn.demo("viewer", "Viewer123!"), course)
                        .statusCode())
                .isEqualTo(403);
        assertThat(http.call("POST", timeOffPath, signedIn.demo("reception", "Reception123!"), course)
                        .statusCode())
                .isEqualTo(201);
        light.close();

        // The same pages in the dark theme: the colour rules.
        BrowserContext dark = context(ColorScheme.DARK);
        Page night = chromium.signIn(dark, "reception", "Reception123!");
        audit = new PageAudit(dark, night, new PageAudit.Timings(), PageAudit.COLOUR_RULES, new HashSet<>());
        night.setViewportSize(PHONE, 844);
        for (String path : List.copyOf(visited)) {
            open(night, path);
        }
        dark.close();

        assertThat(problems)
                .as("axe, overflow and console problems of the pages on the way")
                .isEmpty();
        chromium.assertNoErrors();
    }

    private BrowserContext context(ColorScheme theme) {
        return chromium.context(new Browser.NewContextOptions().setColorScheme(theme));
    }

    /** Opens {@code path} and checks it; remembers it for the dark theme's pass. */
    private void open(Page page, String path) {
        String at = audit.open(page, path, problems, "reception");
        visited.add(path);
        audit.check(page, problems, "reception", at, PHONE);
        audit.logs(problems, "reception", at);
    }

    /**
     * Checks the page the flow is on (a form as refused, a page reached by a click); a page that can
     * be opened again (not the address of a form that only posts) is remembered for the dark pass.
     */
    private void check(Page page) {
        String at = PageAudit.where(page);
        String url = page.url();
        String path = url.substring(url.indexOf('/', url.indexOf("//") + 2));
        if (!path.endsWith("/exceptions") && !path.endsWith("/time-off")) {
            visited.add(path);
        }
        audit.check(page, problems, "reception", at, PHONE);
        audit.logs(problems, "reception", at);
    }
}
