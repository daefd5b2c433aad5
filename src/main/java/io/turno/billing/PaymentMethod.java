package io.turno.billing;

/** How a payment was made. */
public enum PaymentMethod {
    CASH,
    CARD,
    TRANSFER,
    OTHER
}
