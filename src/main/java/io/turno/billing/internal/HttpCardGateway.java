package io.turno.billing.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;

import io.turno.billing.PaymentGateway;
import io.turno.billing.PaymentMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A card charged online through a plain REST provider: {@code POST {base-url}/v1/charges} with an
 * {@code Idempotency-Key} header and {@code {amount, currency, card_token, reference, description}};
 * the provider answers {@code {id, status: approved|declined, decline_reason}} (a 402 is a decline).
 * No answer within the timeouts, a connection failure or a 5xx is {@code TIMED_OUT}: whether the
 * card was charged is unknown, and the same idempotency key settles it on a retry.
 */
@Component
@Order(10)
class HttpCardGateway implements PaymentGateway {

    private static final Logger log = LoggerFactory.getLogger(HttpCardGateway.class);

    private final BillingProperties.CardGateway settings;
    private final JsonMapper json;
    private final HttpClient client;

    HttpCardGateway(BillingProperties properties, JsonMapper json) {
        this.settings = properties.cardGateway();
        this.json = json;
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public boolean handles(Charge charge) {
        return charge.method() == PaymentMethod.CARD && charge.cardToken() != null && settings.baseUrl() != null;
    }

    @Override
    public Result charge(Charge charge) {
        var body = new LinkedHashMap<String, Object>();
        body.put("amount", charge.amount().toPlainString());
        body.put("currency", charge.currency());
        body.put("card_token", charge.cardToken());
        body.put(
                "reference",
                charge.appointmentId() == null
                        ? charge.idempotencyKey()
                        : charge.appointmentId().toString());
        body.put("description", charge.description());
        var request = HttpRequest.newBuilder(
                        URI.create(settings.baseUrl().toString().replaceAll("/+$", "") + "/v1/charges"))
                .timeout(settings.readTimeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("Idempotency-Key", charge.idempotencyKey())
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (settings.apiKey() != null && !settings.apiKey().isBlank()) {
            request.header("Authorization", "Bearer " + settings.apiKey());
        }
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            log.warn("Card provider did not answer charge {}: {}", charge.idempotencyKey(), e.toString());
            return new Result(Outcome.TIMED_OUT, null, "sin respuesta del proveedor de pagos");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(Outcome.TIMED_OUT, null, "interrumpido esperando al proveedor de pagos");
        }
        return result(charge, response);
    }

    private Result result(Charge charge, HttpResponse<String> response) {
        JsonNode answer = parse(response.body());
        String id = text(answer, "id");
        String status = text(answer, "status");
        int code = response.statusCode();
        if (code >= 200 && code < 300 && "approved".equalsIgnoreCase(status)) {
            return new Result(Outcome.APPROVED, id, null);
        }
        if (code >= 500 || (code >= 200 && code < 300 && status == null)) {
            log.warn("Card provider answered {} to charge {}: outcome unknown", code, charge.idempotencyKey());
            return new Result(Outcome.TIMED_OUT, id, "el proveedor de pagos no dio una respuesta válida");
        }
        String reason = text(answer, "decline_reason");
        return new Result(Outcome.DECLINED, id, reason == null ? "rechazado por el proveedor (" + code + ")" : reason);
    }

    private JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : json.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        return node == null || !node.hasNonNull(field) ? null : node.get(field).asString();
    }
}
