package io.turno.billing.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import io.turno.audit.AuditEntry;
import io.turno.audit.AuditLog;
import io.turno.billing.PastPayments;
import io.turno.billing.PaymentView;
import io.turno.billing.internal.BillingFailures.Invalid;
import io.turno.customers.CustomerView;
import io.turno.customers.Customers;
import io.turno.shared.Actor;
import io.turno.shared.NotFound;
import io.turno.shared.TenantId;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@link PastPayments}: checked as a payment at the desk is, then numbered together (one round trip to the
 * receipt counter for all of them) and written with one audit entry each, as {@link BillingService} writes
 * a payment.
 */
@Service
class PastPaymentsService implements PastPayments {

    private final JdbcBilling store;
    private final Customers customers;
    private final AuditLog audit;
    private final BillingProperties properties;
    private final Clock clock;

    PastPaymentsService(
            JdbcBilling store, Customers customers, AuditLog audit, BillingProperties properties, Clock clock) {
        this.store = store;
        this.customers = customers;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    @Transactional
    public List<PaymentView> recordPast(TenantId tenant, List<PastPayment> payments, Actor actor) {
        Instant now = Instant.now(clock);
        List<PastPayment> valid = payments.stream().map(p -> valid(p, now)).toList();
        Set<String> known = store.knownIdempotencyKeys(
                tenant,
                valid.stream()
                        .map(PastPayment::idempotencyKey)
                        .filter(Objects::nonNull)
                        .toList());
        Set<String> taken = new HashSet<>(known);
        List<PastPayment> fresh = valid.stream()
                // A key repeated in the list is one payment, as it is across calls.
                .filter(p -> p.idempotencyKey() == null || taken.add(p.idempotencyKey()))
                .sorted(Comparator.comparing(PastPayment::receivedAt))
                .toList();
        if (fresh.isEmpty()) {
            return List.of();
        }
        Map<UUID, CustomerView> payers = new HashMap<>();
        for (PastPayment p : fresh) {
            payers.computeIfAbsent(
                    p.customerId(), id -> customers.find(tenant, id).orElseThrow(() -> new NotFound("Cliente", id)));
        }
        // Receipts in the order the money came in, after every receipt already given.
        long number = store.nextReceiptNumbers(tenant, fresh.size()) - fresh.size();
        List<PaymentView> recorded = new ArrayList<>();
        List<AuditEntry> entries = new ArrayList<>();
        for (PastPayment p : fresh) {
            CustomerView customer = payers.get(p.customerId());
            var payment = new PaymentView(
                    UUID.randomUUID(),
                    ++number,
                    p.appointmentId(),
                    customer.id(),
                    customer.fullName(),
                    customer.document(),
                    p.appointmentId() == null ? "Pago" : "Cita",
                    p.method(),
                    p.amount(),
                    p.currency(),
                    BigDecimal.ZERO.setScale(2),
                    p.reference(),
                    null,
                    p.receivedAt(),
                    actor == null ? null : actor.userId(),
                    actor == null ? null : actor.username());
            store.insertPayment(tenant, payment, p.idempotencyKey());
            recorded.add(payment);
            var summary = new LinkedHashMap<String, Object>();
            summary.put("receipt_number", payment.receiptNumber());
            summary.put(
                    "appointment_id",
                    p.appointmentId() == null ? null : p.appointmentId().toString());
            summary.put("customer_id", customer.id().toString());
            summary.put("method", p.method().name());
            summary.put("amount", p.amount().toPlainString());
            summary.put("currency", p.currency());
            summary.put("received_at", p.receivedAt().toString());
            entries.add(new AuditEntry(
                    tenant,
                    actor == null ? null : actor.userId(),
                    actor == null ? null : actor.username(),
                    "CREATE",
                    "payment",
                    payment.id().toString(),
                    Map.of("after", summary)));
        }
        audit.recordAll(entries);
        return recorded;
    }

    private PastPayment valid(PastPayment p, Instant now) {
        if (p.customerId() == null) {
            throw new Invalid("customer_id", "Indica el cliente que pagó.");
        }
        if (p.method() == null) {
            throw new Invalid("method", "Indica el medio de pago: CASH, CARD, TRANSFER u OTHER.");
        }
        if (p.receivedAt() == null || p.receivedAt().isAfter(now)) {
            throw new Invalid("received_at", "Un pago pasado se recibió antes de ahora.");
        }
        String currency = p.currency() == null || p.currency().isBlank()
                ? properties.currency()
                : p.currency().strip().toUpperCase();
        if (!BillingService.CURRENCY.matcher(currency).matches()) {
            throw new Invalid("currency", "La moneda es un código ISO 4217 de tres letras, p. ej. COP.");
        }
        String key = p.idempotencyKey() == null || p.idempotencyKey().isBlank()
                ? null
                : p.idempotencyKey().strip();
        if (key != null && key.length() > 120) {
            throw new Invalid("idempotency_key", "La clave de idempotencia tiene como máximo 120 caracteres.");
        }
        String reference = p.reference() == null || p.reference().isBlank()
                ? null
                : p.reference().strip();
        if (reference != null && reference.length() > 120) {
            throw new Invalid("reference", "La referencia tiene como máximo 120 caracteres.");
        }
        return new PastPayment(
                p.appointmentId(),
                p.customerId(),
                BillingService.money("amount", p.amount()),
                currency,
                p.method(),
                reference,
                p.receivedAt().truncatedTo(ChronoUnit.MICROS),
                key);
    }
}
