package io.turno.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ColorScheme;
import com.microsoft.playwright.options.SelectOption;
import io.turno.TurnoTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The home dashboard's filter bar, generated from the demo's FILTER configuration: a plant operator on a
 * 390 px phone, light and dark, chooses a shift and a range, and the plant widgets are asked again.
 */
@TurnoTest
class DashboardFiltersBrowserTests {

    @RegisterExtension
    final HeadlessChromium chromium = new HeadlessChromium();

    @Test
    void anOperatorNarrowsThePlantWidgetsByShiftAndRangeOnAPhone() {
        List<PageAudit.Problem> problems = new ArrayList<>();
        for (ColorScheme theme : List.of(ColorScheme.LIGHT, ColorScheme.DARK)) {
            BrowserContext context = chromium.context(
                    new Browser.NewContextOptions().setColorScheme(theme).setViewportSize(390, 844));
            Page page = chromium.signIn(context, "operator", "Operator123!");
            var audit = new PageAudit(context, page, new PageAudit.Timings(), null, new HashSet<>());
            String who = "operator " + theme;
            String at = audit.open(page, "/", problems, who);
            assertThat(page.locator("#dashboard")).hasAttribute("aria-busy", "false");
            assertThat(page.locator("#dash-filters select[name=shift_id]")).isVisible();
            audit.check(page, problems, who, at, 390);
            if (theme != ColorScheme.LIGHT) {
                continue;
            }
            // A demo line by name: in the whole suite the shared context also has lines other tests made, without
            // production, and one of them may come first.
            LocalDate today = LocalDate.now(java.time.ZoneId.of("America/Bogota"));
            page.locator("#dash-filters input[name=from]")
                    .fill(today.minusDays(6).toString());
            page.locator("#dash-filters input[name=to]").fill(today.toString());
            page.locator("#dash-filters select[name=line_id]")
                    .selectOption(new SelectOption().setLabel("Línea 1 · Envasado"));
            page.locator("#dash-filters button[type=submit]").click();
            page.waitForURL(Pattern.compile(".*line_id=.*"));
            assertThat(page.locator("#dashboard")).hasAttribute("aria-busy", "false");
            var oee = page.locator(".dash-widget[data-widget=oee_cards] .dash-kpi-value")
                    .first();
            assertThat(oee).not().hasText("—");
            String before = oee.textContent();
            page.locator("#dash-filters select[name=shift_id]").selectOption(new SelectOption().setLabel("Mañana"));
            page.locator("#dash-filters button[type=submit]").click();
            page.waitForURL(Pattern.compile(".*shift_id=.*"));
            assertThat(page.locator("#dashboard")).hasAttribute("aria-busy", "false");
            assertThat(page.locator(".dash-widget[data-widget=oee_cards] .dash-kpi-value")
                            .first())
                    .not()
                    .hasText(before);
            audit.logs(problems, who, at);
        }
        assertThat(problems).isEmpty();
        chromium.assertNoErrors();
    }
}
