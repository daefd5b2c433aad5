package io.turno.notifications.internal;

import java.util.List;
import java.util.UUID;

import io.turno.shared.Actor;
import org.springframework.stereotype.Service;

/**
 * The "send test" of a provider: one short message through exactly that provider, now, with its
 * answer — not queued, not retried, no circuit breaker or fallback — so an administrator sees at once
 * whether its settings and secrets work. Nothing is stored; the secrets stay inside.
 */
@Service
public class ProviderTestMessages {

    /** What the provider answered: sent (with its message id, when it gives one) or the error. */
    public record Outcome(boolean sent, String providerMessageId, String error) {}

    private final Providers providers;
    private final HttpSenders http;
    private final EmailSender smtp;

    ProviderTestMessages(Providers providers, HttpSenders http, EmailSender smtp) {
        this.providers = providers;
        this.http = http;
        this.smtp = smtp;
    }

    /** {@code to}: an email address for an e-mail provider, a phone number otherwise. */
    public Outcome send(Actor caller, UUID providerId, String to, String text) {
        Provider provider = providers.ready(caller.tenantId(), providerId);
        Channel channel = provider.kind().channel;
        var message = new Outgoing(
                UUID.randomUUID(),
                UUID.randomUUID(),
                channel,
                caller.username(),
                channel == Channel.EMAIL ? to : null,
                channel == Channel.EMAIL ? null : to,
                "Turno: " + text,
                text,
                null,
                "es",
                List.of(),
                "<" + UUID.randomUUID() + "@turno.test>");
        try {
            String id = switch (provider.kind()) {
                case SMTP -> {
                    try (var connection = smtp.open(provider)) {
                        connection.send(message);
                    }
                    yield null;
                }
                case WHATSAPP_CLOUD -> http.whatsapp(provider, message);
                case TWILIO -> http.sms(provider, message);
            };
            return new Outcome(true, id, null);
        } catch (SendFailure failure) {
            return new Outcome(false, null, failure.getMessage());
        } catch (RuntimeException failure) {
            return new Outcome(false, null, failure.getClass().getSimpleName() + ": " + failure.getMessage());
        }
    }
}
