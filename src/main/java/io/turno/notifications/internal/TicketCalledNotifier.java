package io.turno.notifications.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.turno.customers.Customers;
import io.turno.queueing.TicketCalled;
import io.turno.shared.Actor;
import io.turno.shared.TenantId;
import io.turno.shared.TenantScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.validation.BindException;

/**
 * "Your turn" for a called ticket's customer who agreed to WhatsApp messages, when the organization
 * has a WhatsApp provider (SMS as fallback when it has one too) or, without one, an SMS provider.
 * Only the first call is announced: a recall is the desk calling again, the message is already there.
 */
@Component
class TicketCalledNotifier {

    private static final Logger log = LoggerFactory.getLogger(TicketCalledNotifier.class);

    private record Queueing(TenantId tenantId) implements Actor {
        @Override
        public UUID userId() {
            return null;
        }

        @Override
        public String username() {
            return "queueing";
        }
    }

    private final Customers customers;
    private final Providers providers;
    private final NotificationService notifications;

    TicketCalledNotifier(Customers customers, Providers providers, NotificationService notifications) {
        this.customers = customers;
        this.providers = providers;
        this.notifications = notifications;
    }

    /**
     * Only a known customer's first call concerns this listener; the condition is checked before the
     * event is recorded, so an anonymous ticket's call costs no event publication at all.
     */
    @ApplicationModuleListener(condition = "#called.customerId() != null and #called.recall() == 0")
    void on(TicketCalled called) {
        TenantScope.run(called.tenantId(), () -> notify(called));
    }

    private void notify(TicketCalled called) {
        var customer = customers.find(called.tenantId(), called.customerId()).orElse(null);
        if (customer == null || !customer.whatsappOptIn() || customer.phone() == null) {
            return;
        }
        var channels = new ArrayList<Channel>();
        for (Channel channel : List.of(Channel.WHATSAPP, Channel.SMS)) {
            if (!providers.forChannel(called.tenantId(), channel).isEmpty()) {
                channels.add(channel);
            }
        }
        if (channels.isEmpty()) {
            return;
        }
        var command = new NotificationService.NotificationCommand(
                null,
                new NotificationService.Recipient(customer.fullName(), customer.email(), customer.phone(), true),
                channels.getFirst(),
                "TICKET_CALLED",
                "es",
                Map.of(
                        "name",
                        customer.fullName(),
                        "ticket",
                        called.number(),
                        "desk",
                        called.deskName() == null ? "la ventanilla" : called.deskName()),
                null,
                null,
                channels.subList(1, channels.size()),
                null);
        try {
            notifications.create(new Queueing(called.tenantId()), command);
        } catch (BindException e) {
            log.warn("Ticket {} called: no message for its customer: {}", called.number(), e.getMessage());
        }
    }
}
