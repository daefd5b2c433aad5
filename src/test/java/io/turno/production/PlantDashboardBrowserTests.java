package io.turno.production;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.microsoft.playwright.Page;
import io.turno.TestHttp;
import io.turno.TurnoTest;
import io.turno.web.HeadlessChromium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The plant dashboard in a real browser: choosing another line redraws the charts and cards with its data. */
@TurnoTest
class PlantDashboardBrowserTests {

    private static final String PRODUCTION = canvas("production_series");
    private static final String MIX = canvas("product_mix");
    private static final String COMPARISON = canvas("line_comparison");

    /** The canvas of the plant dashboard's widget {@code code}, as a JavaScript expression. */
    private static String canvas(String code) {
        return "document.querySelector('.dash-widget[data-widget=" + code + "] canvas')";
    }

    @RegisterExtension
    final HeadlessChromium chromium = new HeadlessChromium();

    @LocalServerPort
    int port;

    final List<String> tokens = new ArrayList<>();

    @AfterEach
    void signOut() {
        TestHttp http = new TestHttp(port);
        tokens.forEach(token -> http.call("POST", "/api/v1/auth/logout", token, null));
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
                {"code": "%s", "name": "Tarro", "ideal_cycle_seconds": 2}""".formatted(product))
                        .statusCode())
                .isEqualTo(201);
        String busy = line(http, admin, "AAA");
        String quiet = line(http, admin, "AAB");
        Instant at = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(3, ChronoUnit.HOURS);
        ingest(http, operator, busy, product, at, 30);
        ingest(http, operator, quiet, product, at, 5);
        String busyId = lineId(http, admin, busy);
        String quietId = lineId(http, admin, quiet);

        Page page = chromium.signIn("supervisor", "Supervisor123!");

        // The plant's dashboard is the one widget engine's (docs/dashboards.md): the plant role's template.
        page.navigate("/production?line_id=" + busyId);
        assertThat(page.locator("#dashboard")).hasAttribute("aria-busy", "false");
        assertThat(chartTotal(page, PRODUCTION)).isEqualTo(30);
        assertThat(chartTotal(page, MIX)).as("all of one product").isEqualTo(30);
        assertThat(chartLabels(page, COMPARISON))
                .anySatisfy(label -> assertThat(label).contains(busy))
                .anySatisfy(label -> assertThat(label).contains(quiet));
        // A week by day: the axis reads days as the page does (6/12/2026), never 2026-12-06T00:00:00.
        assertThat(chartLabels(page, PRODUCTION))
                .isNotEmpty()
                .allSatisfy(label -> assertThat(label).matches("\\d{1,2}/\\d{1,2}/\\d{4}"));
        // Straight segments, and the mix named by product with a colour that comes from the product.
        assertThat(page.evaluate("Chart.getChart(" + PRODUCTION + ").data.datasets[0].tension"))
                .isEqualTo(0);
        assertThat(chartLabels(page, MIX)).containsExactly("Tarro");
        Object colour = page.evaluate("Chart.getChart(" + MIX + ").data.datasets[0].backgroundColor[0]");
        Object before = page.evaluate("Chart.getChart(" + PRODUCTION + ").data.datasets[0].data.join()");

        page.locator("#dash-filters select[name=line_id]")
                .selectOption(new com.microsoft.playwright.options.SelectOption().setLabel("Línea " + quiet));
        page.locator("#dash-filters button[type=submit]").click();
        page.waitForURL("**line_id=" + quietId + "**");
        waitUntil(page, "Chart.getChart(" + PRODUCTION + ").data.datasets[0].data.reduce((a, b) => a + b, 0) == 5");
        assertThat(chartTotal(page, PRODUCTION)).isEqualTo(5);
        assertThat(page.locator("#dash-filters select[name=line_id]")).hasValue(quietId);
        assertThat(page.evaluate("Chart.getChart(" + MIX + ").data.datasets[0].backgroundColor[0]"))
                .isEqualTo(colour);
        assertThat(page.evaluate("Chart.getChart(" + PRODUCTION + ").data.datasets[0].data.join()"))
                .isNotEqualTo(before);

        // The dashboard refreshes (every 30 s; the test asks every half second) and the charts are drawn again with
        // the new rows, the line still the one chosen. Detections announce no event: figures shared between
        // requests may answer for up to 2 s (docs/dashboards.md).
        ingest(http, operator, quiet, product, at.plus(1, ChronoUnit.HOURS), 4);
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(15))
                .pollInSameThread()
                .pollInterval(java.time.Duration.ofMillis(500))
                .until(() -> {
                    if (chartTotal(page, PRODUCTION) == 9) {
                        return true;
                    }
                    page.evaluate(
                            "document.getElementById('dashboard').dispatchEvent(new CustomEvent('dashboard-refresh'))");
                    return false;
                });

        // Changing the shift applies it with the dates chosen, a one-day range staying that day.
        String shift = unique("Turno");
        assertThat(http.call("POST", "/api/v1/production/shifts", admin, """
                {"name": "%s", "start": "06:00", "end": "14:00"}""".formatted(shift))
                        .statusCode())
                .isEqualTo(201);
        page.navigate("/production?line_id=" + busyId + "&from=2026-03-02&to=2026-03-02");
        assertThat(page.locator("#dash-filters select[name=shift_id]")).isVisible();
        page.locator("#dash-filters select[name=shift_id]")
                .selectOption(new com.microsoft.playwright.options.SelectOption().setLabel(shift));
        page.locator("#dash-filters button[type=submit]").click();
        page.waitForURL("**shift_id=**");
        assertThat(page.locator("#dash-filters input[name=from]")).hasValue("2026-03-02");
        assertThat(page.locator("#dash-filters input[name=to]")).hasValue("2026-03-02");
        assertThat(page.locator("#dash-filters select[name=shift_id] option:checked"))
                .hasText(shift);
        assertThat(page).hasURL(java.util.regex.Pattern.compile(".*from=2026-03-02&to=2026-03-02.*"));

        // The charts follow the theme (which starts as the system's): a toggle redraws the axes in the new
        // theme's muted colour.
        String axes = "Chart.getChart(" + PRODUCTION + ").options.scales.x.ticks.color";
        waitUntil(page, "!!window.Chart && !!Chart.getChart(" + PRODUCTION + ")");
        Object axesBefore = page.evaluate(axes);
        page.click("#theme-toggle");
        waitUntil(
                page,
                "(() => { const ticks = " + axes + "; return ticks !== '" + axesBefore + "' && ticks === "
                        + "getComputedStyle(document.documentElement).getPropertyValue('--muted').trim(); })()");
        chromium.assertNoErrors();
    }

    /**
     * Polls {@code condition} from here: Playwright's waitForFunction evaluates a string with eval
     * in the page, which the page's CSP refuses, while evaluate does not.
     */
    private static void waitUntil(Page page, String condition) {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (!Boolean.TRUE.equals(
                page.evaluate("(() => { try { return !!(" + condition + "); } catch (e) { return false; } })()"))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Still false after 15 s: " + condition);
            }
            page.waitForTimeout(50);
        }
    }

    /** The sum of the chart's data (its first series: good units, or units), once Chart.js has drawn it. */
    private static long chartTotal(Page page, String canvas) {
        waitUntil(page, "!!window.Chart && !!Chart.getChart(" + canvas + ")");
        return ((Number) page.evaluate(
                        "Chart.getChart(" + canvas + ").data.datasets[0].data" + ".reduce((a, b) => a + Number(b), 0)"))
                .longValue();
    }

    @SuppressWarnings("unchecked")
    private static List<String> chartLabels(Page page, String canvas) {
        waitUntil(page, "!!window.Chart && !!Chart.getChart(" + canvas + ")");
        return (List<String>) page.evaluate("Chart.getChart(" + canvas + ").data.labels");
    }

    private static String lineId(TestHttp http, String admin, String code) {
        return json(http.call("GET", "/api/v1/production/lines?size=200", admin, null))
                .get("items")
                .valueStream()
                .filter(l -> l.get("code").asString().equals(code))
                .findFirst()
                .orElseThrow()
                .get("id")
                .asString();
    }

    private static String line(TestHttp http, String admin, String prefix) {
        String code = unique(prefix);
        var line = http.call("POST", "/api/v1/production/lines", admin, """
                {"code": "%1$s", "name": "Línea %1$s"}""".formatted(code));
        assertThat(line.statusCode()).isEqualTo(201);
        assertThat(http.call("POST", "/api/v1/production/areas", admin, """
                {"line_id": "%s", "name": "Salida", "type": "OUTPUT"}""".formatted(
                                        json(line).get("id").asString()))
                        .statusCode())
                .isEqualTo(201);
        return code;
    }

    private static void ingest(TestHttp http, String operator, String line, String product, Instant at, int count) {
        StringBuilder rows = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            rows.append(i == 0 ? "" : ",").append("""
                    {"line_code": "%s", "area": "Salida", "product_code": "%s", "detected_at": "%s"}""".formatted(line, product, at.plusSeconds(97L * i)));
        }
        var response = http.call(
                "POST",
                "/api/v1/production/detections",
                operator,
                rows.append("]").toString());
        assertThat(json(response).get("accepted").asInt()).isEqualTo(count);
    }

    private static String unique(String prefix) {
        return (prefix + "-" + UUID.randomUUID().toString().substring(0, 8)).toUpperCase();
    }
}
