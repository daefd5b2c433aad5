package io.turno.notifications.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import io.turno.customers.Customers;
import io.turno.shared.Actor;
import io.turno.shared.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.validation.BindException;

/**
 * The one way a heard event becomes a message: once per event key (the key's row is taken in the
 * listener's transaction, with the notification), to a customer by WhatsApp when they agreed to it
 * and the organization has a WhatsApp provider (email as fallback), otherwise by email; a customer
 * with neither gets nothing. Written in the recipient's language (the customer's or user's, es or en;
 * Spanish when it is not known).
 */
@Component
class EventMessages {

    private static final Logger log = LoggerFactory.getLogger(EventMessages.class);

    /** The module that published the event, as the notification's author. */
    record Publisher(TenantId tenantId, String username) implements Actor {
        @Override
        public UUID userId() {
            return null;
        }
    }

    record Message(String templateCode, Map<String, String> variables) {}

    private final EventMessageKeys keys;
    private final Customers customers;
    private final Providers providers;
    private final NotificationService notifications;

    EventMessages(EventMessageKeys keys, Customers customers, Providers providers, NotificationService notifications) {
        this.keys = keys;
        this.customers = customers;
        this.providers = providers;
        this.notifications = notifications;
    }

    /** Who is written to when nobody says otherwise. */
    static final String DEFAULT_LANGUAGE = "es";

    /**
     * The message to the customer, unless {@code key} was messaged already. {@code variables} may
     * use {@code name}, filled here with the customer's name.
     */
    Optional<UUID> toCustomer(Publisher publisher, String key, UUID customerId, Message message) {
        return toCustomer(publisher, key, customerId, language -> message);
    }

    /** As {@link #toCustomer(Publisher, String, UUID, Message)}, with words chosen for the customer's language. */
    Optional<UUID> toCustomer(Publisher publisher, String key, UUID customerId, Function<Locale, Message> inLanguage) {
        TenantId tenant = publisher.tenantId();
        var customer =
                customerId == null ? null : customers.find(tenant, customerId).orElse(null);
        if (customer == null) {
            return Optional.empty();
        }
        boolean whatsapp = customer.whatsappOptIn()
                && customer.phone() != null
                && !providers.forChannel(tenant, Channel.WHATSAPP).isEmpty();
        if (!whatsapp && customer.email() == null) {
            return Optional.empty();
        }
        String language = language(customer.language());
        Message message = inLanguage.apply(Locale.forLanguageTag(language));
        var variables = new HashMap<>(message.variables());
        variables.put("name", customer.fullName());
        return send(
                publisher,
                key,
                new NotificationService.Recipient(
                        customer.fullName(), customer.email(), customer.phone(), customer.whatsappOptIn()),
                whatsapp ? Channel.WHATSAPP : Channel.EMAIL,
                whatsapp && customer.email() != null ? List.of(Channel.EMAIL) : List.of(),
                language,
                new Message(message.templateCode(), variables));
    }

    /** es or en; anything else (not known) is Spanish. */
    static String language(String language) {
        return "en".equals(language) ? "en" : DEFAULT_LANGUAGE;
    }

    /** The message to one recipient on {@code channel}, unless {@code key} was messaged already. */
    Optional<UUID> send(
            Publisher publisher,
            String key,
            NotificationService.Recipient recipient,
            Channel channel,
            List<Channel> fallbacks,
            String language,
            Message message) {
        TenantId tenant = publisher.tenantId();
        if (!keys.claim(tenant, key)) {
            return Optional.empty();
        }
        var command = new NotificationService.NotificationCommand(
                null,
                recipient,
                channel,
                message.templateCode(),
                language(language),
                message.variables(),
                null,
                null,
                fallbacks,
                null);
        try {
            UUID id = notifications.create(publisher, command).id();
            keys.notificationSent(tenant, key, id);
            return Optional.of(id);
        } catch (BindException e) {
            // Rolls the listener's transaction back with the key: the event stays to be delivered again.
            log.warn("{}: no {} message: {}", key, message.templateCode(), e.getMessage());
            throw new IllegalStateException("No " + message.templateCode() + " message for " + key, e);
        }
    }
}
