package io.turno.notifications;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.turno.PageSession;
import io.turno.SignedIn;
import io.turno.TestHttp;
import io.turno.TurnoTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The templates and providers pages: a template's preview renders what was typed with sample values
 * and saves nothing; a provider's secrets go in and never come back in a page; "send test" sends one
 * message through that provider (WireMock) and shows its answer; bad input comes back with each
 * field's message and what was typed.
 */
@TurnoTest
class NotificationAdminPagesTests {

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
    final SignedIn signedIn = new SignedIn();

    @LocalServerPort
    int port;

    TestHttp http;
    PageSession admin;
    String adminToken;
    String suffix;
    String provider;

    @BeforeEach
    void setUp() {
        whatsapp.resetAll();
        http = new TestHttp(port);
        admin = PageSession.signIn(http, "demo", "admin", "Admin123!");
        adminToken = signedIn.demo("admin", "Admin123!");
        suffix = UUID.randomUUID().toString().substring(0, 6).toUpperCase().replace('-', '0');
    }

    @AfterEach
    void removeProvider() {
        if (provider != null) {
            http.call("DELETE", "/api/v1/notification-providers/" + provider, adminToken, null);
        }
    }

    @Test
    void thePreviewRendersWhatWasTypedWithTheSamplesAndSavesNothing() {
        String code = "PRUEBA_" + suffix;
        var preview = admin.post(
                "/notification-templates",
                "code",
                code,
                "channel",
                "EMAIL",
                "language",
                "es",
                "subject",
                "Hola {{nombre}}",
                "body",
                "Su cita es el {{fecha}} a las {{hora}}.",
                "variables",
                "nombre, fecha, hora",
                "samples",
                "nombre=Ana <b>\nfecha=lunes 7",
                "preview",
                "1");
        assertThat(preview.statusCode()).isEqualTo(200);
        String section = PageSession.find(preview.body(), "(<section[^>]*id=\"preview\".*?</section>)");
        assertThat(section).contains("Hola Ana &lt;b&gt;", "Su cita es el lunes 7 a las {{hora}}.");
        assertThat(preview.body()).contains("value=\"" + code + "\"", "nombre, fecha, hora");
        var saved = http.call("GET", "/api/v1/notification-templates?code=" + code, adminToken, null);
        assertThat(json(saved).get("total").asInt()).isZero();

        var created = admin.submit(
                "/notification-templates",
                "code",
                code,
                "channel",
                "EMAIL",
                "language",
                "es",
                "subject",
                "Hola {{nombre}}",
                "body",
                "Su cita es el {{fecha}}.",
                "variables",
                "nombre, fecha");
        assertThat(created.body()).contains("Plantilla guardada.", code);
        assertThat(json(http.call("GET", "/api/v1/notification-templates?code=" + code, adminToken, null))
                        .get("total")
                        .asInt())
                .isOne();
    }

    @Test
    void aRefusedTemplateComesBackWithEveryMessageAndWhatWasTyped() {
        var refused = admin.post(
                "/notification-templates",
                "code",
                "con espacio",
                "channel",
                "EMAIL",
                "language",
                "es",
                "subject",
                "",
                "body",
                "Hola {{nombre}}",
                "variables",
                "");
        assertThat(refused.statusCode()).isEqualTo(200);
        String page = refused.body();
        assertThat(page).contains("id=\"code-error\"", "value=\"con espacio\"", "Hola {{nombre}}");
        // The service's own refusals too, once the request itself is valid.
        var undeclared = admin.post(
                "/notification-templates",
                "code",
                "NODECL_" + suffix,
                "channel",
                "EMAIL",
                "language",
                "es",
                "subject",
                "",
                "body",
                "Hola {{nombre}}",
                "variables",
                "");
        assertThat(undeclared.body())
                .contains("id=\"variables-error\"", "id=\"subject-error\"", "value=\"NODECL_" + suffix + "\"");
    }

    @Test
    void aProvidersSecretsGoInNeverComeOutAndSendTestUsesThem() {
        String phoneNumberId = String.valueOf(100000 + (int) (Math.random() * 800000));
        String secret = "EAAG-page-secret-" + suffix;
        String messages = "/v21.0/" + phoneNumberId + "/messages";
        whatsapp.stubFor(post(urlEqualTo(messages))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"messages\": [{\"id\": \"wamid.test-" + suffix + "\"}]}")));

        // Bad input first: each field's message, what was typed kept, the secret not echoed.
        var refused = admin.post(
                "/notification-providers",
                "kind",
                "WHATSAPP_CLOUD",
                "name",
                "Meta " + suffix,
                "priority",
                "primera",
                "enabled",
                "true",
                "settings[base_url]",
                whatsapp.baseUrl(),
                "settings[phone_number_id]",
                "",
                "secrets[access_token]",
                secret);
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body())
                .contains("id=\"priority-error\"", "value=\"primera\"", "value=\"Meta " + suffix + "\"")
                .doesNotContain(secret);

        var created = admin.post(
                "/notification-providers",
                "kind",
                "WHATSAPP_CLOUD",
                "name",
                "Meta " + suffix,
                "priority",
                "43",
                "enabled",
                "true",
                "settings[base_url]",
                whatsapp.baseUrl(),
                "settings[api_version]",
                "v21.0",
                "settings[phone_number_id]",
                phoneNumberId,
                "secrets[access_token]",
                secret,
                "secrets[app_secret]",
                "");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
        String path = PageSession.location(created).replaceFirst("^https?://[^/]+", "");
        provider = path.substring(path.lastIndexOf('/') + 1);

        var page = admin.get(path);
        assertThat(page.body())
                .contains("Meta " + suffix, "guardado; déjalo vacío para conservarlo")
                .doesNotContain(secret);
        assertThat(admin.get("/notification-providers").body())
                .contains("Meta " + suffix)
                .doesNotContain(secret);

        // Saved again with the secret left empty: kept.
        var saved = admin.submit(
                path,
                "name",
                "Meta " + suffix,
                "priority",
                "43",
                "enabled",
                "true",
                "settings[base_url]",
                whatsapp.baseUrl(),
                "settings[api_version]",
                "v21.0",
                "settings[phone_number_id]",
                phoneNumberId,
                "secrets[access_token]",
                "");
        assertThat(saved.body()).contains("Proveedor guardado.").doesNotContain(secret);

        var badTest = admin.post(path + "/test", "to", "nadie");
        assertThat(badTest.body()).contains("id=\"to-error\"", "value=\"nadie\"");

        var tested = admin.submit(path + "/test", "to", "+57 300 765 4321");
        assertThat(PageSession.find(tested.body(), "id=\"test-outcome\"[^>]*>([^<]*)<"))
                .contains("aceptó", "wamid.test-" + suffix);
        whatsapp.verify(
                1, postRequestedFor(urlEqualTo(messages)).withHeader("Authorization", equalTo("Bearer " + secret)));

        whatsapp.stubFor(post(urlEqualTo(messages))
                .willReturn(aResponse().withStatus(401).withBody("{\"error\": {\"message\": \"bad token\"}}")));
        var failed = admin.submit(path + "/test", "to", "+57 300 765 4321");
        assertThat(PageSession.find(failed.body(), "id=\"test-outcome\"[^>]*>([^<]*)<"))
                .contains("no salió", "HTTP 401");
    }
}
