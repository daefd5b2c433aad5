package io.turno.web;

import java.util.ArrayList;
import java.util.List;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.turno.TurnoTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page shell in a real browser: Debian's headless chromium, driven by Playwright, signs in through
 * the login form, toggles the theme, switches the language, and the pages run their scripts under the
 * Content-Security-Policy without a single console error.
 */
@TurnoTest
class PageShellBrowserTests {

    private static Playwright playwright;
    private static Browser browser;

    @LocalServerPort
    int port;

    BrowserContext context;
    Page page;
    /** Console errors (CSP violations among them) and uncaught exceptions of every page this test opened. */
    final List<String> errors = new ArrayList<>();

    @BeforeAll
    static void launchBrowser() {
        playwright = Playwright.create();
        browser = HeadlessChromium.launch(playwright);
    }

    @AfterAll
    static void closeBrowser() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (playwright != null) {
                playwright.close();
            }
        }
    }

    @BeforeEach
    void openPage() {
        // A Spanish-speaking browser, so that switching to English is something the test can see.
        context = browser.newContext(new Browser.NewContextOptions().setLocale("es-ES").setBaseURL(base()));
        context.setDefaultTimeout(15_000);
        page = context.newPage();
        page.onConsoleMessage(message -> {
            if ("error".equals(message.type())) {
                errors.add(page.url() + ": " + message.text());
            }
        });
        page.onPageError(error -> errors.add(page.url() + ": uncaught " + error));
    }

    @AfterEach
    void closePage() {
        try {
            assertNoConsoleErrors();
        } finally {
            if (context != null) {
                context.close();
            }
        }
    }

    @Test
    void anAdminSignsInThroughTheFormAndTheShellLoadsItsScripts() {
        page.navigate("/login");
        assertScriptsLoaded();
        submitLogin("demo", "admin", "Admin123!");

        assertThat(page.url()).isEqualTo(base() + "/");
        assertThat(page.locator("main h1").textContent()).contains("Demo Administrador");
        assertThat(page.locator("header .who").textContent()).isEqualTo("Demo Administrador");
        assertScriptsLoaded();
    }

    @Test
    void theThemeIsDarkByDefaultAndTheChosenThemeSurvivesAReload() {
        signInAsAdmin();
        assertThat(theme()).isEqualTo("dark");
        String darkBackground = bodyBackground();

        page.click("#theme-toggle");
        assertThat(theme()).isEqualTo("light");
        assertThat(bodyBackground()).isNotEqualTo(darkBackground);
        assertThat(page.evaluate("localStorage.getItem('turno-theme')")).isEqualTo("light");

        page.reload();
        assertThat(theme()).isEqualTo("light");
        assertThat(bodyBackground()).isNotEqualTo(darkBackground);

        page.click("#theme-toggle");
        page.reload();
        assertThat(theme()).isEqualTo("dark");
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
        page.waitForURL(base() + "/");
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
        page.waitForURL(base() + "/");
    }

    private void assertScriptsLoaded() {
        assertThat(page.evaluate("typeof window.htmx")).as("htmx").isEqualTo("object");
        assertThat(page.evaluate("typeof window.Chart")).as("Chart.js").isEqualTo("function");
    }

    private void assertNoConsoleErrors() {
        assertThat(errors).as("console errors and CSP violations").isEmpty();
    }

    private String theme() {
        return page.getAttribute("html", "data-theme");
    }

    private String bodyBackground() {
        return (String) page.evaluate("getComputedStyle(document.body).backgroundColor");
    }

    private String logoutButton() {
        return page.locator("header form button[type=submit]").textContent().strip();
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }
}
