package io.turno.notifications.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.turno.notifications.internal.Webhooks;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/** Providers' status reports: no login, each proves itself by its signature (see {@link Webhooks}). */
@RestController
@RequestMapping("/api/v1/public/webhooks")
@Tag(name = "webhooks", description = "Delivery statuses from WhatsApp and SMS providers, verified by signature")
class WebhooksApi {

    private final Webhooks webhooks;

    WebhooksApi(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    @GetMapping(path = "/whatsapp/{provider}", produces = "text/plain")
    @PermitAll
    @Operation(summary = "Meta's verification: answers hub.challenge when hub.verify_token is the provider's")
    String verify(
            @PathVariable UUID provider,
            @RequestParam(name = "hub.mode", required = false) String mode,
            @RequestParam(name = "hub.verify_token", required = false) String token,
            @RequestParam(name = "hub.challenge", required = false) String challenge) {
        return webhooks.whatsappChallenge(provider, mode, token, challenge);
    }

    @PostMapping(path = "/whatsapp/{provider}", consumes = "application/json")
    @PermitAll
    @Operation(summary = "WhatsApp statuses, signed X-Hub-Signature-256 with the app secret (401 otherwise)")
    ResponseEntity<Void> statuses(
            @PathVariable UUID provider,
            @RequestBody byte[] body,
            @RequestHeader(name = "X-Hub-Signature-256", required = false) String signature) {
        webhooks.whatsappStatuses(provider, body, signature);
        return ResponseEntity.ok().build();
    }

    @PostMapping(path = "/twilio/{provider}", consumes = "application/x-www-form-urlencoded")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PermitAll
    @Operation(summary = "SMS status callback, signed X-Twilio-Signature with the auth token (401 otherwise)")
    void twilio(
            @PathVariable UUID provider,
            HttpServletRequest request,
            @RequestHeader(name = "X-Twilio-Signature", required = false) String signature) {
        // The signature covers the body's parameters only; the servlet merges in the query's.
        Set<String> inQuery = UriComponentsBuilder.newInstance()
                .query(request.getQueryString())
                .build()
                .getQueryParams()
                .keySet();
        var form = new LinkedHashMap<String, String>();
        for (Map.Entry<String, String[]> e : request.getParameterMap().entrySet()) {
            if (!inQuery.contains(e.getKey())) {
                form.put(e.getKey(), e.getValue()[0]);
            }
        }
        webhooks.twilioStatus(provider, request.getRequestURI(), request.getQueryString(), form, signature);
    }
}
