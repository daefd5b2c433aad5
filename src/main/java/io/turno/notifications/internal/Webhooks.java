package io.turno.notifications.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.turno.audit.AuditEntry;
import io.turno.audit.AuditLog;
import io.turno.shared.BusinessException;
import io.turno.shared.ProblemCode;
import io.turno.shared.TenantId;
import io.turno.shared.TenantScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Providers' status reports. Each names its provider in the path and proves itself with that
 * provider's secret: WhatsApp signs the raw body ({@code X-Hub-Signature-256: sha256=HMAC-SHA256(app
 * secret, body)}), Twilio the URL and the sorted form parameters ({@code X-Twilio-Signature:
 * base64(HMAC-SHA1(auth token, url + name1 + value1 + …))}). Anything unsigned or badly signed is a
 * 401 and changes nothing. A report finds its attempt by the provider's message id or by the attempt
 * id Turno sent along, so it also settles an attempt a crash left UNKNOWN.
 */
@Service
public class Webhooks {

    private static final Logger log = LoggerFactory.getLogger(Webhooks.class);

    /** 401: the caller did not prove it is the provider. */
    public static final class BadSignature extends BusinessException {
        BadSignature() {
            super(HttpStatus.UNAUTHORIZED, ProblemCode.AUTHENTICATION_REQUIRED, "Firma ausente o inválida");
        }
    }

    /** 403: a verification request with the wrong token. */
    public static final class BadVerifyToken extends BusinessException {
        BadVerifyToken() {
            super(HttpStatus.FORBIDDEN, ProblemCode.INSUFFICIENT_PERMISSIONS, "Token de verificación inválido");
        }
    }

    private final Providers providers;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final AuditLog audit;
    private final JsonMapper json;
    private final Clock clock;

    Webhooks(
            Providers providers,
            Outbox outbox,
            TransactionTemplate transactions,
            AuditLog audit,
            JsonMapper json,
            Clock clock) {
        this.providers = providers;
        this.outbox = outbox;
        this.transactions = transactions;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    /** Meta's subscription check: echo {@code hub.challenge} when the verify token matches. */
    public String whatsappChallenge(UUID providerId, String mode, String token, String challenge) {
        var provider = providers
                .byId(providerId)
                .filter(p -> p.kind() == ProviderKind.WHATSAPP_CLOUD)
                .orElseThrow(BadVerifyToken::new);
        String expected = provider.secret("verify_token");
        if (!"subscribe".equals(mode) || expected == null || token == null || !same(expected, token)) {
            throw new BadVerifyToken();
        }
        return challenge;
    }

    /** Returns how many statuses changed something. */
    public int whatsappStatuses(UUID providerId, byte[] body, String signature) {
        var provider = providers
                .byId(providerId)
                .filter(p -> p.kind() == ProviderKind.WHATSAPP_CLOUD)
                .orElseThrow(BadSignature::new);
        String secret = provider.secret("app_secret");
        if (secret == null || signature == null || !signature.startsWith("sha256=")) {
            throw new BadSignature();
        }
        String expected = "sha256=" + HexFormat.of().formatHex(hmac("HmacSHA256", secret, body));
        if (!same(expected, signature.toLowerCase())) {
            throw new BadSignature();
        }
        int changed = 0;
        for (JsonNode entry : json.readTree(body).path("entry")) {
            for (JsonNode change : entry.path("changes")) {
                for (JsonNode status : change.path("value").path("statuses")) {
                    String error = null;
                    JsonNode errors = status.path("errors");
                    if (errors.isArray() && !errors.isEmpty()) {
                        error = errors.get(0).path("code").asString("") + " "
                                + errors.get(0).path("title").asString("");
                    }
                    String opaque = status.path("biz_opaque_callback_data").asString(null);
                    if (apply(
                            provider,
                            status.path("id").asString(null),
                            attemptId(opaque),
                            status.path("status").asString(""),
                            error)) {
                        changed++;
                    }
                }
            }
        }
        return changed;
    }

    /**
     * Twilio's status callback. {@code url} is the address Twilio was given (Turno's public base URL
     * and this request's path and query); {@code form} only the body's parameters.
     */
    public boolean twilioStatus(
            UUID providerId, String path, String query, Map<String, String> form, String signature) {
        var provider = providers
                .byId(providerId)
                .filter(p -> p.kind() == ProviderKind.TWILIO)
                .orElseThrow(BadSignature::new);
        String token = provider.secret("auth_token");
        String base = provider.setting("status_callback_base_url", null);
        if (token == null || base == null || signature == null) {
            throw new BadSignature();
        }
        var data = new StringBuilder(stripSlash(base)).append(path);
        if (query != null && !query.isEmpty()) {
            data.append('?').append(query);
        }
        new TreeMap<>(form).forEach((name, value) -> data.append(name).append(value));
        String expected = java.util.Base64.getEncoder()
                .encodeToString(hmac("HmacSHA1", token, data.toString().getBytes(StandardCharsets.UTF_8)));
        if (!same(expected, signature)) {
            throw new BadSignature();
        }
        String status = form.getOrDefault("MessageStatus", "");
        String error = form.get("ErrorCode") == null ? null : "Twilio " + form.get("ErrorCode");
        UUID attempt = null;
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith("attempt=")) {
                    attempt = attemptId(pair.substring("attempt=".length()));
                }
            }
        }
        return apply(provider, form.get("MessageSid"), attempt, status, error);
    }

    /**
     * delivered/read → DELIVERED; failed/undelivered → FAILED with the provider's error; sent → SENT
     * for an attempt that a crash left UNKNOWN. Others (queued, accepted, sending) only note the status.
     */
    private boolean apply(Provider provider, String providerMessageId, UUID attemptId, String status, String error) {
        TenantId tenant = provider.tenant();
        return Boolean.TRUE.equals(TenantScope.call(
                tenant,
                () -> transactions.execute(tx -> {
                    var attempt = outbox.reportedAttempt(tenant, provider.id(), providerMessageId, attemptId);
                    if (attempt.isEmpty()) {
                        log.info(
                                "Status {} from {} names no attempt of ours ({})", status, provider, providerMessageId);
                        return false;
                    }
                    UUID id = attempt.get().id();
                    UUID notification = attempt.get().notification();
                    Instant now = clock.instant();
                    outbox.noteDeliveryStatus(tenant, id, providerMessageId, status, error, now);
                    // Only a notification still resting on this attempt moves: SENT (or FAILED by a crash) and not
                    // queued again.
                    String target = switch (status) {
                        case "delivered", "read" -> "DELIVERED";
                        case "failed", "undelivered" -> "FAILED";
                        case "sent" -> "SENT";
                        default -> null;
                    };
                    if (target == null) {
                        return false;
                    }
                    if (!outbox.settleByReport(tenant, notification, id, target, error, now)) {
                        return false;
                    }
                    var summary = new LinkedHashMap<String, Object>();
                    summary.put("provider", provider.kind().label);
                    summary.put("provider_status", status);
                    summary.put("status", target);
                    if (error != null) {
                        summary.put("error", error);
                    }
                    audit.record(new AuditEntry(
                            tenant,
                            null,
                            provider.kind().label,
                            "DELIVERY",
                            "notification",
                            notification.toString(),
                            summary,
                            null));
                    return true;
                })));
    }

    private static UUID attemptId(String value) {
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static byte[] hmac(String algorithm, String secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static String stripSlash(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
