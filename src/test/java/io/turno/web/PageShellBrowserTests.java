package io.turno.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ColorScheme;
import io.turno.TurnoTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The page shell in a real browser: Debian's headless chromium, driven by Playwright, signs in through
 * the login form, follows the system's colour scheme until the user toggles the theme, switches the language, and the pages run their scripts under the
 * Content-Security-Policy without a single console error.
 */
@TurnoTest
class PageShellBrowserTests {

    @RegisterExtension
    final HeadlessChromium chromium = new HeadlessChromium();

    Page page;

    @BeforeEach
    void openPage() {
        // A Spanish-speaking browser, so that switching to English is something the test can see.
        page = chromium.page();
    }

    @Test
    void anAdminSignsInThroughTheFormAndTheShellLoadsItsScripts() {
        page.navigate("/login");
        assertScriptsLoaded();
        submitLogin("demo", "admin", "Admin123!");

        assertThat(page.url()).isEqualTo(chromium.base() + "/");
        assertThat(page.locator("main h1").textContent()).contains("Demo Administrador");
        assertThat(page.locator("header .who").textContent()).isEqualTo("Demo Administrador");
        assertScriptsLoaded();
    }

    @Test
    void withoutAChoiceTheThemeFollowsTheSystemLiveAndAChosenThemeWinsAndSurvivesAReload() {
        page = chromium.page(chromium.context(new Browser.NewContextOptions().setColorScheme(ColorScheme.DARK)));
        signInAsAdmin();
        assertThat(theme()).isEqualTo("dark");
        String darkBackground = bodyBackground();

        page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(ColorScheme.LIGHT));
        awaitTheme("light"); // a live change of the system's scheme
        page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(ColorScheme.DARK));
        awaitTheme("dark");

        page.click("#theme-toggle");
        assertThat(theme()).isEqualTo("light");
        assertThat(bodyBackground()).isNotEqualTo(darkBackground);
        assertThat(page.evaluate("localStorage.getItem('turno-theme')")).isEqualTo("light");

        page.reload();
        assertThat(theme()).as("the choice wins over the dark system").isEqualTo("light");
        assertThat(bodyBackground()).isNotEqualTo(darkBackground);

        page.click("#theme-toggle");
        page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(ColorScheme.LIGHT));
        page.reload();
        assertThat(theme()).as("the choice wins over the light system").isEqualTo("dark");
    }

    @Test
    void withoutAChoiceALightSystemGetsTheLightTheme() {
        page = chromium.page(chromium.context(new Browser.NewContextOptions().setColorScheme(ColorScheme.LIGHT)));
        signInAsAdmin();
        assertThat(theme()).isEqualTo("light");
        assertThat(page.evaluate("localStorage.getItem('turno-theme')")).isNull();
    }

    @Test
    void theEnLinkSwitchesTheShellToEnglishForTheNextPagesToo() {
        signInAsAdmin();
        assertThat(logoutButton()).isEqualTo("Salir");
        assertThat(page.getAttribute("html", "lang")).isEqualTo("es");

        page.click("header a.lang:text-is('EN')");
        page.waitForURL("**/?lang=en");
        assertThat(logoutButton()).isEqualTo("Sign out");
        assertThat(page.getAttribute("html", "lang")).isEqualTo("en");

        // The next page, reached without ?lang, is still in English.
        page.click("header a.brand");
        page.waitForURL(chromium.base() + "/");
        assertThat(logoutButton()).isEqualTo("Sign out");
        assertThat(page.locator("main h1").textContent()).isEqualTo("Hello, Demo Administrador");
    }

    private void signInAsAdmin() {
        page.navigate("/login");
        submitLogin("demo", "admin", "Admin123!");
    }

    private void submitLogin(String tenant, String username, String password) {
        page.fill("input[name=tenant]", tenant);
        page.fill("input[name=username]", username);
        page.fill("input[name=password]", password);
        page.click("main form button[type=submit]");
        page.waitForURL(chromium.base() + "/");
    }

    private void assertScriptsLoaded() {
        assertThat(page.evaluate("typeof window.htmx")).as("htmx").isEqualTo("object");
        assertThat(page.evaluate("typeof window.Chart")).as("Chart.js").isEqualTo("function");
    }

    private String theme() {
        return page.getAttribute("html", "data-theme");
    }

    /** The media-query listener runs as a task after the emulated change, so the test waits for it. */
    private void awaitTheme(String theme) {
        page.waitForFunction("theme => document.documentElement.getAttribute('data-theme') === theme", theme);
    }

    private String bodyBackground() {
        return (String) page.evaluate("getComputedStyle(document.body).backgroundColor");
    }

    private String logoutButton() {
        return page.locator("header form button[type=submit]").textContent().strip();
    }
}
