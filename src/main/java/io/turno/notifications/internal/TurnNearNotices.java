package io.turno.notifications.internal;

import java.util.Map;

import io.turno.identity.TenantDirectory;
import io.turno.notifications.internal.EventMessages.Message;
import io.turno.notifications.internal.EventMessages.Publisher;
import io.turno.queueing.QueuePositions;
import io.turno.queueing.TicketCalled;
import io.turno.shared.TenantScope;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * "Your turn is near" (TICKET_TURN_NEAR): each call moves its queue up, and every ticket of a known
 * customer now among the first N waiting (the organization's setting {@code turn_near_position},
 * default 3) gets the message, once per ticket. A ticket issued already that close is told at the
 * next call of its queue.
 */
@Component
class TurnNearNotices {

    static final String SETTING = "turn_near_position";
    static final int DEFAULT_POSITION = 3;

    private final EventMessages messages;
    private final QueuePositions positions;
    private final TenantDirectory tenants;

    TurnNearNotices(EventMessages messages, QueuePositions positions, TenantDirectory tenants) {
        this.messages = messages;
        this.positions = positions;
        this.tenants = tenants;
    }

    /** A recall moves nobody up. */
    @ApplicationModuleListener(condition = "#called.recall() == 0")
    void on(TicketCalled called) {
        TenantScope.run(called.tenantId(), () -> {
            var publisher = new Publisher(called.tenantId(), "queueing");
            for (var ticket : positions.first(called.tenantId(), called.queueId(), near(called))) {
                if (ticket.customerId() == null) {
                    continue;
                }
                messages.toCustomer(
                        publisher,
                        "TICKET_TURN_NEAR:" + ticket.ticketId(),
                        ticket.customerId(),
                        new Message(
                                "TICKET_TURN_NEAR",
                                Map.of("ticket", ticket.number(), "ahead", Integer.toString(ticket.position() - 1))));
            }
        });
    }

    private int near(TicketCalled called) {
        try {
            return tenants.setting(called.tenantId(), SETTING)
                    .map(value -> Integer.parseInt(value.strip()))
                    .filter(n -> n > 0 && n <= 50)
                    .orElse(DEFAULT_POSITION);
        } catch (NumberFormatException notANumber) {
            return DEFAULT_POSITION;
        }
    }
}
