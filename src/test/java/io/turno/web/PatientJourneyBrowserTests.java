package io.turno.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ColorScheme;
import io.turno.Inbox;
import io.turno.SignedIn;
import io.turno.TestDatabase;
import io.turno.TestHttp;
import io.turno.TestServers;
import io.turno.TurnoTest;
import io.turno.notifications.internal.Dispatcher;
import io.turno.scheduling.SchedulingFixture;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Seed 004's patient in a real browser: the organization's public booking page, an account opened
 * there, the card charged (the provider in WireMock) and the confirmation in GreenMail; "forgot
 * password" through its email, the link working once; and every new page under axe at a phone's
 * width in both themes.
 */
@TurnoTest
class PatientJourneyBrowserTests {

    static GreenMail smtp = TestServers.startSmtp();
    static WireMockServer provider = TestServers.cardGateway();

    @AfterAll
    static void stop() {
        smtp.stop();
    }

    @RegisterExtension
    final HeadlessChromium chromium = new HeadlessChromium();

    @RegisterExtension
    final SignedIn signedIn = new SignedIn();

    @LocalServerPort
    int port;

    @Autowired
    Dispatcher dispatcher;

    JdbcClient owner;
    TestHttp http;
    SchedulingFixture scheduling;

    @Autowired
    void ownerConnection(javax.sql.DataSource dataSource) {
        owner = TestDatabase.owner(dataSource);
    }

    Inbox inbox;

    @BeforeEach
    void setUp() throws Exception {
        smtp.purgeEmailFromAllMailboxes();
        inbox = new Inbox(smtp, dispatcher, owner);
        http = new TestHttp(port);
        scheduling = new SchedulingFixture(http, signedIn.demo("admin", "Admin123!"), "America/Bogota", 45);
        provider.resetAll();
        provider.stubFor(post(urlEqualTo("/v1/charges"))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"id\": \"ch_ok\", \"status\": \"approved\"}")));
        // One request first, so the stub's first answer is not slower than the client's 1 s timeout.
        java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create(provider.baseUrl() + "/__admin/mappings"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding());
    }

    @AfterEach
    void signOut() {
        scheduling.signOut();
    }

    @Test
    void aNewPatientChoosesATimeOpensAnAccountPaysAndTheConfirmationArrives() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String email = "nuevo-" + suffix + "@example.com";
        String document = "77" + Math.abs(suffix.hashCode() % 100_000_000);
        Page page = chromium.page();

        page.navigate("/demo/reservar");
        assertThat(page.locator("main h1").textContent()).contains("Clínica Demo");
        page.click("#services a[href*='service=" + scheduling.service + "']");
        assertThat(page.locator("#services .card.selected").textContent()).contains("45 min");
        page.fill("#date", scheduling.day(2).toString());
        page.click("#times form button[type=submit]");
        page.locator("#times .card", new Page.LocatorOptions().setHasText("Terapeuta " + scheduling.suffix))
                .locator("a.slot", new com.microsoft.playwright.Locator.LocatorOptions().setHasText("09:30"))
                .click();

        // Not signed in: an account first. A weak password, a missing document and an email another
        // account signs in with come back at once, with what was typed kept.
        assertThat(page.url()).contains("/demo/reservar/cuenta");
        page.fill("#fullName", "Paciente Nueva " + suffix);
        page.fill("#email", "reception@demo.turno.local");
        page.fill("#username", "nueva-" + suffix);
        page.fill("#password", "corta");
        page.fill("#confirm", "corta");
        page.click("main form.form button[type=submit]");
        assertThat(page.locator("#error-summary").textContent()).contains("Número de documento");
        assertThat(page.locator("#password-error").textContent()).isNotBlank();
        assertThat(page.inputValue("#fullName")).isEqualTo("Paciente Nueva " + suffix);
        assertThat(page.locator("#email-error").textContent()).contains("ya tiene una cuenta");

        page.fill("#email", email);
        page.fill("#documentNumber", document);
        page.fill("#password", "Nueva123!");
        page.fill("#confirm", "Nueva123!");
        page.click("main form.form button[type=submit]");

        assertThat(page.url()).as(page.locator("main").textContent()).contains("/demo/reservar/pagar?service=");
        assertThat(page.locator("#reservation-summary").textContent()).contains("09:30");
        page.fill("#cardToken", "tok_visa");
        page.click("main form.form button[type=submit]");
        page.waitForLoadState();
        if (!page.url().endsWith("/my-appointments")) {
            // The provider's stub answered after the client's 1 s timeout (a loaded machine): the page
            // kept the idempotency key, and paying again settles the same charge, as a patient would.
            assertThat(page.locator("#error-summary").textContent()).contains("no respondió");
            page.fill("#cardToken", "tok_visa");
            page.click("main form.form button[type=submit]");
        }
        page.waitForURL(chromium.base() + "/my-appointments");
        assertThat(page.locator("main .alert.ok").textContent())
                .contains("09:30")
                .contains("recibo");
        assertThat(page.locator("#my-appointments").textContent()).contains("Terapeuta " + scheduling.suffix);
        assertThat(provider.findAll(postRequestedFor(urlEqualTo("/v1/charges"))
                        .withRequestBody(matchingJsonPath(
                                "$.card_token", com.github.tomakehurst.wiremock.client.WireMock.equalTo("tok_visa")))
                        .withRequestBody(matchingJsonPath(
                                "$.amount", com.github.tomakehurst.wiremock.client.WireMock.equalTo("45000.00")))))
                .isNotEmpty();

        MimeMessage confirmation = inbox.receive(email, "APPOINTMENT_CONFIRMATION");
        assertThat(confirmation.getSubject()).isEqualTo("Cita confirmada");
        assertThat(Inbox.text(confirmation))
                .contains("Paciente Nueva " + suffix)
                .contains("09:30");
    }

    @Test
    void aForgottenPasswordIsResetThroughTheEmailedLinkWhichWorksOnce() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String username = "olvido-" + suffix;
        String email = username + "@example.com";
        var registered = http.postJson("/api/v1/auth/register", """
                {"tenant": "demo", "username": "%s", "full_name": "Olvido %s", "email": "%s", "password": "Vieja123!"}""".formatted(username, suffix, email));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        http.call(
                "POST",
                "/api/v1/auth/logout",
                json(registered).get("access_token").asString(),
                null);

        Page page = chromium.page();
        page.navigate("/login");
        page.click("a[href='/password/forgot']");
        page.fill("#tenant", "demo");
        page.fill("#login", email.toUpperCase());
        page.click("main form button[type=submit]");
        String answer = page.locator("main .alert.ok").textContent();

        // An account that does not exist gets the very same answer, and no email.
        page.fill("#tenant", "demo");
        page.fill("#login", "nadie-" + suffix);
        page.click("main form button[type=submit]");
        assertThat(page.locator("main .alert.ok").textContent()).isEqualTo(answer);

        String body = Inbox.text(inbox.receive(email, "PASSWORD_RESET"));
        Matcher link =
                Pattern.compile("/password/reset\\?token=([A-Za-z0-9_-]+)").matcher(body);
        assertThat(link.find()).as(body).isTrue();
        String token = link.group(1);
        assertThat(owner.sql("SELECT count(*) FROM identity_password_resets WHERE token_hash = :t")
                        .param("t", token)
                        .query(Long.class)
                        .single())
                .as("only a hash of the secret is stored")
                .isZero();
        assertThat(owner.sql(
                                "SELECT count(*) FROM notifications WHERE recipient_email = :e AND template_code = 'PASSWORD_RESET'")
                        .param("e", "nadie-" + suffix)
                        .query(Long.class)
                        .single())
                .isZero();

        page.navigate("/password/reset?token=" + token);
        assertThat(page.locator("main form #password").count())
                .as(page.locator("main").textContent() + " / " + body)
                .isEqualTo(1);
        page.fill("#password", "Nueva123!");
        page.fill("#confirm", "Otra1234!");
        page.click("main form button[type=submit]");
        assertThat(page.locator("#confirm-error").textContent()).isNotBlank();
        page.fill("#password", "Nueva123!");
        page.fill("#confirm", "Nueva123!");
        page.click("main form button[type=submit]");
        page.waitForURL(chromium.base() + "/login?reset");

        assertThat(http.postJson("/api/v1/auth/login", """
                {"tenant": "demo", "username": "%s", "password": "Vieja123!"}""".formatted(username)).statusCode())
                .isEqualTo(401);
        var signedInNow = http.postJson("/api/v1/auth/login", """
                {"tenant": "demo", "username": "%s", "password": "Nueva123!"}""".formatted(username));
        assertThat(signedInNow.statusCode()).isEqualTo(200);
        http.call(
                "POST",
                "/api/v1/auth/logout",
                json(signedInNow).get("access_token").asString(),
                null);

        page.navigate("/password/reset?token=" + token);
        assertThat(page.locator("main .alert.error").textContent()).contains("ya se usó");
        assertThat(page.locator("main form #password").count()).isZero();
        assertThat(owner.sql(
                                "SELECT count(*) FROM audit_log WHERE action IN ('PASSWORD_RESET_REQUESTED', 'PASSWORD_RESET')"
                                        + " AND actor_name = :u")
                        .param("u", username)
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
    }

    @Test
    void theNewPagesFitAPhoneAndPassAxeInBothThemes() {
        List<PageAudit.Problem> problems = new ArrayList<>();
        var timings = new PageAudit.Timings();
        var scanned = new HashSet<String>();
        String choose = "/demo/reservar?service=%s&date=%s".formatted(scheduling.service, scheduling.day(2));
        String slot = "service=%s&therapist=%s&start=%s"
                .formatted(scheduling.service, scheduling.practitioner, scheduling.at(scheduling.day(2), "10:00"))
                .replace("+", "%2B");
        UUID demoPatient = owner.sql("""
                        SELECT c.id FROM customers c JOIN users u ON u.id = c.user_id
                        WHERE u.username = 'patient' AND u.tenant_id = c.tenant_id
                          AND c.tenant_id = (SELECT id FROM tenants WHERE slug = 'demo')""").query(UUID.class).single();
        UUID own = scheduling.bookAppointment(scheduling.admin, demoPatient, 3, "11:00");
        for (ColorScheme theme : List.of(ColorScheme.LIGHT, ColorScheme.DARK)) {
            var context = chromium.context(
                    new Browser.NewContextOptions().setColorScheme(theme).setViewportSize(390, 844));
            Page page = chromium.page(context);
            var audit = new PageAudit(context, page, timings, null, scanned);
            String who = "anonymous " + theme;
            for (String path : List.of(
                    "/demo/reservar",
                    choose,
                    "/demo/reservar/cuenta?" + slot,
                    "/password/forgot",
                    "/password/reset?token=" + "x".repeat(43))) {
                String at = audit.open(page, path, problems, who);
                audit.check(page, problems, who, at + " " + theme, 390);
                audit.logs(problems, who, at);
            }
            var patientContext = chromium.context(
                    new Browser.NewContextOptions().setColorScheme(theme).setViewportSize(390, 844));
            Page patient = chromium.signIn(patientContext, "patient", "Patient123!");
            var patientAudit = new PageAudit(patientContext, patient, timings, null, scanned);
            for (String path :
                    List.of("/demo/reservar/pagar?" + slot, "/my-appointments", "/my-appointments/" + own + "/move")) {
                String at = patientAudit.open(patient, path, problems, "patient " + theme);
                patientAudit.check(patient, problems, "patient " + theme, at + " " + theme, 390);
                patientAudit.logs(problems, "patient " + theme, at);
            }
        }
        assertThat(problems).isEmpty();
    }
}
