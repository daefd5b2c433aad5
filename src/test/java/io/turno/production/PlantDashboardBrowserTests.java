package io.turno.production;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.turno.TestHttp;
import io.turno.web.HeadlessChromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The plant dashboard in a real browser: choosing another line redraws the charts and cards with its data. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PlantDashboardBrowserTests {

    private static Playwright playwright;
    private static Browser browser;

    @LocalServerPort
    int port;

    final List<BrowserContext> contexts = new ArrayList<>();
    final List<String> errors = new ArrayList<>();
    final List<String> tokens = new ArrayList<>();

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

    @AfterEach
    void close() {
        TestHttp http = new TestHttp(port);
        tokens.forEach(token -> http.call("POST", "/api/v1/auth/logout", token, null));
        try {
            assertThat(errors).as("console errors and CSP violations").isEmpty();
        } finally {
            contexts.forEach(BrowserContext::close);
        }
    }

    @Test
    void changingTheLineFilterRedrawsTheCharts() {
        TestHttp http = new TestHttp(port);
        String admin = http.demoToken("admin", "Admin123!");
        String operator = http.demoToken("operator", "Operator123!");
        tokens.add(admin);
        tokens.add(operator);
        String product = unique("PD");
        assertThat(http.call("POST", "/api/v1/production/products", admin, """
                {"code": "%s", "name": "Tarro", "ideal_cycle_seconds": 2}""".formatted(product)).statusCode()).isEqualTo(201);
        String busy = line(http, admin, "AAA");
        String quiet = line(http, admin, "AAB");
        Instant at = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(3, ChronoUnit.HOURS);
        ingest(http, operator, busy, product, at, 30);
        ingest(http, operator, quiet, product, at, 5);
        String busyId = json(http.call("GET", "/api/v1/production/lines?size=200", admin, null)).get("items").valueStream()
                .filter(l -> l.get("code").asString().equals(busy)).findFirst().orElseThrow().get("id").asString();

        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setLocale("es-ES")
                .setBaseURL("http://127.0.0.1:" + port));
        context.setDefaultTimeout(15_000);
        contexts.add(context);
        Page page = context.newPage();
        page.onConsoleMessage(message -> {
            if ("error".equals(message.type())) {
                errors.add(page.url() + ": " + message.text());
            }
        });
        page.onPageError(error -> errors.add(page.url() + ": uncaught " + error));
        page.navigate("/login");
        page.fill("input[name=tenant]", "demo");
        page.fill("input[name=username]", "supervisor");
        page.fill("input[name=password]", "Supervisor123!");
        page.click("main form button[type=submit]");
        page.waitForURL("http://127.0.0.1:" + port + "/");

        page.navigate("/production?line_id=" + busyId);
        assertThat(page.locator("#production-chart")).hasAttribute("data-total", "30");
        assertThat(page.locator("#kpi-production .kpi-value")).hasText("30");
        assertThat(page.locator("#comparison-chart rect")).not().hasCount(0);
        String before = page.locator("#production-chart circle").first().getAttribute("data-value");

        page.locator("#line-filter").selectOption(new com.microsoft.playwright.options.SelectOption().setLabel(quiet + " · Línea " + quiet));
        page.waitForURL("**/production?line_id=**");
        assertThat(page.locator("#production-chart")).hasAttribute("data-total", "5");
        assertThat(page.locator("#kpi-production .kpi-value")).hasText("5");
        assertThat(page.locator("#line-filter option[selected]")).hasText(quiet + " · Línea " + quiet);
        assertThat(page.locator("#production-chart circle").first()).not().hasAttribute("data-value", before);
    }

    private static String line(TestHttp http, String admin, String prefix) {
        String code = unique(prefix);
        var line = http.call("POST", "/api/v1/production/lines", admin, """
                {"code": "%1$s", "name": "Línea %1$s"}""".formatted(code));
        assertThat(line.statusCode()).isEqualTo(201);
        assertThat(http.call("POST", "/api/v1/production/areas", admin, """
                {"line_id": "%s", "name": "Salida", "type": "OUTPUT"}""".formatted(json(line).get("id").asString()))
                .statusCode()).isEqualTo(201);
        return code;
    }

    private static void ingest(TestHttp http, String operator, String line, String product, Instant at, int count) {
        StringBuilder rows = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            rows.append(i == 0 ? "" : ",").append("""
                    {"line_code": "%s", "area": "Salida", "product_code": "%s", "detected_at": "%s"}"""
                    .formatted(line, product, at.plusSeconds(97L * i)));
        }
        var response = http.call("POST", "/api/v1/production/detections", operator, rows.append("]").toString());
        assertThat(json(response).get("accepted").asInt()).isEqualTo(count);
    }

    private static String unique(String prefix) {
        return (prefix + "-" + UUID.randomUUID().toString().substring(0, 8)).toUpperCase();
    }
}
