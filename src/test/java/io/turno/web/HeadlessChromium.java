package io.turno.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Debian's chromium as the browser tests drive it: its headless shell (package chromium-headless-shell,
 * what Playwright launches for headless runs, at about two thirds of the full browser's CPU), offline, never a
 * browser Playwright downloads. Launched once for every browser test of the run, closed at its end. A test registers
 * this extension ({@code @RegisterExtension}) and opens Spanish-speaking browser contexts at its
 * server; after the test, no page may have logged a console error (CSP violations among them) or
 * thrown, and every context is closed. A class that runs beside the suite ({@code AlongsideTheSuite}) takes
 * {@link #alongside()}: a Playwright is not to be shared between threads, so that lane has its own.
 */
public final class HeadlessChromium implements BeforeEachCallback, AfterEachCallback {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium-headless-shell");

    private final String lane;

    private final List<BrowserContext> contexts = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private Browser browser;
    private String base;

    /** The browser of the suite's own thread. */
    public HeadlessChromium() {
        this("suite");
    }

    private HeadlessChromium(String lane) {
        this.lane = lane;
    }

    /** A browser of its own, for the class that runs on the second thread beside the suite. */
    public static HeadlessChromium alongside() {
        return new HeadlessChromium("alongside");
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        browser = context.getRoot()
                .getStore(ExtensionContext.Namespace.create(HeadlessChromium.class))
                .computeIfAbsent(lane, key -> Launched.start(), Launched.class)
                .browser();
        base = "http://127.0.0.1:"
                + SpringExtension.getApplicationContext(context)
                        .getEnvironment()
                        .getRequiredProperty("local.server.port");
        errors.clear();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            assertNoErrors();
        } finally {
            contexts.forEach(BrowserContext::close);
            contexts.clear();
        }
    }

    /** The server's address, which relative URLs of the contexts resolve against. */
    public String base() {
        return base;
    }

    /** A new browser (cookies of its own) speaking Spanish, waiting up to 15 s for what a test expects. */
    public BrowserContext context() {
        return context(new Browser.NewContextOptions());
    }

    /** A new browser with these options, in Spanish at the server unless they say otherwise. */
    public BrowserContext context(Browser.NewContextOptions options) {
        if (options.locale == null) {
            options.setLocale("es-ES");
        }
        BrowserContext context = browser.newContext(options.setBaseURL(base));
        context.setDefaultTimeout(15_000);
        contexts.add(context);
        return context;
    }

    /** A new tab of {@code context} whose console errors and uncaught exceptions fail the test. */
    public Page page(BrowserContext context) {
        Page page = context.newPage();
        page.onConsoleMessage(message -> {
            if ("error".equals(message.type())) {
                errors.add(page.url() + ": " + message.text());
            }
        });
        page.onPageError(error -> errors.add(page.url() + ": uncaught " + error));
        return page;
    }

    /** A tab of a new browser. */
    public Page page() {
        return page(context());
    }

    /** A tab of a new browser, signed in to the demo organization through the login form. */
    public Page signIn(String username, String password) {
        return signIn(context(), username, password);
    }

    /** A tab of {@code context}, signed in to the demo organization through the login form. */
    public Page signIn(BrowserContext context, String username, String password) {
        Page page = page(context);
        page.navigate("/login");
        page.fill("input[name=tenant]", "demo");
        page.fill("input[name=username]", username);
        page.fill("input[name=password]", password);
        page.click("main form button[type=submit]");
        page.waitForURL(base + "/");
        return page;
    }

    /**
     * Clicks the menu's link to {@code path} as a person would: the menu button first on a narrow
     * screen, then the section holding the link.
     */
    public static void followMenu(Page page, String path) {
        Locator toggle = page.locator("#menu-toggle");
        if (toggle.isVisible() && "false".equals(toggle.getAttribute("aria-expanded"))) {
            toggle.click();
        }
        Locator section = page.locator("#site-menu details:has(a[href='" + path + "'])");
        if (section.count() > 0 && !Boolean.TRUE.equals(section.evaluate("menu => menu.open"))) {
            section.locator("summary").click();
        }
        page.locator("#site-menu a[href='" + path + "']").click();
    }

    public void assertNoErrors() {
        assertThat(errors).as("console errors and CSP violations").isEmpty();
    }

    private record Launched(Playwright playwright, Browser browser) implements AutoCloseable {

        static Launched start() {
            Playwright playwright = Playwright.create();
            return new Launched(
                    playwright,
                    playwright
                            .chromium()
                            .launch(new BrowserType.LaunchOptions()
                                    .setExecutablePath(CHROMIUM)
                                    .setHeadless(true)
                                    .setArgs(List.of(
                                            "--no-sandbox",
                                            "--disable-gpu",
                                            "--disable-quic",
                                            "--no-first-run",
                                            "--disable-background-networking",
                                            "--disable-component-update",
                                            "--disable-sync",
                                            // Debian's launcher turns on Google services (API keys, remote extensions),
                                            // so chromium
                                            // still looks up accounts.google.com, clients2.google.com,
                                            // update.googleapis.com and
                                            // content-autofill.googleapis.com despite the flags above: it may resolve
                                            // no host at all.
                                            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"))));
        }

        @Override
        public void close() {
            try {
                browser.close();
            } finally {
                playwright.close();
            }
        }
    }
}
