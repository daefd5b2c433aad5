package io.turno.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.turno.TurnoTest;
import io.turno.web.HeadlessChromium;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An administrator's round trip in a real browser: sign in, create a user on the users page, find
 * them with the live filter, glance at roles, audit and profile, sign out; no page breaks the CSP.
 */
@TurnoTest
class IdentityPagesBrowserTests {

    @RegisterExtension
    final HeadlessChromium chromium = new HeadlessChromium();

    Page page;

    @BeforeEach
    void openPage() {
        page = chromium.page();
    }

    @Test
    void anAdminCreatesAUserSeesItListedAndSignsOut() {
        page.navigate("/login");
        page.fill("input[name=tenant]", "demo");
        page.fill("input[name=username]", "admin");
        page.fill("input[name=password]", "Admin123!");
        page.click("main form button[type=submit]");
        page.waitForURL(chromium.base() + "/");

        HeadlessChromium.followMenu(page, "/users");
        page.waitForURL(chromium.base() + "/users");
        page.click("main a[href='/users/new']");
        page.waitForURL(chromium.base() + "/users/new");
        page.fill("#username", "nav.elena");
        page.fill("#fullName", "Elena Navegador");
        page.fill("#email", "elena@demo.example");
        page.fill("#password", "elena");
        page.check("input[name=roles][value=RECEPTIONIST]");
        page.click("main form button[type=submit]");
        // Refused: the reason sits under the password, and what was typed is still there.
        assertThat(page.locator("#password ~ .field-error").textContent()).contains("al menos 8 caracteres");
        assertThat(page.inputValue("#username")).isEqualTo("nav.elena");
        assertThat(page.isChecked("input[name=roles][value=RECEPTIONIST]")).isTrue();
        page.fill("#password", "Elena-2026");
        page.click("main form button[type=submit]");
        page.waitForURL(chromium.base() + "/users?q=nav.elena");
        assertThat(page.locator("main .alert.ok").textContent()).contains("nav.elena");
        assertThat(page.locator("#results tbody tr").count()).isEqualTo(1);
        assertThat(page.locator("#results tbody tr").first().textContent())
                .contains("nav.elena", "Elena Navegador", "Recepcionista", "Activo");

        // The filter refreshes the list through htmx as the user types, and the address follows.
        page.fill("#q", "");
        page.locator("#q").pressSequentially("Navegador");
        page.waitForURL("**/users?q=Navegador**");
        assertThat(page.locator("#results tbody tr").count()).isEqualTo(1);
        page.fill("#q", "no-such-user");
        page.waitForURL("**/users?q=no-such-user**");
        assertThat(page.locator("#results tbody").textContent()).contains("No hay resultados");

        HeadlessChromium.followMenu(page, "/roles");
        page.waitForURL(chromium.base() + "/roles");
        assertThat(page.locator("nav.role-picker").textContent()).contains("Administrador", "Consulta", "VIEWER");

        HeadlessChromium.followMenu(page, "/audit");
        page.waitForURL(chromium.base() + "/audit");
        assertThat(page.locator("#chain").textContent()).contains("Cadena íntegra");
        assertThat(page.locator("#results tbody").textContent()).contains("nav.elena");

        HeadlessChromium.followMenu(page, "/profile");
        page.waitForURL(chromium.base() + "/profile");
        assertThat(page.locator("#sessions tr.current").count()).isEqualTo(1);

        page.click("header form button[type=submit]");
        page.waitForURL(chromium.base() + "/login?logout");
        page.navigate("/users");
        page.waitForURL(chromium.base() + "/login");
    }
}
