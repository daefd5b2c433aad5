package io.turno.notifications;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.turno.TestHttp.assertProblem;
import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.turno.AlongsideTheSuite;
import io.turno.TestDatabase;
import io.turno.TestHttp;
import io.turno.notifications.internal.Dispatcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * WhatsApp (Cloud API) and SMS (Twilio) providers against WireMock: the exact requests, the signed
 * status webhooks, retries, permanent refusals, the circuit breaker and the fallback channel. Each
 * test works in an organization of its own, so its providers and circuits are its own.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "turno.notifications.max-attempts=5",
            "turno.notifications.initial-backoff=PT1S",
            "turno.notifications.circuit.minimum-calls=5",
            "turno.notifications.circuit.window=10",
            "turno.notifications.circuit.wait-open=PT1S",
            "turno.notifications.http-timeout=PT1S",
            "turno.notifications.secret-key=" + ProviderDispatchTests.SECRET_KEY
        })
@AlongsideTheSuite
class ProviderDispatchTests {

    static final String SECRET_KEY = "dHVybm8tbm90aWZpY2F0aW9ucy10ZXN0LWtleS0zMmI=";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static WireMockServer stub;

    @BeforeAll
    static void startStub() {
        stub = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        stub.start();
    }

    @AfterAll
    static void stopStub() {
        stub.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    Dispatcher dispatcher;

    JdbcClient owner;
    TestHttp http;
    String admin;
    String phoneNumberId;
    String slug;

    @Autowired
    void ownerConnection(javax.sql.DataSource dataSource) {
        owner = TestDatabase.owner(dataSource);
    }

    @BeforeEach
    void setUp() {
        stub.resetAll();
        owner.sql("UPDATE notifications SET status = 'CANCELLED' WHERE status IN ('PENDING', 'SENDING')")
                .update();
        http = new TestHttp(port);
        slug = "prov-" + UUID.randomUUID().toString().substring(0, 8);
        String root = http.token("platform", "root", "Root123!");
        var tenant = http.call("POST", "/api/v1/tenants", root, """
                {"slug": "%s", "name": "Proveedores", "admin": {"username": "jefe", "password": "Prov-Clave-123"}}""".formatted(slug));
        assertThat(tenant.statusCode()).as(tenant.body()).isEqualTo(201);
        http.call("POST", "/api/v1/auth/logout", root, null);
        admin = http.token(slug, "jefe", "Prov-Clave-123");
        phoneNumberId = String.valueOf(100000 + (int) (Math.random() * 800000));
    }

    String whatsappProvider(int priority) {
        var created = http.call("POST", "/api/v1/notification-providers", admin, """
                {"channel": "WHATSAPP", "kind": "WHATSAPP_CLOUD", "name": "Meta", "priority": %d,
                 "settings": {"base_url": "%s", "api_version": "v21.0", "phone_number_id": "%s",
                              "templates": {"CITA": "cita_confirmada"}},
                 "secrets": {"access_token": "EAAG-secret-token", "app_secret": "the-app-secret",
                             "verify_token": "verify-me"}}""".formatted(
                        priority, stub.baseUrl(), phoneNumberId));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).get("id").asString();
    }

    String smsProvider() {
        var created = http.call(
                "POST", "/api/v1/notification-providers", admin, """
                {"channel": "SMS", "kind": "TWILIO", "name": "Twilio", "priority": 1,
                 "settings": {"base_url": "%s", "account_sid": "AC%s", "from": "+15005550006",
                              "status_callback_base_url": "http://127.0.0.1:%d"},
                 "secrets": {"auth_token": "twilio-auth-token"}}""".formatted(stub.baseUrl(), phoneNumberId, port));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).get("id").asString();
    }

    String whatsappPath() {
        return "/v21.0/" + phoneNumberId + "/messages";
    }

    String smsPath() {
        return "/2010-04-01/Accounts/AC" + phoneNumberId + "/Messages.json";
    }

    void whatsappAnswers(int status, String body) {
        stub.stubFor(post(urlEqualTo(whatsappPath()))
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/json")
                        .withBody(body)));
    }

    static String accepted(String wamid) {
        return """
                {"messaging_product": "whatsapp", "contacts": [{"input": "573001234567", "wa_id": "573001234567"}],
                 "messages": [{"id": "%s"}]}""".formatted(wamid);
    }

    String whatsappNotification(String body, String extra) {
        var created = http.call("POST", "/api/v1/notifications", admin, """
                {"recipient": {"name": "Ana", "phone": "+57 300 123 4567", "whatsapp_opt_in": true},
                 "channel": "WHATSAPP", "body": "%s"%s}""".formatted(body, extra));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).get("id").asString();
    }

    JsonNode notification(String id) {
        return json(http.call("GET", "/api/v1/notifications/" + id, admin, null));
    }

    void dueNow() {
        owner.sql("UPDATE notifications SET next_attempt_at = now() - interval '1 second' WHERE status = 'PENDING'")
                .update();
    }

    String attemptId(String notification, int number) {
        return owner.sql("SELECT id FROM notification_attempts WHERE notification_id = :n AND number = :number")
                .param("n", UUID.fromString(notification))
                .param("number", number)
                .query(UUID.class)
                .single()
                .toString();
    }

    @Test
    void providersKeepTheirSecretsEncryptedAndNeverShowThem() {
        String id = whatsappProvider(1);
        var view = http.call("GET", "/api/v1/notification-providers/" + id, admin, null);
        assertThat(view.body())
                .doesNotContain("EAAG-secret-token")
                .doesNotContain("the-app-secret")
                .doesNotContain("verify-me");
        assertThat(json(view).get("secrets_set").valueStream().map(JsonNode::asString))
                .containsExactly("access_token", "app_secret", "verify_token");
        assertThat(json(view).get("circuit").asString()).isEqualTo("CLOSED");
        assertThat(http.call("GET", "/api/v1/notification-providers", admin, null)
                        .body())
                .doesNotContain("EAAG-secret-token");
        byte[] stored = owner.sql("SELECT secrets FROM notification_providers WHERE id = :id")
                .param("id", UUID.fromString(id))
                .query(byte[].class)
                .single();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1))
                .doesNotContain("EAAG")
                .doesNotContain("app-secret");
        assertThat(owner.sql("SELECT summary::text FROM audit_log WHERE entity_id = :id")
                        .param("id", id)
                        .query(String.class)
                        .list())
                .isNotEmpty()
                .allSatisfy(s -> assertThat(s).doesNotContain("EAAG-secret"));

        // A secret left out of an update is kept; a secret in the settings is refused.
        var updated = http.call(
                "PUT", "/api/v1/notification-providers/" + id, admin, """
                {"channel": "WHATSAPP", "kind": "WHATSAPP_CLOUD", "name": "Meta 2", "priority": 1,
                 "settings": {"base_url": "%s", "phone_number_id": "%s"}, "secrets": {"app_secret": "new-secret"}}""".formatted(stub.baseUrl(), phoneNumberId));
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        assertThat(json(updated).get("secrets_set").size()).isEqualTo(3);
        var misplaced = assertProblem(
                http.call("POST", "/api/v1/notification-providers", admin, """
                {"channel": "SMS", "kind": "TWILIO", "name": "T", "priority": 2,
                 "settings": {"account_sid": "AC1", "from": "+1500", "auth_token": "oops"}}"""), 422, "VALIDATION_FAILED");
        assertThat(misplaced.toString()).doesNotContain("oops");
        assertProblem(http.call("POST", "/api/v1/notification-providers", admin, """
                {"channel": "WHATSAPP", "kind": "WHATSAPP_CLOUD", "name": "Dup", "priority": 1,
                 "settings": {"phone_number_id": "1"}, "secrets": {"access_token": "x"}}"""), 409, "CONFLICT");
        String reception = http.demoToken("reception", "Reception123!");
        assertProblem(
                http.call("GET", "/api/v1/notification-providers", reception, null), 403, "INSUFFICIENT_PERMISSIONS");
        http.call("POST", "/api/v1/auth/logout", reception, null);
    }

    @Test
    void whatsappTextAndTemplateMessagesReachTheCloudApiAsItExpectsThem() throws Exception {
        whatsappProvider(1);
        whatsappAnswers(200, accepted("wamid.TEXT1"));
        var template = http.call("POST", "/api/v1/notification-templates", admin, """
                {"code": "CITA", "channel": "WHATSAPP", "language": "es", "body": "Hola {{name}}, su cita es el {{date}}",
                 "variables": ["name", "date"]}""");
        assertThat(template.statusCode()).as(template.body()).isEqualTo(201);
        String text = whatsappNotification("Hola Ana", "");
        assertThat(dispatcher.runOnce()).isOne();
        var sent = notification(text);
        assertThat(sent.get("status").asString()).isEqualTo("SENT");
        assertThat(sent.get("history").get(0).get("provider").asString()).isEqualTo("whatsapp");
        assertThat(sent.get("history").get(0).get("provider_message_id").asString())
                .isEqualTo("wamid.TEXT1");

        var requests = stub.findAll(postRequestedFor(urlEqualTo(whatsappPath())));
        assertThat(requests).hasSize(1);
        assertThat(requests.getFirst().getHeader("Authorization")).isEqualTo("Bearer EAAG-secret-token");
        assertThat(requests.getFirst().getHeader("Content-Type")).startsWith("application/json");
        assertThat(JSON.readTree(requests.getFirst().getBodyAsString()))
                .isEqualTo(JSON.readTree("""
                {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "573001234567",
                 "type": "text", "text": {"preview_url": false, "body": "Hola Ana"},
                 "biz_opaque_callback_data": "%s"}""".formatted(attemptId(text, 1))));

        stub.resetRequests();
        var created = http.call("POST", "/api/v1/notifications", admin, """
                {"recipient": {"name": "Ana", "phone": "+573001234567", "whatsapp_opt_in": true}, "channel": "WHATSAPP",
                 "template_code": "CITA", "variables": {"date": "1 de diciembre", "name": "Ana"}}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String templated = json(created).get("id").asString();
        assertThat(dispatcher.runOnce()).isOne();
        var body = stub.findAll(postRequestedFor(urlEqualTo(whatsappPath())))
                .getFirst()
                .getBodyAsString();
        assertThat(JSON.readTree(body)).isEqualTo(JSON.readTree("""
                {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "573001234567",
                 "type": "template",
                 "template": {"name": "cita_confirmada", "language": {"code": "es"},
                              "components": [{"type": "body", "parameters": [{"type": "text", "text": "Ana"},
                                                                            {"type": "text", "text": "1 de diciembre"}]}]},
                 "biz_opaque_callback_data": "%s"}""".formatted(attemptId(templated, 1))));
    }

    @Test
    void aSignedStatusWebhookMarksDeliveredAndAnUnsignedOrBadlySignedOneChangesNothing() throws Exception {
        String provider = whatsappProvider(1);
        String wamid = "wamid." + UUID.randomUUID();
        whatsappAnswers(200, accepted(wamid));
        String id = whatsappNotification("Hola", "");
        dispatcher.runOnce();
        String path = "/api/v1/public/webhooks/whatsapp/" + provider;

        var challenge = http.send(
                http.request(path + "?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444"));
        assertThat(challenge.statusCode()).isEqualTo(200);
        assertThat(challenge.body()).isEqualTo("1158201444");
        assertThat(http.send(http.request(path + "?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1"))
                        .statusCode())
                .isEqualTo(403);

        String payload = """
                {"object": "whatsapp_business_account", "entry": [{"id": "WABA", "changes": [{"field": "messages",
                 "value": {"messaging_product": "whatsapp", "metadata": {"display_phone_number": "15550000000",
                           "phone_number_id": "%s"},
                           "statuses": [{"id": "%s", "status": "delivered", "timestamp": "1700000000",
                                         "recipient_id": "573001234567"}]}}]}]}""".formatted(phoneNumberId, wamid);
        assertThat(webhook(path, payload, null).statusCode()).isEqualTo(401);
        assertThat(webhook(path, payload, "sha256=" + hmacHex("wrong-secret", payload))
                        .statusCode())
                .isEqualTo(401);
        assertThat(webhook(path, payload, "sha256=" + hmacHex("the-app-secret", payload + " "))
                        .statusCode())
                .isEqualTo(401);
        assertThat(notification(id).get("status").asString()).isEqualTo("SENT");
        assertThat(owner.sql("SELECT delivery_status FROM notification_attempts WHERE notification_id = :n")
                        .param("n", UUID.fromString(id))
                        .query()
                        .singleRow()
                        .get("delivery_status"))
                .isNull();

        var signed = webhook(path, payload, "sha256=" + hmacHex("the-app-secret", payload));
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
        var delivered = notification(id);
        assertThat(delivered.get("status").asString()).isEqualTo("DELIVERED");
        assertThat(delivered.get("delivered_at").isNull()).isFalse();
        assertThat(delivered.get("history").get(0).get("delivery_status").asString())
                .isEqualTo("delivered");
        assertThat(owner.sql("SELECT action FROM audit_log WHERE entity_id = :id ORDER BY id")
                        .param("id", id)
                        .query(String.class)
                        .list())
                .containsExactly("CREATE", "DISPATCH", "DELIVERY");
    }

    @Test
    void smsGoesToTheTwilioApiFormEncodedWithBasicAuthAndItsSignedCallbackMarksDelivered() throws Exception {
        String provider = smsProvider();
        stub.stubFor(post(urlEqualTo(smsPath()))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\": \"SM0123456789\", \"status\": \"queued\"}")));
        var created = http.call("POST", "/api/v1/notifications", admin, """
                {"recipient": {"name": "Luis", "phone": "+57 300 765 4321"}, "channel": "SMS", "body": "Su turno: A-001"}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = json(created).get("id").asString();
        assertThat(dispatcher.runOnce()).isOne();
        assertThat(notification(id).get("status").asString()).isEqualTo("SENT");

        var requests = stub.findAll(postRequestedFor(urlEqualTo(smsPath())));
        assertThat(requests).hasSize(1);
        var request = requests.getFirst();
        assertThat(request.getHeader("Authorization"))
                .isEqualTo("Basic "
                        + Base64.getEncoder()
                                .encodeToString(("AC" + phoneNumberId + ":twilio-auth-token")
                                        .getBytes(StandardCharsets.UTF_8)));
        assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        String callback = "http://127.0.0.1:" + port + "/api/v1/public/webhooks/twilio/" + provider + "?attempt="
                + attemptId(id, 1);
        assertThat(request.getBodyAsString())
                .isEqualTo("To=%2B573007654321&From=%2B15005550006&Body="
                        + URLEncoder.encode("Su turno: A-001", StandardCharsets.UTF_8) + "&StatusCallback="
                        + URLEncoder.encode(callback, StandardCharsets.UTF_8));

        String form = "MessageSid=SM0123456789&MessageStatus=delivered&AccountSid=AC" + phoneNumberId;
        // Twilio's algorithm: the full URL, then each POST parameter's name and value, sorted by name.
        String data = callback + "AccountSidAC" + phoneNumberId + "MessageSidSM0123456789MessageStatusdelivered";
        String signature = Base64.getEncoder().encodeToString(hmac("HmacSHA1", "twilio-auth-token", data));
        String path = callback.substring(("http://127.0.0.1:" + port).length());
        assertThat(twilio(path, form, null).statusCode()).isEqualTo(401);
        assertThat(twilio(path, form, Base64.getEncoder().encodeToString(hmac("HmacSHA1", "other", data)))
                        .statusCode())
                .isEqualTo(401);
        assertThat(notification(id).get("status").asString()).isEqualTo("SENT");
        var signed = twilio(path, form, signature);
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(204);
        assertThat(notification(id).get("status").asString()).isEqualTo("DELIVERED");
    }

    @Test
    void aProviderAnswering503ThreeTimesThen200IsSentOnTheFourthAttempt() {
        whatsappProvider(1);
        String scenario = "flaky-" + phoneNumberId;
        for (int i = 0; i < 3; i++) {
            stub.stubFor(post(urlEqualTo(whatsappPath()))
                    .inScenario(scenario)
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "failed-" + i)
                    .willSetStateTo("failed-" + (i + 1))
                    .willReturn(aResponse()
                            .withStatus(503)
                            .withBody("{\"error\": {\"message\": \"Service Unavailable\"}}")));
        }
        stub.stubFor(post(urlEqualTo(whatsappPath()))
                .inScenario(scenario)
                .whenScenarioStateIs("failed-3")
                .willReturn(aResponse().withStatus(200).withBody(accepted("wamid.FOURTH"))));
        String id = whatsappNotification("Hola", "");
        for (int attempt = 1; attempt <= 4; attempt++) {
            dueNow();
            assertThat(dispatcher.runOnce()).isOne();
        }
        var sent = notification(id);
        assertThat(sent.get("status").asString()).isEqualTo("SENT");
        assertThat(sent.get("attempts").asInt()).isEqualTo(4);
        assertThat(sent.get("history").valueStream().map(a -> a.get("outcome").asString()))
                .containsExactly("FAILED", "FAILED", "FAILED", "SENT");
        assertThat(sent.get("history").get(0).get("error").asString()).contains("503");
        assertThat(owner.sql("SELECT count(*) FROM audit_log WHERE entity_id = :id AND action = 'DISPATCH'")
                        .param("id", id)
                        .query(Long.class)
                        .single())
                .isEqualTo(4);
        assertThat(stub.findAll(postRequestedFor(urlEqualTo(whatsappPath())))).hasSize(4);
    }

    @Test
    void aTimeoutOrA429IsRetriedNotFailed() {
        whatsappProvider(1);
        stub.stubFor(post(urlEqualTo(whatsappPath()))
                .willReturn(aResponse().withStatus(200).withFixedDelay(1500).withBody(accepted("wamid.SLOW"))));
        String slow = whatsappNotification("Lento", "");
        assertThat(dispatcher.runOnce()).isOne();
        var retried = notification(slow);
        assertThat(retried.get("status").asString()).isEqualTo("PENDING");
        assertThat(retried.get("history").get(0).get("error").asString()).contains("Timeout");
        whatsappAnswers(429, "{\"error\": {\"message\": \"rate limit\", \"code\": 130429}}");
        dueNow();
        assertThat(dispatcher.runOnce()).isOne();
        assertThat(notification(slow).get("status").asString()).isEqualTo("PENDING");
        assertThat(notification(slow).get("attempts").asInt()).isEqualTo(2);
    }

    /**
     * The process died after handing the message over and before recording it: the attempt becomes
     * UNKNOWN and is not resent; WhatsApp's status naming the attempt (biz_opaque_callback_data) settles it.
     */
    @Test
    void anInterruptedAttemptIsNeverResentAndTheProvidersStatusSettlesIt() throws Exception {
        String provider = whatsappProvider(1);
        whatsappAnswers(200, accepted("wamid.NEVER"));
        String id = whatsappNotification("Hola", ", \"send_at\": \"2099-01-01T00:00:00Z\"");
        UUID attempt = UUID.randomUUID();
        owner.sql("""
                UPDATE notifications SET status = 'SENDING', attempts = 1, claimed_at = now() - interval '6 minutes'
                WHERE id = :id""").param("id", UUID.fromString(id)).update();
        owner.sql("""
                INSERT INTO notification_attempts (id, tenant_id, notification_id, number, provider, provider_id, channel,
                                                   outcome, started_at)
                SELECT :attempt, tenant_id, id, 1, 'whatsapp', :provider, 'WHATSAPP', 'SENDING', claimed_at
                FROM notifications WHERE id = :id""")
                .param("attempt", attempt)
                .param("provider", UUID.fromString(provider))
                .param("id", UUID.fromString(id))
                .update();
        assertThat(dispatcher.recoverInterrupted()).isOne();
        dueNow();
        assertThat(dispatcher.runOnce()).isZero();
        assertThat(stub.findAll(postRequestedFor(urlEqualTo(whatsappPath())))).isEmpty();
        var unknown = notification(id);
        assertThat(unknown.get("status").asString()).isEqualTo("FAILED");
        assertThat(unknown.get("history").get(0).get("outcome").asString()).isEqualTo("UNKNOWN");

        String payload = """
                {"object": "whatsapp_business_account", "entry": [{"id": "WABA", "changes": [{"field": "messages",
                 "value": {"statuses": [{"id": "wamid.LATE", "status": "sent", "timestamp": "1700000000",
                                         "recipient_id": "573001234567", "biz_opaque_callback_data": "%s"}]}}]}]}""".formatted(attempt);
        String path = "/api/v1/public/webhooks/whatsapp/" + provider;
        assertThat(webhook(path, payload, "sha256=" + hmacHex("the-app-secret", payload))
                        .statusCode())
                .isEqualTo(200);
        var settled = notification(id);
        assertThat(settled.get("status").asString()).isEqualTo("SENT");
        assertThat(settled.get("history").get(0).get("outcome").asString()).isEqualTo("SENT");
        assertThat(settled.get("history").get(0).get("provider_message_id").asString())
                .isEqualTo("wamid.LATE");
    }

    /** An UNKNOWN attempt stays UNKNOWN until the provider's report: a failure report settles it FAILED. */
    @Test
    void anInterruptedAttemptThatTheProviderReportsFailedBecomesFailedWithTheProvidersError() throws Exception {
        String provider = whatsappProvider(1);
        String id = whatsappNotification("Hola", ", \"send_at\": \"2099-01-01T00:00:00Z\"");
        UUID attempt = UUID.randomUUID();
        owner.sql("""
                UPDATE notifications SET status = 'SENDING', attempts = 1, claimed_at = now() - interval '6 minutes'
                WHERE id = :id""").param("id", UUID.fromString(id)).update();
        owner.sql("""
                INSERT INTO notification_attempts (id, tenant_id, notification_id, number, provider, provider_id, channel,
                                                   outcome, started_at)
                SELECT :attempt, tenant_id, id, 1, 'whatsapp', :provider, 'WHATSAPP', 'SENDING', claimed_at
                FROM notifications WHERE id = :id""")
                .param("attempt", attempt)
                .param("provider", UUID.fromString(provider))
                .param("id", UUID.fromString(id))
                .update();
        assertThat(dispatcher.recoverInterrupted()).isOne();
        assertThat(notification(id).get("history").get(0).get("outcome").asString())
                .isEqualTo("UNKNOWN");

        String payload = """
                {"object": "whatsapp_business_account", "entry": [{"id": "WABA", "changes": [{"field": "messages",
                 "value": {"statuses": [{"id": "wamid.GONE", "status": "failed", "timestamp": "1700000000",
                                         "recipient_id": "573001234567", "biz_opaque_callback_data": "%s",
                                         "errors": [{"code": 131026, "title": "Message undeliverable"}]}]}}]}]}""".formatted(attempt);
        String path = "/api/v1/public/webhooks/whatsapp/" + provider;
        assertThat(webhook(path, payload, "sha256=" + hmacHex("the-app-secret", payload))
                        .statusCode())
                .isEqualTo(200);
        var settled = notification(id);
        assertThat(settled.get("status").asString()).isEqualTo("FAILED");
        assertThat(settled.get("last_error").asString()).contains("131026");
        assertThat(settled.get("history").get(0).get("outcome").asString()).isEqualTo("FAILED");
    }

    @Test
    void aProviderAnswering400FailsAtOnceIntoTheDeadLetterAndCanBeResent() {
        whatsappProvider(1);
        whatsappAnswers(400, """
                {"error": {"message": "(#131026) Message undeliverable", "type": "OAuthException", "code": 131026}}""");
        String id = whatsappNotification("Hola", "");
        assertThat(dispatcher.runOnce()).isOne();
        dueNow();
        assertThat(dispatcher.runOnce()).isZero();
        var failed = notification(id);
        assertThat(failed.get("status").asString()).isEqualTo("FAILED");
        assertThat(failed.get("attempts").asInt()).isOne();
        assertThat(failed.get("last_error").asString()).contains("400").contains("131026");
        whatsappAnswers(200, accepted("wamid.AGAIN"));
        assertThat(http.call("POST", "/api/v1/notifications/" + id + "/resend", admin, null)
                        .statusCode())
                .isEqualTo(200);
        assertThat(dispatcher.runOnce()).isOne();
        assertThat(notification(id).get("status").asString()).isEqualTo("SENT");
    }

    @Test
    void aProviderDownLongEnoughOpensItsCircuitWhichPausesWithoutSpendingAttemptsAndThenRecovers() throws Exception {
        String provider = whatsappProvider(1);
        whatsappAnswers(503, "{}");
        for (int i = 0; i < 6; i++) {
            whatsappNotification("Aviso " + i, "");
        }
        assertThat(dispatcher.runOnce()).isEqualTo(6);
        assertThat(json(http.call("GET", "/api/v1/notification-providers/" + provider, admin, null))
                        .get("circuit")
                        .asString())
                .isEqualTo("OPEN");
        int calls = stub.findAll(postRequestedFor(urlEqualTo(whatsappPath()))).size();
        assertThat(calls).isEqualTo(6);

        String paused = whatsappNotification("En pausa", "");
        assertThat(dispatcher.runOnce()).isEqualTo(1);
        var waiting = notification(paused);
        assertThat(waiting.get("status").asString()).isEqualTo("PENDING");
        assertThat(waiting.get("attempts").asInt()).isZero();
        assertThat(waiting.get("history").size()).isZero();
        assertThat(stub.findAll(postRequestedFor(urlEqualTo(whatsappPath())))).hasSize(calls);

        whatsappAnswers(200, accepted("wamid.BACK"));
        // The circuit half-opens once wait-open (1 s) has passed; until then nothing may be sent.
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            dueNow();
            dispatcher.runOnce();
            return owner.sql("""
                    SELECT count(*) FROM notifications n JOIN tenants t ON t.id = n.tenant_id
                    WHERE n.status = 'PENDING' AND n.recipient_phone = '+57 300 123 4567'""").query(Long.class).single() == 0;
        });
        assertThat(notification(paused).get("status").asString()).isEqualTo("SENT");
        assertThat(notification(paused).get("attempts").asInt()).isOne();
        assertThat(json(http.call("GET", "/api/v1/notification-providers/" + provider, admin, null))
                        .get("circuit")
                        .asString())
                .isEqualTo("CLOSED");
        assertThat(json(http.call("GET", "/api/v1/notifications?status=SENT&channel=WHATSAPP", admin, null))
                        .get("total")
                        .asInt())
                .isEqualTo(7);
    }

    @Test
    void whatsappFailingFallsBackToSms() throws Exception {
        whatsappProvider(1);
        smsProvider();
        whatsappAnswers(400, "{\"error\": {\"message\": \"(#131030) Recipient phone number not in allowed list\"}}");
        stub.stubFor(post(urlEqualTo(smsPath()))
                .willReturn(aResponse().withStatus(201).withBody("{\"sid\": \"SMFALLBACK\"}")));
        String id = whatsappNotification("Su turno", ", \"fallback_channels\": [\"SMS\"]");
        assertThat(dispatcher.runOnce()).isOne();
        var moved = notification(id);
        assertThat(moved.get("status").asString()).isEqualTo("PENDING");
        assertThat(moved.get("channel").asString()).isEqualTo("SMS");
        assertThat(dispatcher.runOnce()).isOne();
        var sent = notification(id);
        assertThat(sent.get("status").asString()).isEqualTo("SENT");
        assertThat(sent.get("history")
                        .valueStream()
                        .map(a -> a.get("channel").asString() + ":"
                                + a.get("provider").asString() + ":"
                                + a.get("outcome").asString()))
                .containsExactly("WHATSAPP:whatsapp:FAILED", "SMS:twilio:SENT");
        assertThat(stub.findAll(postRequestedFor(urlEqualTo(smsPath())))).hasSize(1);
        assertThat(stub.findAll(postRequestedFor(urlEqualTo(smsPath())))
                        .getFirst()
                        .getBodyAsString())
                .contains("Body=Su+turno");
    }

    @Test
    void whatsappNeedsTheRecipientsOptInOrACasePartysAndCasesKeepTheirNotifications() {
        var noOptIn = assertProblem(http.call("POST", "/api/v1/notifications", admin, """
                {"recipient": {"name": "Ana", "phone": "+573001112233"}, "channel": "WHATSAPP", "body": "Hola"}"""), 422, "VALIDATION_FAILED");
        assertThat(noOptIn.get("errors").valueStream().map(e -> e.get("field").asString()))
                .containsExactly("recipient.whatsapp_opt_in");
        var kase = http.call("POST", "/api/v1/cases", admin, """
                {"number": "2026-0042", "type": "Tutela", "parties": [
                   {"name": "Ana", "role": "Demandante", "phone": "+57 300 111 2233", "whatsapp_opt_in": true},
                   {"name": "Luis", "role": "Demandado", "email": "luis@example.com"}], "notes": "Primera audiencia"}""");
        assertThat(kase.statusCode()).as(kase.body()).isEqualTo(201);
        String caseId = json(kase).get("id").asString();
        assertThat(json(kase).get("status").asString()).isEqualTo("OPEN");
        assertThat(json(kase).get("parties").get(0).get("whatsapp_opt_in").asBoolean())
                .isTrue();
        assertProblem(http.call("POST", "/api/v1/cases", admin, """
                {"number": "2026-0042", "type": "Otro"}"""), 409, "CONFLICT");
        var forCase = http.call("POST", "/api/v1/notifications", admin, """
                {"case_id": "%s", "recipient": {"name": "Ana", "phone": "+573001112233"}, "channel": "WHATSAPP",
                 "body": "Audiencia el lunes"}""".formatted(caseId));
        assertThat(forCase.statusCode()).as(forCase.body()).isEqualTo(201);
        assertProblem(
                http.call("POST", "/api/v1/notifications", admin, """
                {"case_id": "%s", "recipient": {"name": "Ana", "email": "a@example.com"}, "channel": "EMAIL",
                 "subject": "S", "body": "B"}""".formatted(UUID.randomUUID())),
                422,
                "VALIDATION_FAILED");

        var detail = json(http.call("GET", "/api/v1/cases/" + caseId, admin, null));
        assertThat(detail.get("kase").get("number").asString()).isEqualTo("2026-0042");
        assertThat(detail.get("notifications").size()).isOne();
        assertThat(detail.get("notifications").get(0).get("history").isArray()).isTrue();
        assertThat(json(http.call("GET", "/api/v1/notifications?case_id=" + caseId, admin, null))
                        .get("total")
                        .asInt())
                .isOne();

        var updated = http.call("PUT", "/api/v1/cases/" + caseId, admin, """
                {"number": "2026-0042", "type": "Tutela", "status": "CLOSED", "parties": []}""");
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        assertThat(json(updated).get("status").asString()).isEqualTo("CLOSED");
        assertThat(json(http.call("GET", "/api/v1/cases?q=2026-0042", admin, null))
                        .get("total")
                        .asInt())
                .isOne();
        String reception = http.demoToken("reception", "Reception123!");
        assertProblem(http.call("GET", "/api/v1/cases/" + caseId, reception, null), 404, "NOT_FOUND");
        http.call("POST", "/api/v1/auth/logout", reception, null);
    }

    @Test
    void theCasePageShowsItsNotificationsAndTheirAttemptsAndTheNotificationPageCancelsAndResends() {
        whatsappProvider(1);
        whatsappAnswers(200, accepted("wamid.PAGE"));
        String caseId =
                json(http.call("POST", "/api/v1/cases", admin, """
                {"number": "P-77", "type": "Reclamo", "parties": [{"name": "Marta Gómez", "role": "Cliente",
                 "phone": "+573001234567", "whatsapp_opt_in": true}]}""")).get("id").asString();
        http.call("POST", "/api/v1/notifications", admin, """
                {"case_id": "%s", "recipient": {"name": "Marta Gómez", "phone": "+573001234567"}, "channel": "WHATSAPP",
                 "body": "Su reclamo fue radicado"}""".formatted(caseId));
        dispatcher.runOnce();
        String later = json(http.call("POST", "/api/v1/notifications", admin, """
                {"case_id": "%s", "recipient": {"name": "Marta Gómez", "phone": "+573001234567"}, "channel": "WHATSAPP",
                 "body": "Recordatorio", "send_at": "2099-01-01T00:00:00Z"}""".formatted(caseId)))
                .get("id")
                .asString();

        var browser = io.turno.PageSession.signIn(http, slug, "jefe", "Prov-Clave-123");
        var list = browser.get("/cases?q=P-77");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("P-77").contains("Marta Gómez");
        var page = browser.get("/cases/" + caseId);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body())
                .contains("Su reclamo fue radicado")
                .contains("whatsapp")
                .contains(">Enviada<")
                .contains("Recordatorio")
                .contains(">Pendiente<");
        assertThat(browser.get("/notifications?channel=WHATSAPP").body()).contains("Recordatorio");
        var cancelled = browser.submit("/notifications/" + later + "/cancel");
        assertThat(cancelled.body()).contains("Notificación cancelada").contains(">Cancelada<");
        var resent = browser.submit("/notifications/" + later + "/resend");
        assertThat(resent.body()).contains("Notificación en cola de nuevo").contains(">Pendiente<");
        var refused = browser.submit("/notifications/" + later + "/resend");
        assertThat(refused.body()).contains("Solo se reenvía");
    }

    @Autowired
    org.springframework.context.ApplicationEventPublisher events;

    @Autowired
    org.springframework.transaction.support.TransactionTemplate transactions;

    /** The application's own connections: they see the publications of the transaction in progress. */
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void aCalledTicketsCustomerWhoOptedInGetsTheirTurnByWhatsApp() throws Exception {
        whatsappProvider(1);
        whatsappAnswers(200, accepted("wamid.TURN"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> json(http.call(
                                        "GET",
                                        "/api/v1/notification-templates?code=TICKET_CALLED&channel=WHATSAPP",
                                        admin,
                                        null))
                                .get("total")
                                .asLong()
                        > 0);
        var customer = http.call("POST", "/api/v1/customers", admin, """
                {"document_type": "CC", "document_number": "%d", "full_name": "Pedro Pérez", "phone": "+573009998877",
                 "whatsapp_opt_in": true}""".formatted(
                        1_000_000_000L + (long) (Math.random() * 1_000_000_000L)));
        assertThat(customer.statusCode()).as(customer.body()).isEqualTo(201);
        UUID customerId = UUID.fromString(json(customer).get("id").asString());
        var tenant = new io.turno.shared.TenantId(owner.sql("SELECT id FROM tenants WHERE slug = :slug")
                .param("slug", slug)
                .query(UUID.class)
                .single());
        transactions.executeWithoutResult(tx -> events.publishEvent(new io.turno.queueing.TicketCalled(
                tenant,
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                "Ventanilla 2",
                customerId,
                "A-007",
                0,
                java.time.Instant.now())));
        JsonNode list = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> json(http.call("GET", "/api/v1/notifications?channel=WHATSAPP", admin, null)),
                        page -> page.get("total").asLong() > 0);
        assertThat(list.get("total").asLong()).isOne();
        var message = list.get("items").get(0);
        assertThat(message.get("template_code").asString()).isEqualTo("TICKET_CALLED");
        assertThat(message.get("body").asString())
                .contains("Pedro Pérez")
                .contains("A-007")
                .contains("Ventanilla 2");
        assertThat(message.get("recipient").get("phone").asString()).isEqualTo("+573009998877");

        // An anonymous ticket's call and a recall concern nobody here: not even an event publication is kept
        // for this listener ("your turn is near" hears every first call: it moves the others up).
        UUID anonymous = UUID.randomUUID();
        UUID recalled = UUID.randomUUID();
        transactions.executeWithoutResult(tx -> {
            events.publishEvent(new io.turno.queueing.TicketCalled(
                    tenant,
                    anonymous,
                    UUID.randomUUID(),
                    UUID.randomUUID(),
                    UUID.randomUUID(),
                    "Ventanilla 2",
                    null,
                    "A-008",
                    0,
                    java.time.Instant.now()));
            events.publishEvent(new io.turno.queueing.TicketCalled(
                    tenant,
                    recalled,
                    UUID.randomUUID(),
                    UUID.randomUUID(),
                    UUID.randomUUID(),
                    "Ventanilla 2",
                    customerId,
                    "A-007",
                    1,
                    java.time.Instant.now()));
            // Publications are written with the event, in its transaction (and deleted once handled).
            assertThat(jdbc.sql(
                                    "SELECT count(*) FROM event_publication WHERE listener_id LIKE '%TicketCalledNotifier%' AND (serialized_event LIKE :a OR serialized_event LIKE :r)")
                            .param("a", "%" + anonymous + "%")
                            .param("r", "%" + recalled + "%")
                            .query(Long.class)
                            .single())
                    .isZero();
        });
        assertThat(json(http.call("GET", "/api/v1/notifications?channel=WHATSAPP", admin, null))
                        .get("total")
                        .asLong())
                .isOne();
    }

    HttpResponse<String> webhook(String path, String payload, String signature) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(payload));
        if (signature != null) {
            request.header("X-Hub-Signature-256", signature);
        }
        try (var client = HttpClient.newHttpClient()) {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    HttpResponse<String> twilio(String path, String form, String signature) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (signature != null) {
            request.header("X-Twilio-Signature", signature);
        }
        try (var client = HttpClient.newHttpClient()) {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    static String hmacHex(String secret, String payload) throws Exception {
        return HexFormat.of().formatHex(hmac("HmacSHA256", secret, payload));
    }

    static byte[] hmac(String algorithm, String secret, String data) throws Exception {
        Mac mac = Mac.getInstance(algorithm);
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }
}
