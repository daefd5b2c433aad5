package io.turno.web;

import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ColorScheme;
import io.turno.SignedIn;
import io.turno.TestHttp;
import io.turno.TurnoTest;
import io.turno.web.PageAudit.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 23's admin pages in a real browser: an administrator changes a user's own permissions and
 * the user's very next page follows; and each new page passes {@link PageAudit} on a phone, light and dark.
 */
@TurnoTest
class AdminPagesBrowserTests {

    @RegisterExtension
    final HeadlessChromium chromium = new HeadlessChromium();

    @RegisterExtension
    final SignedIn signedIn = new SignedIn();

    @LocalServerPort
    int port;

    @Test
    void anAdminGrantsAUserAPermissionAndTheUsersNextPageShowsIt() {
        var http = new TestHttp(port);
        String admin = signedIn.demo("admin", "Admin123!");
        String username = "grant." + UUID.randomUUID().toString().substring(0, 8);
        var created = http.call("POST", "/api/v1/users", admin, """
                {"username": "%s", "full_name": "Olga Permisos", "password": "Olga-2026x", "roles": ["OPERATOR"]}""".formatted(username));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = json(created).get("id").asString();

        // The user is signed in, and their session is in use, before the grant.
        Page user = chromium.signIn(chromium.context(), username, "Olga-2026x");
        assertThat(user.locator("#site-menu a[href='/users']").count()).isZero();

        Page page = chromium.signIn("admin", "Admin123!");
        page.navigate("/users/" + id);
        page.click("#user-permissions-link");
        page.waitForURL(chromium.base() + "/users/" + id + "/permissions");
        assertThat(page.locator("main h1").textContent()).contains(username);
        var usersRead = page.locator("input[name=permissions][value='users:read']");
        usersRead.evaluate("box => box.closest('details').open = true");
        assertThat(usersRead.isChecked()).isFalse();
        page.locator("details:has(input[value='detections:read'])").evaluate("group => group.open = true");
        assertThat(page.locator("li:has(input[value='detections:read']) .badge").textContent())
                .as("what the OPERATOR role gives is marked")
                .contains("por rol");
        usersRead.check();
        page.click("main .save-bar button[type=submit]");
        page.waitForURL(chromium.base() + "/users/" + id + "/permissions");
        assertThat(page.locator("main .alert.ok").textContent()).contains("1");
        assertThat(page.isChecked("input[name=permissions][value='users:read']"))
                .isTrue();

        user.reload();
        assertThat(user.locator("#site-menu a[href='/users']").count()).isOne();
        user.navigate("/users");
        assertThat(user.locator("#results").textContent()).contains(username);

        // Revoked: the user's next page no longer offers it.
        page.locator("input[name=permissions][value='users:read']")
                .evaluate("box => box.closest('details').open = true");
        page.uncheck("input[name=permissions][value='users:read']");
        page.click("main .save-bar button[type=submit]");
        page.waitForURL(chromium.base() + "/users/" + id + "/permissions");
        assertThat(page.locator("#explicit-count").textContent()).contains("sin permisos propios");
        user.navigate("/");
        assertThat(user.locator("#site-menu a[href='/users']").count()).isZero();
    }

    @Test
    void theSuperAdminCreatesAndEditsAnOrganizationAndARefusedFormKeepsWhatWasTyped() {
        Page page = chromium.page();
        signInToPlatform(page);
        HeadlessChromium.followMenu(page, "/tenants");
        page.waitForURL(chromium.base() + "/tenants");
        assertThat(page.locator("#results").textContent()).contains("demo", "platform");
        page.click("main a[href='/tenants/new']");
        page.waitForURL(chromium.base() + "/tenants/new");
        String slug = "org-" + UUID.randomUUID().toString().substring(0, 8);
        page.fill("#slug", slug);
        page.fill("#name", "Clínica Nueva");
        page.fill("#timeZone", "Mars/Olympus");
        page.fill("#currency", "co");
        page.fill("#adminUsername", "jefa");
        page.fill("#adminPassword", "corta");
        page.click("#tenant-form button[type=submit]");
        // Every refusal at once, each beside its field, and what was typed is still there.
        assertThat(page.locator("#timeZone-error").textContent()).contains("IANA");
        assertThat(page.locator("#currency-error").textContent()).isNotBlank();
        assertThat(page.locator("#adminPassword-error").textContent()).isNotBlank();
        assertThat(page.locator("#error-summary li").count()).isEqualTo(3);
        assertThat(page.inputValue("#slug")).isEqualTo(slug);
        assertThat(page.inputValue("#name")).isEqualTo("Clínica Nueva");
        assertThat(page.inputValue("#adminUsername")).isEqualTo("jefa");

        page.fill("#timeZone", "America/Lima");
        page.fill("#currency", "pen");
        page.fill("#adminPassword", "Jefa-2026x");
        page.click("#tenant-form button[type=submit]");
        page.waitForURL("**/tenants/*-*");
        assertThat(page.locator("main .alert.ok").textContent()).contains(slug);
        assertThat(page.inputValue("#currency")).isEqualTo("PEN");

        page.fill("#name", "");
        page.fill("#timeZone", "Europe/Nowhere");
        page.click("#tenant-form button[type=submit]");
        assertThat(page.locator("#timeZone-error").textContent()).isNotBlank();
        assertThat(page.locator("#name-error").textContent()).isNotBlank();
        assertThat(page.inputValue("#timeZone")).isEqualTo("Europe/Nowhere");
        page.fill("#name", "Clínica Renovada");
        page.fill("#timeZone", "America/Bogota");
        page.click("#tenant-form button[type=submit]");
        assertThat(page.locator("main .alert.ok").textContent()).contains(slug);
        page.navigate("/tenants?q=" + slug);
        assertThat(page.locator("#results tbody").textContent()).contains("Clínica Renovada", "America/Bogota", "1");

        // The new organization's administrator signs in.
        Page first = chromium.page();
        first.navigate("/login");
        first.fill("input[name=tenant]", slug);
        first.fill("input[name=username]", "jefa");
        first.fill("input[name=password]", "Jefa-2026x");
        first.click("main form button[type=submit]");
        first.waitForURL(chromium.base() + "/");
        chromium.assertNoErrors();
    }

    @Test
    void anAdminAddsALineWithAnAreaAndARefusedFormKeepsWhatWasTyped() {
        Page page = chromium.signIn("admin", "Admin123!");
        HeadlessChromium.followMenu(page, "/production/lines");
        page.waitForURL(chromium.base() + "/production/lines");
        page.click("main a[href='/production/lines/new']");
        page.waitForURL(chromium.base() + "/production/lines/new");
        String code = "LX" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        page.fill("#code", "mal código");
        page.fill("#name", "");
        page.fill("#downtimeThresholdSeconds", "0");
        page.click("#line-form button[type=submit]");
        assertThat(page.locator("#code-error").textContent()).isNotBlank();
        assertThat(page.locator("#name-error").textContent()).isNotBlank();
        assertThat(page.locator("#downtimeThresholdSeconds-error").textContent())
                .isNotBlank();
        assertThat(page.locator("#error-summary li").count()).isEqualTo(3);
        assertThat(page.inputValue("#code")).isEqualTo("mal código");
        assertThat(page.inputValue("#downtimeThresholdSeconds")).isEqualTo("0");

        page.fill("#code", code);
        page.fill("#name", "Línea de prueba");
        page.fill("#downtimeThresholdSeconds", "120");
        page.click("#line-form button[type=submit]");
        page.waitForURL("**/production/lines/*-*");
        assertThat(page.locator("main .alert.ok").textContent()).contains(code);

        page.click("#area-form button[type=submit]");
        assertThat(page.locator("#area-form .field-error").first().textContent())
                .isNotBlank();
        page.fill("#area-name", "Salida final");
        page.selectOption("#area-type", "OUTPUT");
        page.click("#area-form button[type=submit]");
        assertThat(page.locator("main .alert.ok").textContent()).contains("Salida final");
        assertThat(page.locator("#areas tbody").textContent()).contains("Salida final", "Salida");

        page.navigate("/production/lines");
        assertThat(page.locator("#results tbody").textContent()).contains(code, "Línea de prueba", "120 s");
    }

    @Test
    void anAdminAddsAProductAfterARefusedForm() {
        Page page = chromium.signIn("admin", "Admin123!");
        HeadlessChromium.followMenu(page, "/production/products");
        page.waitForURL(chromium.base() + "/production/products");
        page.click("main a[href='/production/products/new']");
        page.waitForURL(chromium.base() + "/production/products/new");
        String code = "PX" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        page.fill("#code", code);
        page.fill("#name", "Galleta de prueba");
        page.fill("#idealCycleSeconds", "rápido");
        page.click("#product-form button[type=submit]");
        assertThat(page.locator("#idealCycleSeconds-error").textContent()).isNotBlank();
        assertThat(page.inputValue("#code")).isEqualTo(code);
        assertThat(page.inputValue("#name")).isEqualTo("Galleta de prueba");
        assertThat(page.inputValue("#idealCycleSeconds")).isEqualTo("rápido");

        page.fill("#idealCycleSeconds", "1.5");
        page.click("#product-form button[type=submit]");
        page.waitForURL("**/production/products/*-*");
        assertThat(page.locator("main .alert.ok").textContent()).contains(code);
        page.navigate("/production/products");
        assertThat(page.locator("#results tbody").textContent()).contains(code, "Galleta de prueba", "1,500 s");
    }

    @Test
    void anAdminAddsAShiftAfterARefusedForm() {
        Page page = chromium.signIn("admin", "Admin123!");
        HeadlessChromium.followMenu(page, "/production/shifts");
        page.waitForURL(chromium.base() + "/production/shifts");
        page.click("main a[href='/production/shifts/new']");
        page.waitForURL(chromium.base() + "/production/shifts/new");
        String name = "Turno " + UUID.randomUUID().toString().substring(0, 6);
        page.fill("#name", name);
        page.fill("#start", "22:00");
        page.fill("#end", "6 de la mañana");
        page.fill("#breaks", "02:00-02:30");
        page.click("#shift-form button[type=submit]");
        assertThat(page.locator("#end-error").textContent()).isNotBlank();
        assertThat(page.locator("#error-summary li").count()).isEqualTo(1);
        assertThat(page.inputValue("#name")).isEqualTo(name);
        assertThat(page.inputValue("#end")).isEqualTo("6 de la mañana");
        assertThat(page.inputValue("#breaks")).isEqualTo("02:00-02:30");

        page.fill("#end", "06:00");
        page.click("#shift-form button[type=submit]");
        page.waitForURL("**/production/shifts/*-*");
        assertThat(page.locator("main .alert.ok").textContent()).contains(name);
        page.navigate("/production/shifts");
        assertThat(page.locator("#results tbody").textContent()).contains(name, "22:00 – 06:00", "02:00 – 02:30");
        chromium.assertNoErrors();
    }

    @Test
    void anAdminAddsAFilterAndACameraAfterRefusedForms() {
        Page page = chromium.signIn("admin", "Admin123!");
        HeadlessChromium.followMenu(page, "/production/filters");
        page.waitForURL(chromium.base() + "/production/filters");
        page.click("main a[href='/production/filters/new']");
        page.waitForURL(chromium.base() + "/production/filters/new");
        String filter = "Filtro " + UUID.randomUUID().toString().substring(0, 6);
        page.fill("#name", filter);
        page.selectOption("#status", "false");
        page.fill("#position", "50");
        page.fill("#additional", "{type: product}");
        page.click("#filter-form button[type=submit]");
        assertThat(page.locator("#additional-error").textContent()).isNotBlank();
        assertThat(page.locator("#error-summary li").count()).isEqualTo(1);
        assertThat(page.inputValue("#name")).isEqualTo(filter);
        assertThat(page.inputValue("#position")).isEqualTo("50");
        assertThat(page.inputValue("#additional")).isEqualTo("{type: product}");
        page.fill("#additional", "{\"type\": \"product\"}");
        page.click("#filter-form button[type=submit]");
        page.waitForURL("**/production/filters/*-*");
        assertThat(page.locator("main .alert.ok").textContent()).contains(filter);

        HeadlessChromium.followMenu(page, "/production/cameras");
        page.waitForURL(chromium.base() + "/production/cameras");
        page.click("main a[href='/production/cameras/new']");
        page.waitForURL(chromium.base() + "/production/cameras/new");
        String camera = "Camara " + UUID.randomUUID().toString().substring(0, 6);
        page.fill("#name", camera);
        page.fill("#streamUrl", "camara-1");
        page.click("#camera-form button[type=submit]");
        assertThat(page.locator("#areaId-error").textContent()).isNotBlank();
        assertThat(page.locator("#streamUrl-error").textContent()).isNotBlank();
        assertThat(page.inputValue("#name")).isEqualTo(camera);
        assertThat(page.inputValue("#streamUrl")).isEqualTo("camara-1");
        page.selectOption("#areaId", new com.microsoft.playwright.options.SelectOption().setLabel("DEMO-L1 · Salida"));
        page.fill("#streamUrl", "rtsp://camara.example/1");
        page.click("#camera-form button[type=submit]");
        page.waitForURL("**/production/cameras/*-*");
        assertThat(page.locator("main .alert.ok").textContent()).contains(camera);
        page.navigate("/production/cameras");
        assertThat(page.locator("#results tbody").textContent()).contains(camera, "DEMO-L1 · Salida");
        chromium.assertNoErrors();
    }

    private void signInToPlatform(Page page) {
        signIn(page, "platform", "root", "Root123!");
    }

    private void signIn(Page page, String tenant, String username, String password) {
        page.navigate("/login");
        page.fill("input[name=tenant]", tenant);
        page.fill("input[name=username]", username);
        page.fill("input[name=password]", password);
        page.click("main form button[type=submit]");
        page.waitForURL(chromium.base() + "/");
    }

    /**
     * The pages {@link AllPagesBrowserTests} does not reach: a line's form with the line in it, and the platform's
     * organization pages, which no demo role of the demo organization sees. That test audits the rest of the
     * admin's pages (production lists and forms, a user's permissions, queue statistics) at both widths.
     */
    @Test
    void thePagesNoDemoRoleReachesPassTheAuditOnAPhoneInBothThemes() {
        var http = new TestHttp(port);
        String admin = signedIn.demo("admin", "Admin123!");
        List<Problem> problems = new ArrayList<>();
        String demo = json(http.call("GET", "/api/v1/auth/me", admin, null))
                .get("tenant_id")
                .asString();
        var created = http.call("POST", "/api/v1/production/lines", admin, """
                {"code": "AUD%s", "name": "Línea auditada"}""".formatted(
                        UUID.randomUUID().toString().substring(0, 6)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String line = json(created).get("id").asString();
        audit("demo", "admin", "Admin123!", List.of("/production/lines/" + line), problems);
        audit("platform", "root", "Root123!", List.of("/tenants", "/tenants/new", "/tenants/" + demo), problems);
        assertThat(problems).isEmpty();
    }

    /** Each page at 390 px wide, in the light theme with every axe rule, in the dark one with the colour rules. */
    private void audit(String tenant, String username, String password, List<String> paths, List<Problem> problems) {
        var timings = new PageAudit.Timings();
        for (ColorScheme theme : List.of(ColorScheme.LIGHT, ColorScheme.DARK)) {
            BrowserContext context = chromium.context(
                    new Browser.NewContextOptions().setColorScheme(theme).setViewportSize(390, 844));
            Page page = chromium.page(context);
            signIn(page, tenant, username, password);
            var audit = new PageAudit(
                    context,
                    page,
                    timings,
                    theme == ColorScheme.LIGHT ? null : PageAudit.COLOUR_RULES,
                    new HashSet<>());
            String who = username + " " + theme;
            for (String path : paths) {
                String at = audit.open(page, path, problems, who);
                audit.check(page, problems, who, at, 390);
                audit.logs(problems, who, at);
            }
            context.close();
        }
    }
}
