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
        String busyId = json(http.call("GET", "/api/v1/production/lines?size=200", admin, null))
                .get("items")
                .valueStream()
                .filter(l -> l.get("code").asString().equals(busy))
                .findFirst()
                .orElseThrow()
                .get("id")
                .asString();

        Page page = chromium.signIn("supervisor", "Supervisor123!");

        page.navigate("/production?line_id=" + busyId);
        assertThat(page.locator("#kpi-production .kpi-value")).hasText("30");
        assertThat(chartTotal(page, "production-chart")).isEqualTo(30);
        assertThat(chartTotal(page, "mix-chart")).as("all of one product").isEqualTo(30);
        assertThat(chartLabels(page, "comparison-chart")).contains(busy, quiet);
        // A week by day: the axis reads days as the page does (6/12/2026), never 2026-12-06T00:00:00.
        assertThat(chartLabels(page, "production-chart"))
                .isNotEmpty()
                .allSatisfy(label -> assertThat(label).matches("\\d{1,2}/\\d{1,2}/\\d{4}"));
        // Straight segments, and the mix named by product with a colour that comes from the product.
        assertThat(page.evaluate(
                        "Chart.getChart(document.getElementById('production-chart')).data.datasets[0].tension"))
                .isEqualTo(0);
        assertThat(chartLabels(page, "mix-chart")).containsExactly("Tarro");
        Object colour = page.evaluate(
                "Chart.getChart(document.getElementById('mix-chart')).data.datasets[0].backgroundColor[0]");
        Object before = page.evaluate(
                "Chart.getChart(document.getElementById('production-chart')).data.datasets[0].data.join()");

        page.locator("#line-filter")
                .selectOption(
                        new com.microsoft.playwright.options.SelectOption().setLabel(quiet + " · Línea " + quiet));
        page.waitForURL("**/production?line_id=**");
        assertThat(page.locator("#kpi-production .kpi-value")).hasText("5");
        assertThat(chartTotal(page, "production-chart")).isEqualTo(5);
        assertThat(page.locator("#line-filter option[selected]")).hasText(quiet + " · Línea " + quiet);
        assertThat(page.evaluate(
                        "Chart.getChart(document.getElementById('mix-chart')).data.datasets[0].backgroundColor[0]"))
                .isEqualTo(colour);
        assertThat(page.evaluate(
                        "Chart.getChart(document.getElementById('production-chart')).data.datasets[0].data.join()"))
                .isNotEqualTo(before);

        // htmx reloads the panel (every 30 s; the test asks at once) and the charts are drawn again with the new rows.
        ingest(http, operator, quiet, product, at.plus(1, ChronoUnit.HOURS), 4);
        page.evaluate("htmx.trigger('#plant-panel', 'plant-refresh')");
        assertThat(page.locator("#kpi-production .kpi-value")).hasText("9");
        assertThat(chartTotal(page, "production-chart")).isEqualTo(9);

        // Changing the shift applies it with the dates chosen, a one-day range staying that day.
        String shift = unique("Turno");
        assertThat(http.call("POST", "/api/v1/production/shifts", admin, """
                {"name": "%s", "start": "06:00", "end": "14:00"}""".formatted(shift))
                        .statusCode())
                .isEqualTo(201);
        page.navigate("/production?line_id=" + busyId + "&from=2026-03-02&to=2026-03-02");
        page.locator("#shift-filter").selectOption(new com.microsoft.playwright.options.SelectOption().setLabel(shift));
        page.waitForURL("**shift_id=**");
        assertThat(page.locator("input[name=from]")).hasValue("2026-03-02");
        assertThat(page.locator("input[name=to]")).hasValue("2026-03-02");
        assertThat(page.locator("#shift-filter option[selected]")).hasText(shift);

        // The charts follow the theme (which starts as the system's): a toggle redraws the axes in the new
        // theme's muted colour.
        String axes = "Chart.getChart(document.getElementById('comparison-chart')).options.scales.x.ticks.color";
        Object axesBefore = page.evaluate(axes);
        page.click("#theme-toggle");
        waitUntil(
                page,
                "(() => { const ticks = " + axes + "; return ticks !== '" + axesBefore + "' && ticks === "
                        + "getComputedStyle(document.documentElement).getPropertyValue('--muted').trim(); })()");
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

    /** The sum of the chart's data, once Chart.js has drawn it. */
    private static long chartTotal(Page page, String id) {
        waitUntil(page, "!!window.Chart && !!Chart.getChart(document.getElementById('" + id + "'))");
        return ((Number) page.evaluate("Chart.getChart(document.getElementById('" + id + "')).data.datasets[0].data"
                        + ".reduce((a, b) => a + Number(b), 0)"))
                .longValue();
    }

    @SuppressWarnings("unchecked")
    private static List<String> chartLabels(Page page, String id) {
        waitUntil(page, "!!window.Chart && !!Chart.getChart(document.getElementById('" + id + "'))");
        return (List<String>) page.evaluate("Chart.getChart(document.getElementById('" + id + "')).data.labels");
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
