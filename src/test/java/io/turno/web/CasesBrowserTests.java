package io.turno.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ColorScheme;
import io.turno.SignedIn;
import io.turno.TestHttp;
import io.turno.TurnoTest;
import io.turno.notifications.internal.Dispatcher;
import io.turno.web.PageAudit.Problem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Seed 000 in a browser: a receptionist opens a case for a customer and, from the case page, sends
 * them a WhatsApp message through the organization's WhatsApp Cloud provider (WireMock); the case
 * page shows the notification's status in words. The new pages pass {@link PageAudit} at 390 px in
 * both themes.
 */
@TurnoTest
class CasesBrowserTests {

    static WireMockServer whatsapp;

    @BeforeAll
    static void startWhatsapp() {
        whatsapp = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        whatsapp.start();
    }

    @AfterAll
    static void stopWhatsapp() {
        whatsapp.stop();
    }

    @RegisterExtension
    final HeadlessChromium chromium = new HeadlessChromium();

    @RegisterExtension
    final SignedIn signedIn = new SignedIn();

    @LocalServerPort
    int port;

    /** The tests' worker is off: the test dispatches, as the worker would every few seconds. */
    @Autowired
    Dispatcher dispatcher;

    TestHttp http;
    String admin;
    String provider;

    @AfterEach
    void removeProvider() {
        if (provider != null) {
            http.call("DELETE", "/api/v1/notification-providers/" + provider, admin, null);
        }
    }

    @Test
    void aReceptionistOpensACaseAndSendsItsCustomerAWhatsappMessage() {
        http = new TestHttp(port);
        admin = signedIn.demo("admin", "Admin123!");
        String phoneNumberId = String.valueOf(100000 + (int) (Math.random() * 800000));
        var created = http.call(
                "POST", "/api/v1/notification-providers", admin, """
                {"channel": "WHATSAPP", "kind": "WHATSAPP_CLOUD", "name": "Meta (prueba)", "priority": 41,
                 "settings": {"base_url": "%s", "api_version": "v21.0", "phone_number_id": "%s"},
                 "secrets": {"access_token": "EAAG-browser-token"}}""".formatted(whatsapp.baseUrl(), phoneNumberId));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        provider = json(created).get("id").asString();
        String messages = "/v21.0/" + phoneNumberId + "/messages";
        whatsapp.stubFor(post(urlEqualTo(messages))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"messages\": [{\"id\": \"wamid.browser-1\"}]}")));

        Page page = chromium.signIn("reception", "Reception123!");
        HeadlessChromium.followMenu(page, "/cases");
        page.click("main a[href='/cases/new']");
        page.waitForURL("**/cases/new");

        // Bad input first: every field's message, and what was typed kept.
        String number = "P-" + UUID.randomUUID().toString().substring(0, 8);
        page.fill("#type", "Tutela");
        page.fill("#customerName", "Ana Restrepo");
        page.fill("#customerEmail", "ana-sin-arroba");
        page.fill("#customerPhone", "+57 300 123 4567");
        page.check("#customerWhatsappOptIn1");
        page.click("main form button[type=submit]");
        assertThat(page.locator("#number-error").textContent()).isNotBlank();
        assertThat(page.locator("#customerEmail-error").textContent()).isNotBlank();
        assertThat(page.locator(".error-summary li").count()).isEqualTo(2);
        assertThat(page.inputValue("#type")).isEqualTo("Tutela");
        assertThat(page.inputValue("#customerName")).isEqualTo("Ana Restrepo");
        assertThat(page.inputValue("#customerEmail")).isEqualTo("ana-sin-arroba");
        assertThat(page.isChecked("#customerWhatsappOptIn1")).isTrue();

        page.fill("#number", number);
        page.fill("#customerEmail", "ana@example.com");
        page.click("main form button[type=submit]");
        page.waitForURL("**/cases/*-*");
        String casePath = PageAudit.where(page);
        assertThat(page.locator("main h1").textContent()).contains(number);
        assertThat(page.locator("main").textContent()).contains("Ana Restrepo");

        // Free text needs a message: refused next to the field, the chosen channel kept.
        page.selectOption("#channel", "WHATSAPP");
        page.click("#send button[type=submit]");
        assertThat(page.locator("#body-error").textContent()).isNotBlank();
        assertThat(page.inputValue("#channel")).isEqualTo("WHATSAPP");

        page.fill("#body", "Hola Ana, su proceso " + number + " fue radicado.");
        page.click("#send button[type=submit]");
        page.waitForURL("**" + page.url().substring(page.url().indexOf("/cases/")));
        assertThat(page.locator("main [role=status]").textContent()).contains("Notificación en cola");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            dispatcher.runOnce();
            page.reload();
            assertThat(page.locator("main section.card .badge").first().textContent())
                    .isEqualTo("Enviada");
        });
        whatsapp.verify(
                1,
                postRequestedFor(urlEqualTo(messages))
                        .withRequestBody(equalToJson("{\"to\": \"573001234567\", \"type\": \"text\"}", true, true)));
        assertThat(casePath).isEqualTo("/cases/{id}");

        audit("reception", "Reception123!", page.url().substring(chromium.base().length()), "/cases/new", "/cases");
    }

    /**
     * The provider forms {@link AllPagesBrowserTests} does not reach: WhatsApp's new form and a Twilio provider's.
     * That test audits the template pages and the providers' list.
     */
    @Test
    void theProviderFormsOfEachKindPassTheAuditOnAPhoneInBothThemes() {
        http = new TestHttp(port);
        admin = signedIn.demo("admin", "Admin123!");
        var created = http.call("POST", "/api/v1/notification-providers", admin, """
                {"channel": "SMS", "kind": "TWILIO", "name": "Twilio (prueba)", "priority": 41, "enabled": false,
                 "settings": {"account_sid": "AC123", "from": "+15005550006"}, "secrets": {"auth_token": "tw-secret"}}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        provider = json(created).get("id").asString();
        audit(
                "admin",
                "Admin123!",
                "/notification-providers/new?kind=WHATSAPP_CLOUD",
                "/notification-providers/" + provider);
    }

    /** Each path, as this demo user, at 390 px in the light and the dark theme: no PageAudit problem. */
    void audit(String username, String password, String... paths) {
        List<Problem> problems = new ArrayList<>();
        for (ColorScheme theme : List.of(ColorScheme.LIGHT, ColorScheme.DARK)) {
            BrowserContext context = chromium.context(
                    new Browser.NewContextOptions().setColorScheme(theme).setViewportSize(390, 844));
            Page page = chromium.signIn(context, username, password);
            var audit = new PageAudit(
                    context,
                    page,
                    new PageAudit.Timings(),
                    theme == ColorScheme.LIGHT ? null : PageAudit.COLOUR_RULES,
                    new HashSet<>());
            for (String path : paths) {
                String at = audit.open(page, path, problems, username + " " + theme);
                audit.check(page, problems, username + " " + theme, at, 390);
                audit.logs(problems, username + " " + theme, at);
            }
            context.close();
        }
        assertThat(problems).isEmpty();
    }
}
