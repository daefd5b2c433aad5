package io.turno.dashboards;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import io.turno.TurnoTest;
import io.turno.web.HeadlessChromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The home page draws the signed-in user's dashboard: cards, tables and Chart.js charts, on a phone too. */
@TurnoTest
class DashboardPageBrowserTests {

    @RegisterExtension
    final HeadlessChromium chromium = new HeadlessChromium();

    @Test
    void aReceptionistSeesTheirDashboardWithItsChartDrawn() {
        Page page = chromium.signIn("reception", "Reception123!");
        assertThat(page.locator("#dashboard")).hasAttribute("aria-busy", "false");
        assertThat(page.locator(".dash-widget[data-widget=waiting_now] h2")).hasText("En espera por cola");
        assertThat(page.locator(".dash-widget[data-widget=appointments_today] .dash-kpi"))
                .not()
                .hasCount(0);
        assertThat(page.locator(".dash-widget[data-widget=upcoming_appointments] table"))
                .isVisible();
        assertThat(page.evaluate("Chart.getChart(document.querySelector('[data-widget=waiting_now] canvas')) != null"))
                .isEqualTo(true);
        // billing:reports is not the receptionist's.
        assertThat(page.locator(".dash-widget[data-widget=income_by_method]")).hasCount(0);
        chromium.assertNoErrors();
    }

    @Test
    void aSupervisorsDashboardFitsAPhoneInEnglish() {
        Page page = chromium.signIn(
                chromium.context(new Browser.NewContextOptions()
                        .setViewportSize(390, 844)
                        .setLocale("en-US")),
                "supervisor",
                "Supervisor123!");
        page.navigate("/?lang=en");
        assertThat(page.locator("#dashboard")).hasAttribute("aria-busy", "false");
        assertThat(page.locator(".dash-widget[data-widget=waiting_now] h2")).hasText("Waiting now per queue");
        assertThat(page.locator(".dash-widget")).not().hasCount(0);
        assertThat(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))
                .as("nothing wider than the phone")
                .isEqualTo(true);
        chromium.assertNoErrors();
    }
}
