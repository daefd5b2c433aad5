package io.turno.reporting.internal;

import io.turno.billing.PaymentMethod;

/** A payment method as a person reads it. */
final class PaymentMethods {

    private PaymentMethods() {}

    static Label label(PaymentMethod method) {
        return switch (method) {
            case CASH -> new Label("Efectivo", "Cash");
            case CARD -> new Label("Tarjeta", "Card");
            case TRANSFER -> new Label("Transferencia", "Transfer");
            case OTHER -> new Label("Otro", "Other");
        };
    }
}
