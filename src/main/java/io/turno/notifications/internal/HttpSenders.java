package io.turno.notifications.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * WhatsApp (Cloud API) and SMS (Twilio's Messages API, or any API that speaks it) over HTTP. Each
 * returns the provider's message id, which its status webhook names later.
 */
@Component
class HttpSenders {

    static final String WHATSAPP_BASE = "https://graph.facebook.com";
    static final String WHATSAPP_VERSION = "v21.0";
    static final String TWILIO_BASE = "https://api.twilio.com";

    private final HttpClient client;
    private final JsonMapper json;
    private final NotificationsProperties properties;

    HttpSenders(JsonMapper json, NotificationsProperties properties) {
        this.json = json;
        this.properties = properties;
        this.client = HttpClient.newBuilder()
                .connectTimeout(properties.httpTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * {@code POST {base}/{version}/{phone_number_id}/messages}. A notification made from a Turno template
     * that the provider's {@code templates} setting maps to an approved WhatsApp template goes as that
     * template, its variables as the body's parameters in their declared order; anything else as text.
     */
    String whatsapp(Provider provider, Outgoing message) throws SendFailure {
        String uri = trim(provider.setting("base_url", WHATSAPP_BASE)) + "/"
                + provider.setting("api_version", WHATSAPP_VERSION) + "/" + provider.setting("phone_number_id", "")
                + "/messages";
        var body = new LinkedHashMap<String, Object>();
        body.put("messaging_product", "whatsapp");
        body.put("recipient_type", "individual");
        body.put("to", message.phone().replaceAll("[^0-9]", ""));
        String approved = approvedTemplate(provider, message.templateCode());
        if (approved != null) {
            body.put("type", "template");
            var template = new LinkedHashMap<String, Object>();
            template.put("name", approved);
            template.put("language", Map.of("code", message.language()));
            if (!message.variables().isEmpty()) {
                template.put(
                        "components",
                        List.of(Map.of(
                                "type",
                                "body",
                                "parameters",
                                message.variables().stream()
                                        .map(v -> Map.of("type", "text", "text", v.getValue()))
                                        .toList())));
            }
            body.put("template", template);
        } else {
            body.put("type", "text");
            body.put("text", Map.of("preview_url", false, "body", message.body()));
        }
        body.put("biz_opaque_callback_data", message.attemptId().toString());
        var request = HttpRequest.newBuilder(URI.create(uri))
                .timeout(properties.httpTimeout())
                .header("Authorization", "Bearer " + provider.secret("access_token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build();
        JsonNode id = parse(exchange(request)).path("messages").path(0).path("id");
        return id.isMissingNode() ? null : id.asString();
    }

    /**
     * {@code POST {base}/2010-04-01/Accounts/{sid}/Messages.json}, form-encoded, basic auth with the
     * account's SID and auth token; {@code StatusCallback} when Turno's public address is known.
     */
    String sms(Provider provider, Outgoing message) throws SendFailure {
        String sid = provider.setting("account_sid", "");
        String uri = trim(provider.setting("base_url", TWILIO_BASE)) + "/2010-04-01/Accounts/" + sid + "/Messages.json";
        var form = new LinkedHashMap<String, String>();
        form.put("To", "+" + message.phone().replaceAll("[^0-9]", ""));
        String service = provider.setting("messaging_service_sid", null);
        if (service != null) {
            form.put("MessagingServiceSid", service);
        } else {
            form.put("From", provider.setting("from", ""));
        }
        form.put("Body", message.body());
        String callbackBase = provider.setting("status_callback_base_url", null);
        if (callbackBase != null) {
            form.put("StatusCallback", statusCallback(callbackBase, provider, message));
        }
        String encoded = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        String credentials = Base64.getEncoder()
                .encodeToString((sid + ":" + provider.secret("auth_token")).getBytes(StandardCharsets.UTF_8));
        var request = HttpRequest.newBuilder(URI.create(uri))
                .timeout(properties.httpTimeout())
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encoded))
                .build();
        JsonNode sidNode = parse(exchange(request)).path("sid");
        return sidNode.isMissingNode() ? null : sidNode.asString();
    }

    static String statusCallback(String base, Provider provider, Outgoing message) {
        return trim(base) + "/api/v1/public/webhooks/twilio/" + provider.id() + "?attempt=" + message.attemptId();
    }

    private String exchange(HttpRequest request) throws SendFailure {
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SendFailure(false, e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SendFailure(false, "Interrumpido", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw SendFailure.ofStatus(response.statusCode(), response.body());
        }
        return response.body() == null || response.body().isBlank() ? "{}" : response.body();
    }

    /** The message is sent once the provider said 2xx: an answer we cannot read must not make it look failed. */
    private JsonNode parse(String body) {
        try {
            return json.readTree(body);
        } catch (RuntimeException e) {
            return json.missingNode();
        }
    }

    private static String approvedTemplate(Provider provider, String templateCode) {
        if (templateCode == null || !(provider.settings().get("templates") instanceof Map<?, ?> templates)) {
            return null;
        }
        Object name = templates.get(templateCode);
        return name == null ? null : name.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String trim(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
