/**
 * Money taken for appointments (SPEC §4, seeds 003 and 004): payments by cash, card, transfer or
 * other means, partial and refundable, each its own numbered receipt; cash sessions per till; the
 * daily cash and paid-tickets reports; and the payment providers behind {@link io.turno.billing.Payments},
 * which scheduling's reservations call. Publishes {@link io.turno.billing.PaymentReceived}.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"shared", "audit", "identity", "customers", "catalog", "web"})
package io.turno.billing;
