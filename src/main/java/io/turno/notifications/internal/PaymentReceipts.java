package io.turno.notifications.internal;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

import io.turno.billing.PaymentMethod;
import io.turno.billing.PaymentReceived;
import io.turno.identity.TenantDirectory;
import io.turno.notifications.internal.EventMessages.Message;
import io.turno.notifications.internal.EventMessages.Publisher;
import io.turno.shared.Formats;
import io.turno.shared.TenantScope;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** A receipt message to the customer who paid, once per payment; a payment of nobody known sends none. */
@Component
class PaymentReceipts {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final EventMessages messages;
    private final TenantDirectory tenants;

    PaymentReceipts(EventMessages messages, TenantDirectory tenants) {
        this.messages = messages;
        this.tenants = tenants;
    }

    @ApplicationModuleListener(condition = "#received.customerId() != null")
    void on(PaymentReceived received) {
        TenantScope.run(received.tenantId(), () -> {
            ZoneId zone = tenants.summary(received.tenantId())
                    .map(TenantDirectory.TenantSummary::timeZone)
                    .orElse(ZoneId.of("UTC"));
            messages.toCustomer(
                    new Publisher(received.tenantId(), "billing"),
                    "PAYMENT_RECEIPT:" + received.paymentId(),
                    received.customerId(),
                    language -> new Message(
                            "PAYMENT_RECEIPT",
                            Map.of(
                                    "receipt",
                                    Long.toString(received.receiptNumber()),
                                    "amount",
                                    Formats.of(language, zone, received.currency())
                                            .money(received.amount()),
                                    "method",
                                    method(received.method(), language),
                                    "date",
                                    DATE.format(received.receivedAt().atZone(zone)))));
        });
    }

    /** In the customer's language, as a person says it. */
    private static String method(PaymentMethod method, Locale language) {
        boolean english = "en".equals(language.getLanguage());
        return switch (method) {
            case CASH -> english ? "cash" : "efectivo";
            case CARD -> english ? "card" : "tarjeta";
            case TRANSFER -> english ? "bank transfer" : "transferencia";
            case OTHER -> english ? "other means" : "otro medio";
        };
    }
}
