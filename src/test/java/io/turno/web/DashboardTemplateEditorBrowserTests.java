package io.turno.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ColorScheme;
import io.turno.SignedIn;
import io.turno.TurnoTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The template editor in a browser at 390 px: an administrator adds a widget to a role's dashboard, a bad
 * parameter comes back next to its field with what was typed kept, the saved version shows on that role's
 * home page, and undo takes it away again. The preview of MANAGER's template, not saved, draws its charts and
 * its OEE gauge with the organization's figures. Scanned by axe in both themes.
 */
@TurnoTest
class DashboardTemplateEditorBrowserTests {

    private static final String EDITOR = "/dashboards/templates?role=ADMIN";

    @RegisterExtension
    final HeadlessChromium chromium = new HeadlessChromium();

    @RegisterExtension
    final SignedIn signedIn = new SignedIn();

    @Test
    void anAdminAddsAWidgetSeesItOnTheRolesHomeAndUndoesIt() {
        List<PageAudit.Problem> problems = new ArrayList<>();
        for (ColorScheme theme : List.of(ColorScheme.LIGHT, ColorScheme.DARK)) {
            BrowserContext context = chromium.context(
                    new Browser.NewContextOptions().setColorScheme(theme).setViewportSize(390, 844));
            Page page = chromium.signIn(context, "admin", "Admin123!");
            var audit = new PageAudit(context, page, new PageAudit.Timings(), null, new HashSet<>());
            String who = "admin " + theme;
            String at = audit.open(page, theme == ColorScheme.LIGHT ? EDITOR : EDITOR + "&lang=en", problems, who);
            assertThat(page.locator("h1"))
                    .hasText(theme == ColorScheme.LIGHT ? "Tableros por rol" : "Dashboards per role");
            assertThat(page.locator("li.dash-slot[data-widget=recent_audit] legend"))
                    .containsText(theme == ColorScheme.LIGHT ? "Actividad reciente" : "Recent activity");
            audit.check(page, problems, who, at, 390);
            if (theme == ColorScheme.LIGHT) {
                addSaveShowAndUndo(page, audit, problems, who);
            }
            audit.logs(problems, who, at);
        }
        assertThat(problems).isEmpty();
        chromium.assertNoErrors();
    }

    @Test
    void thePreviewDrawsTheLayoutAsTypedWithTheOrganizationsFiguresBeforeItIsSaved() {
        List<PageAudit.Problem> problems = new ArrayList<>();
        for (ColorScheme theme : List.of(ColorScheme.LIGHT, ColorScheme.DARK)) {
            BrowserContext context = chromium.context(
                    new Browser.NewContextOptions().setColorScheme(theme).setViewportSize(390, 844));
            Page page = chromium.signIn(context, "admin", "Admin123!");
            var audit = new PageAudit(context, page, new PageAudit.Timings(), null, new HashSet<>());
            boolean english = theme == ColorScheme.DARK;
            String who = "admin preview " + theme;
            String manager = "/dashboards/templates?role=MANAGER" + (english ? "&lang=en" : "");
            String at = audit.open(page, manager, problems, who);
            assertThat(page.locator("#template-preview")).hasCount(0);

            // Unsaved: the width of the first widget changes, then the preview shows it so.
            page.locator("li.dash-slot[data-widget=income_by_method] select[name$='.width']")
                    .selectOption("4");
            page.locator("#show-preview").click();
            Locator preview = page.locator("#template-preview");
            assertThat(preview.locator("[data-preview]")).hasAttribute("aria-busy", "false");
            // htmx swapped the editor part in and gave the preview the focus.
            assertThat(preview).isFocused();
            assertThat(preview.locator("h2").first())
                    .containsText(english ? "Preview of Manager" : "Vista previa del tablero de Gerente");
            assertThat(preview.locator(".dash-widget[data-widget=income_by_method]"))
                    .hasClass(java.util.regex.Pattern.compile("w4"));
            Locator gauge = preview.locator(".dash-widget[data-widget=oee_gauge] .dash-gauge canvas");
            assertThat(gauge).hasCount(1);
            assertThat(page.evaluate("Chart.getChart(document.querySelector("
                            + "'#template-preview [data-widget=oee_gauge] canvas')).config.type"))
                    .as("the OEE gauge is a half dial")
                    .isEqualTo("doughnut");
            assertThat(page.evaluate("Chart.getChart(document.querySelector("
                            + "'#template-preview [data-widget=production_series] canvas')) != null"))
                    .isEqualTo(true);
            assertThat(page.locator("#template-source"))
                    .hasText(english ? "Built-in template" : "Plantilla incorporada");
            assertThat(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))
                    .as("nothing wider than the phone")
                    .isEqualTo(true);
            audit.check(page, problems, who, "/dashboards/templates/{role} (preview)", 390);
            audit.logs(problems, who, at);
        }
        assertThat(problems).isEmpty();
        chromium.assertNoErrors();
    }

    private static void addSaveShowAndUndo(Page page, PageAudit audit, List<PageAudit.Problem> problems, String who) {
        assertThat(page.locator("li.dash-slot[data-widget=product_mix]")).hasCount(0);
        page.locator("#add").selectOption("product_mix");
        page.locator("#add-widget").click();
        Locator added = page.locator("li.dash-slot[data-widget=product_mix]");
        assertThat(added).hasCount(1);
        assertThat(added.locator("legend")).containsText("torta");

        // Out of the schema's range: refused next to the field, everything typed kept.
        added.locator("select[name$='.width']").selectOption("1");
        added.locator("input[type=number]").fill("500");
        page.locator("#save").click();
        assertThat(page.locator("#error-summary")).isVisible();
        assertThat(added.locator(".field-error")).isVisible();
        assertThat(added.locator("input[type=number]")).hasAttribute("aria-invalid", "true");
        assertThat(added.locator("input[type=number]")).hasValue("500");
        assertThat(added.locator("select[name$='.width']")).hasValue("1");
        assertThat(page.locator("li.dash-slot[data-widget=recent_audit]")).hasCount(1);
        audit.check(page, problems, who + " refused", "/dashboards/templates/{role} (refused)", 390);

        added.locator("input[type=number]").fill("3");
        page.locator("#save").click();
        assertThat(page.locator(".alert.ok")).isVisible();
        assertThat(page.locator("#template-source")).containsText("versión");
        assertThat(page.locator("li.dash-slot[data-widget=product_mix]"))
                .hasClass(java.util.regex.Pattern.compile("w1"));

        page.navigate("/");
        assertThat(page.locator("#dashboard")).hasAttribute("aria-busy", "false");
        assertThat(page.locator(".dash-widget[data-widget=product_mix]")).hasCount(1);

        page.navigate(EDITOR);
        page.locator("#undo").click();
        assertThat(page.locator(".alert.ok")).isVisible();
        assertThat(page.locator("li.dash-slot[data-widget=product_mix]")).hasCount(0);
        page.navigate("/");
        assertThat(page.locator("#dashboard")).hasAttribute("aria-busy", "false");
        assertThat(page.locator(".dash-widget[data-widget=recent_audit]")).hasCount(1);
        assertThat(page.locator(".dash-widget[data-widget=product_mix]")).hasCount(0);
    }
}
