package io.turno.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ColorScheme;
import io.turno.TurnoTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The roles page on a 390 px phone, in both themes: nothing wider than the screen, the save bar in
 * view as soon as the role is on screen and still after scrolling to the middle, a role picked from the list.
 * Screenshots are kept under {@code target/screenshots/words}.
 */
@TurnoTest
class WordsBrowserTests {

    @RegisterExtension
    final HeadlessChromium chromium = new HeadlessChromium();

    @ParameterizedTest
    @EnumSource(
            value = ColorScheme.class,
            names = {"LIGHT", "DARK"})
    void theRolesPageFitsAPhoneAndItsSaveBarStaysInView(ColorScheme scheme) {
        Page page = chromium.signIn(
                chromium.context(new Browser.NewContextOptions()
                        .setViewportSize(390, 844)
                        .setColorScheme(scheme)),
                "admin",
                "Admin123!");
        page.navigate("/roles");
        page.click("nav.role-picker a:has-text('Recepcionista')");
        page.waitForURL("**/roles?role=**");
        assertThat(page.locator(".role-head h2").textContent()).contains("Recepcionista", "RECEPTIONIST");

        assertThat((Boolean) page.evaluate("document.documentElement.scrollWidth <= innerWidth"))
                .as("no horizontal overflow at 390 px")
                .isTrue();
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(Path.of("target/screenshots/words/roles-390-top-"
                        + scheme.name().toLowerCase() + ".png")));
        page.locator(".role-head").scrollIntoViewIfNeeded();
        assertThat(saveBarInView(page))
                .as("the save bar as soon as the role is on screen")
                .isTrue();
        page.locator(".perm-group").nth(3).scrollIntoViewIfNeeded();
        assertThat(saveBarInView(page))
                .as("the save bar while the groups scroll")
                .isTrue();
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(Path.of(
                        "target/screenshots/words/roles-390-" + scheme.name().toLowerCase() + ".png")));

        // A group folds and unfolds by its module's name.
        var group = page.locator(".perm-group").first();
        boolean open = (Boolean) group.evaluate("d => d.open");
        group.locator("summary").click();
        assertThat((Boolean) group.evaluate("d => d.open")).isNotEqualTo(open);
        chromium.assertNoErrors();
    }

    @Test
    void aGrantTickedInTheBrowserIsSavedFromTheSaveBar() {
        Page page = chromium.signIn(
                chromium.context(new Browser.NewContextOptions().setViewportSize(1366, 900)), "admin", "Admin123!");
        page.navigate("/roles");
        page.fill("input[name=code]", "WORDS_BROWSER");
        page.fill("input[name=name]", "Probador");
        page.click("form[action='/roles'] button[type=submit]");
        page.waitForURL("**/roles?role=**");

        // A new role holds nothing, so its groups start folded: open the module, tick the permission.
        page.click(".perm-group summary:has-text('Comunicaciones')");
        page.locator(".perm-list label:has-text('Ver procesos') input").check();
        page.click(".save-bar button.primary");
        page.waitForURL("**/roles?role=**");
        assertThat(page.locator("body").textContent()).contains("Permisos de WORDS_BROWSER guardados.");
        assertThat(page.locator("input[value='cases:read']").isChecked()).isTrue();
        assertThat(page.locator("input[value='cases:update']").isChecked()).isFalse();
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/words/roles-1366.png")));

        // The audit entry of that change reads as words; its JSON stays folded until asked for.
        page.navigate("/audit?entity=role");
        String table = page.locator("#results table").innerText();
        assertThat(table).contains("Cambio", "Rol", "Permisos").doesNotContain("{", "UPDATE");
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/words/audit-1366.png")));
        page.locator("#results details.raw summary").first().click();
        assertThat(page.locator("#results details.raw pre").first().innerText()).contains("{");
        chromium.assertNoErrors();
    }

    private static boolean saveBarInView(Page page) {
        return (Boolean) page.evaluate("() => { const r = document.querySelector('.save-bar').getBoundingClientRect();"
                + " return r.top >= 0 && r.bottom <= innerHeight + 1; }");
    }
}
