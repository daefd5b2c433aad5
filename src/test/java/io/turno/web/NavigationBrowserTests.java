package io.turno.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.turno.SignedIn;
import io.turno.TestHttp;
import io.turno.TurnoTest;
import io.turno.scheduling.SchedulingFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The menu and the page's width in a real browser: sections by what people do, one button on a
 * phone, the page a person is on marked, and no page wider than a 390 px screen.
 */
@TurnoTest
class NavigationBrowserTests {

    @RegisterExtension
    final HeadlessChromium chromium = new HeadlessChromium();

    @RegisterExtension
    final SignedIn signedIn = new SignedIn();

    @LocalServerPort
    int port;

    private static final List<String> ADMIN_SECTIONS =
            List.of("Atención", "Clínica", "Caja", "Comunicaciones", "Administración");

    @Test
    void onAPhoneTheAdminsMenuIsOneButtonAndTheContentStartsAtOnce() {
        Page page = chromium.signIn(chromium.context(phone()), "admin", "Admin123!");
        Locator toggle = page.locator("#menu-toggle");
        Locator menu = page.locator("#site-menu");

        assertThat(toggle).isVisible();
        assertThat(toggle).hasAttribute("aria-expanded", "false");
        assertThat(toggle).hasAttribute("aria-controls", "site-menu");
        assertThat(menu).isHidden();
        assertThat(page.locator("header").boundingBox().height)
                .as("the top bar is one line")
                .isLessThan(64);
        assertThat(page.locator("main").boundingBox().y)
                .as("the content starts right under the bar")
                .isLessThanOrEqualTo(120);
        assertNoHorizontalOverflow(page);

        toggle.click();
        assertThat(toggle).hasAttribute("aria-expanded", "true");
        assertThat(menu).isVisible();
        for (String section : ADMIN_SECTIONS) {
            assertThat(menu.locator("summary", new Locator.LocatorOptions().setHasText(section)))
                    .isVisible();
        }
        assertThat(menu.locator("a[href='/production']")).hasText("Planta");
        assertNoHorizontalOverflow(page);

        // By keyboard: Escape closes the menu and gives the focus back to the button, Enter opens it.
        page.keyboard().press("Escape");
        assertThat(toggle).hasAttribute("aria-expanded", "false");
        assertThat(menu).isHidden();
        assertThat(toggle).isFocused();
        page.keyboard().press("Enter");
        assertThat(menu).isVisible();

        HeadlessChromium.followMenu(page, "/users");
        page.waitForURL(chromium.base() + "/users");
        assertThat(menu).isHidden();
        toggle.click();
        assertThat(menu.locator("details.current summary")).hasText("Administración");
        assertThat(menu.locator("a[aria-current=page]")).hasAttribute("href", "/users");
        assertThat(menu.locator("a[aria-current=page]")).isVisible();
    }

    @Test
    void onAWideScreenTheSectionsAreDropDownsAndThePageIsMarked() {
        Page page = chromium.signIn(chromium.context(wide()), "admin", "Admin123!");
        Locator menu = page.locator("#site-menu");
        assertThat(page.locator("#menu-toggle")).isHidden();
        assertThat(menu).isVisible();
        assertThat(page.locator("header").boundingBox().height)
                .as("the admin's menu is one row")
                .isLessThan(70);
        assertThat(menu.locator("a[href='/queueing/desks']")).isHidden();

        page.navigate("/queueing/desks");
        Locator service = menu.locator("details", new Locator.LocatorOptions().setHasText("Atención"));
        assertThat(service).hasClass("nav-menu current");
        assertThat(service.locator("summary")).hasCSS("text-decoration-line", "underline");
        service.locator("summary").click();
        assertThat(service.locator("a[aria-current=page]")).hasText("Configurar ventanillas");
        assertThat(service.locator("a[href='/desk']")).hasText("Atender en ventanilla");
        assertThat(service.locator("a[aria-current=page]")).hasCSS("font-weight", "600");
        assertNoHorizontalOverflow(page);

        // One section open at a time, Escape folds it, and so does a click elsewhere.
        Locator cash = menu.locator("details", new Locator.LocatorOptions().setHasText("Caja"));
        cash.locator("summary").click();
        assertThat(service).not().hasAttribute("open", "");
        assertThat(cash.locator("a[href='/billing/payments']")).isVisible();
        page.keyboard().press("Escape");
        assertThat(cash.locator("a[href='/billing/payments']")).isHidden();
        assertThat(cash.locator("summary")).isFocused();
        cash.locator("summary").click();
        page.locator("main h1").click();
        assertThat(cash.locator("a[href='/billing/payments']")).isHidden();

        // A page under an entry marks that entry and its section.
        page.navigate("/billing/payments/new");
        assertThat(cash).hasClass("nav-menu current");
        assertThat(cash.locator("a[href='/billing/payments']")).hasAttribute("aria-current", "true");
        assertThat(menu.locator("[aria-current=page]")).hasCount(0);

        // The person's own pages are a menu under their name.
        Locator account = menu.locator(".nav-account details");
        assertThat(account.locator("summary")).hasText("Demo Administrador");
        account.locator("summary").click();
        assertThat(account.locator("a[href='/profile']")).isVisible();
        assertNoHorizontalOverflow(page);

        page.navigate("/?lang=en");
        assertThat(menu.locator("summary"))
                .containsText(new String[] {"Service", "Clinic", "Billing", "Communications", "Administration"});
        assertThat(menu.locator("a[href='/']")).hasAttribute("aria-current", "page");
    }

    @Test
    void aReceptionistSeesOnlyTheSectionsOfTheirWork() {
        Page page = chromium.signIn(chromium.context(wide()), "reception", "Reception123!");
        Locator menu = page.locator("#site-menu");
        String sections =
                String.join("|", menu.locator("summary, .nav-bar > li > a").allTextContents());
        assertThat(sections).contains("Atención", "Caja").doesNotContain("Planta", "Administración");
        assertThat(menu.locator("a[href='/production'], a[href='/users'], a[href='/roles'], a[href='/audit']"))
                .hasCount(0);
    }

    @Test
    void aNoteOfOneLongWordWrapsInsteadOfWideningTheAppointment() {
        var http = new TestHttp(port);
        String admin = signedIn.demo("admin", "Admin123!");
        var practice = new SchedulingFixture(http, admin, "America/Bogota", 30);
        UUID appointment = practice.bookAppointment(admin, practice.customer(), 3, "09:00");
        String note = "x".repeat(300);
        var noted = http.call("PUT", "/api/v1/appointments/" + appointment, admin, "{\"notes\": \"" + note + "\"}");
        assertThat(noted.statusCode()).as(noted.body()).isEqualTo(200);

        Page page = chromium.signIn(chromium.context(phone()), "admin", "Admin123!");
        page.navigate("/appointments/" + appointment);
        assertThat(page.locator("main")).containsText(note.substring(0, 20));
        assertNoHorizontalOverflow(page);
        assertThat(page.locator("main td.text").boundingBox().width)
                .as("the note wraps within the screen")
                .isLessThan(390);
        practice.signOut();
    }

    private static Browser.NewContextOptions phone() {
        return new Browser.NewContextOptions()
                .setViewportSize(390, 844)
                .setIsMobile(true)
                .setHasTouch(true);
    }

    private static Browser.NewContextOptions wide() {
        return new Browser.NewContextOptions().setViewportSize(1366, 768);
    }

    private static void assertNoHorizontalOverflow(Page page) {
        Object width = page.evaluate("document.documentElement.scrollWidth");
        Object screen = page.evaluate("innerWidth");
        assertThat(((Number) width).intValue())
                .as("the width of %s on a %s px screen", page.url(), screen)
                .isLessThanOrEqualTo(((Number) screen).intValue());
    }
}
