package io.turno.billing.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import io.turno.audit.AuditEntry;
import io.turno.audit.AuditLog;
import io.turno.billing.CashReports.MethodTotal;
import io.turno.billing.CashReports.SessionView;
import io.turno.billing.PayableAppointments;
import io.turno.billing.PaymentGateway;
import io.turno.billing.PaymentMethod;
import io.turno.billing.PaymentReceived;
import io.turno.billing.PaymentView;
import io.turno.billing.Payments;
import io.turno.billing.internal.BillingFailures.Invalid;
import io.turno.billing.internal.BillingFailures.KeyReused;
import io.turno.billing.internal.BillingFailures.NoProvider;
import io.turno.billing.internal.BillingFailures.RefundExceedsPaid;
import io.turno.billing.internal.BillingFailures.SessionClosed;
import io.turno.billing.internal.BillingFailures.TillAlreadyOpen;
import io.turno.billing.internal.BillingFailures.TillNotOpen;
import io.turno.billing.internal.BillingFailures.UnknownAppointment;
import io.turno.billing.internal.JdbcBilling.MethodSums;
import io.turno.billing.internal.JdbcBilling.SessionRow;
import io.turno.customers.CustomerView;
import io.turno.customers.Customers;
import io.turno.shared.Actor;
import io.turno.shared.NotFound;
import io.turno.shared.PageResult;
import io.turno.shared.TenantId;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Payments (each its own receipt), refunds and till sessions. A payment is recorded only once its
 * provider approved it, in one transaction with its receipt number, its audit entry and its
 * {@link PaymentReceived} event.
 */
@Service
public class BillingService implements Payments {

    static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final BigDecimal MAX_AMOUNT = new BigDecimal("9999999999.99");

    /** A payment taken at the desk ({@code till} names the open session its money goes into, if any). */
    public record DeskPayment(ChargeRequest charge, String till, String reference) {}

    private final JdbcBilling store;
    private final Customers customers;
    private final List<PaymentGateway> gateways;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final TenantZones zones;
    private final BillingProperties properties;
    private final Clock clock;
    private final ObjectProvider<PayableAppointments> appointments;

    BillingService(
            JdbcBilling store,
            Customers customers,
            List<PaymentGateway> gateways,
            AuditLog audit,
            ApplicationEventPublisher events,
            TransactionTemplate transactions,
            TenantZones zones,
            BillingProperties properties,
            Clock clock,
            ObjectProvider<PayableAppointments> appointments) {
        this.appointments = appointments;
        this.store = store;
        this.customers = customers;
        this.gateways = gateways;
        this.audit = audit;
        this.events = events;
        this.transactions = transactions;
        this.zones = zones;
        this.properties = properties;
        this.clock = clock;
    }

    // ---- payments ----

    @Override
    public ChargeResult charge(TenantId tenant, ChargeRequest request, Actor actor) {
        return take(tenant, new DeskPayment(request, null, null), actor);
    }

    /** Takes a payment through its provider and records it when approved; a known idempotency key answers its payment. */
    public ChargeResult take(TenantId tenant, DeskPayment desk, Actor actor) {
        ChargeRequest request = normalized(desk.charge());
        if (request.idempotencyKey() != null) {
            var known = transactions.execute(tx -> store.findByIdempotencyKey(tenant, request.idempotencyKey()));
            if (known.isPresent()) {
                return replay(known.get(), request);
            }
        }
        CustomerView customer = customers
                .find(tenant, request.customerId())
                .orElseThrow(() -> new NotFound("Cliente", request.customerId()));
        // Checked before the provider is called: money is never taken for an appointment that does not exist.
        if (request.appointmentId() != null
                && !appointments.stream().allMatch(a -> a.exists(tenant, request.appointmentId()))) {
            throw new UnknownAppointment(request.appointmentId());
        }
        var charge = new PaymentGateway.Charge(
                tenant,
                request.appointmentId(),
                request.amount(),
                request.currency(),
                request.method(),
                request.cardToken(),
                request.idempotencyKey() == null ? UUID.randomUUID().toString() : request.idempotencyKey(),
                request.concept());
        PaymentGateway gateway =
                gateways.stream().filter(g -> g.handles(charge)).findFirst().orElseThrow(NoProvider::new);
        // The provider is called with no transaction open: a slow provider holds no connection or lock.
        PaymentGateway.Result result = gateway.charge(charge);
        return switch (result.outcome()) {
            case DECLINED -> new ChargeResult(ChargeStatus.DECLINED, null, result.reason());
            case TIMED_OUT -> new ChargeResult(ChargeStatus.TIMED_OUT, null, result.reason());
            case APPROVED -> {
                String reference = result.reference() != null ? result.reference() : blankToNull(desk.reference());
                try {
                    yield new ChargeResult(
                            ChargeStatus.APPROVED,
                            transactions.execute(tx ->
                                    record(tenant, request, customer, reference, blankToNull(desk.till()), actor)),
                            null);
                } catch (DuplicateKeyException e) {
                    // The same key recorded by a concurrent call: that payment is this one.
                    var known =
                            transactions.execute(tx -> store.findByIdempotencyKey(tenant, request.idempotencyKey()));
                    yield replay(known.orElseThrow(() -> e), request);
                } catch (DataIntegrityViolationException e) {
                    // The appointment went away between the check and the insert (billing_payments_appointment_fk).
                    if (e.getMostSpecificCause() instanceof java.sql.SQLException sql
                            && "23503".equals(sql.getSQLState())
                            && String.valueOf(sql.getMessage()).contains("billing_payments_appointment_fk")) {
                        throw new UnknownAppointment(request.appointmentId());
                    }
                    throw e;
                }
            }
        };
    }

    /** The payment an idempotency key already recorded, if the request is the same charge. */
    private static ChargeResult replay(PaymentView known, ChargeRequest request) {
        if (!known.customerId().equals(request.customerId())
                || known.amount().compareTo(request.amount()) != 0
                || !known.currency().equals(request.currency())
                || known.method() != request.method()
                || !java.util.Objects.equals(known.appointmentId(), request.appointmentId())) {
            throw new KeyReused();
        }
        return new ChargeResult(ChargeStatus.APPROVED, known, null);
    }

    private PaymentView record(
            TenantId tenant, ChargeRequest request, CustomerView customer, String reference, String till, Actor actor) {
        UUID sessionId = till == null
                ? null
                : store.openSession(tenant, till)
                        .orElseThrow(() -> new TillNotOpen(till))
                        .id();
        // Last before the insert: the counter's row lock is held from here to the commit.
        long receipt = store.nextReceiptNumber(tenant);
        var payment = new PaymentView(
                UUID.randomUUID(),
                receipt,
                request.appointmentId(),
                customer.id(),
                customer.fullName(),
                customer.document(),
                request.concept(),
                request.method(),
                request.amount(),
                request.currency(),
                BigDecimal.ZERO.setScale(2),
                reference,
                sessionId,
                Instant.now(clock).truncatedTo(ChronoUnit.MICROS),
                actor == null ? null : actor.userId(),
                actor == null ? null : actor.username());
        store.insertPayment(tenant, payment, request.idempotencyKey());
        var summary = new LinkedHashMap<String, Object>();
        summary.put("receipt_number", receipt);
        summary.put(
                "appointment_id",
                request.appointmentId() == null ? null : request.appointmentId().toString());
        summary.put("customer_id", customer.id().toString());
        summary.put("method", request.method().name());
        summary.put("amount", request.amount().toPlainString());
        summary.put("currency", request.currency());
        summary.put("till", till);
        audit.record(new AuditEntry(
                tenant,
                actor == null ? null : actor.userId(),
                actor == null ? null : actor.username(),
                "CREATE",
                "payment",
                payment.id().toString(),
                Map.of("after", summary)));
        events.publishEvent(new PaymentReceived(
                tenant,
                payment.id(),
                receipt,
                payment.appointmentId(),
                customer.id(),
                payment.method(),
                payment.amount(),
                payment.currency(),
                payment.receivedAt()));
        return payment;
    }

    @Override
    @Transactional(readOnly = true)
    public List<PaymentView> paymentsFor(TenantId tenant, UUID appointmentId) {
        return store.paymentsFor(tenant, appointmentId);
    }

    @Override
    @Transactional(readOnly = true)
    public BigDecimal netPaid(TenantId tenant, UUID appointmentId) {
        return store.paymentsFor(tenant, appointmentId).stream()
                .map(p -> p.amount().subtract(p.refundedAmount()))
                .reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }

    @Transactional(readOnly = true)
    public PageResult<PaymentView> list(Actor caller, UUID customerId, UUID appointmentId, int page, int size) {
        return store.page(caller.tenantId(), customerId, appointmentId, page, size);
    }

    @Transactional(readOnly = true)
    public PaymentView get(Actor caller, UUID id) {
        return store.findPayment(caller.tenantId(), id).orElseThrow(() -> new NotFound("Pago", id));
    }

    /** Gives back part or all of a payment, never more than is left of it; at {@code till}'s open session when named. */
    @Transactional
    public PaymentView refund(Actor caller, UUID paymentId, BigDecimal amount, String reason, String till) {
        TenantId tenant = caller.tenantId();
        PaymentView payment = get(caller, paymentId);
        BigDecimal exact = money("amount", amount);
        String tillName = blankToNull(till);
        UUID sessionId = tillName == null
                ? null
                : store.openSession(tenant, tillName)
                        .orElseThrow(() -> new TillNotOpen(tillName))
                        .id();
        if (!store.addRefunded(tenant, paymentId, exact)) {
            PaymentView now = get(caller, paymentId);
            throw new RefundExceedsPaid(now.amount().subtract(now.refundedAmount()), now.currency());
        }
        UUID refundId = UUID.randomUUID();
        store.insertRefund(
                tenant,
                refundId,
                paymentId,
                exact,
                reason.strip(),
                sessionId,
                Instant.now(clock).truncatedTo(ChronoUnit.MICROS),
                caller.userId(),
                caller.username());
        PaymentView after = get(caller, paymentId);
        audit.record(new AuditEntry(
                tenant,
                caller.userId(),
                caller.username(),
                "UPDATE",
                "payment",
                paymentId.toString(),
                AuditEntry.change(
                        Map.of("refunded_amount", payment.refundedAmount().toPlainString()),
                        Map.of(
                                "refunded_amount",
                                after.refundedAmount().toPlainString(),
                                "refund_id",
                                refundId.toString(),
                                "reason",
                                reason.strip()))));
        return after;
    }

    // ---- till sessions ----

    @Transactional
    public SessionView open(Actor caller, String till, BigDecimal openingBalance, String currency) {
        TenantId tenant = caller.tenantId();
        String name = till.strip();
        String money = currency == null || currency.isBlank()
                ? properties.currency()
                : currency.strip().toUpperCase();
        if (!CURRENCY.matcher(money).matches()) {
            throw new Invalid("currency", "La moneda es un código ISO 4217 de tres letras, p. ej. COP.");
        }
        UUID id = UUID.randomUUID();
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        try {
            store.insertSession(
                    tenant,
                    id,
                    name,
                    LocalDate.ofInstant(now, zones.of(tenant)),
                    money,
                    money("opening_balance", openingBalance),
                    now,
                    caller.userId(),
                    caller.username());
        } catch (DuplicateKeyException e) {
            throw new TillAlreadyOpen(name);
        }
        audit.record(new AuditEntry(
                tenant,
                caller.userId(),
                caller.username(),
                "CREATE",
                "cash_session",
                id.toString(),
                Map.of(
                        "after",
                        Map.of("till", name, "opening_balance", openingBalance.toPlainString(), "currency", money))));
        return session(caller, id);
    }

    /** Closes the session with the cash counted: the difference is counted minus expected (opening + cash in − cash out). */
    @Transactional
    public SessionView close(Actor caller, UUID id, BigDecimal countedCash, String notes) {
        TenantId tenant = caller.tenantId();
        SessionRow row = store.lockSession(tenant, id).orElseThrow(() -> new NotFound("Sesión de caja", id));
        if (row.closedAt() != null) {
            throw new SessionClosed();
        }
        BigDecimal counted = money("counted_cash", countedCash);
        BigDecimal expected = expectedCash(row, totals(store.sessionSums(tenant, id)));
        store.closeSession(
                tenant,
                id,
                Instant.now(clock).truncatedTo(ChronoUnit.MICROS),
                caller.userId(),
                caller.username(),
                counted,
                expected,
                blankToNull(notes));
        SessionView closed = session(caller, id);
        audit.record(new AuditEntry(
                tenant,
                caller.userId(),
                caller.username(),
                "UPDATE",
                "cash_session",
                id.toString(),
                AuditEntry.change(
                        Map.of("status", "OPEN"),
                        Map.of(
                                "status",
                                "CLOSED",
                                "counted_cash",
                                counted.toPlainString(),
                                "expected_cash",
                                expected.toPlainString(),
                                "difference",
                                closed.difference().toPlainString()))));
        return closed;
    }

    @Transactional(readOnly = true)
    public SessionView session(Actor caller, UUID id) {
        SessionRow row = store.findSession(caller.tenantId(), id).orElseThrow(() -> new NotFound("Sesión de caja", id));
        return view(caller.tenantId(), row);
    }

    @Transactional(readOnly = true)
    public PageResult<SessionView> sessions(Actor caller, Boolean open, LocalDate date, int page, int size) {
        return store.sessions(caller.tenantId(), open, date, page, size).map(row -> view(caller.tenantId(), row));
    }

    SessionView view(TenantId tenant, SessionRow row) {
        List<MethodTotal> income = totals(store.sessionSums(tenant, row.id()));
        BigDecimal expected = row.closedAt() != null ? row.expectedCash() : expectedCash(row, income);
        return new SessionView(
                row.id(),
                row.till(),
                row.businessDate(),
                row.closedAt() == null ? "OPEN" : "CLOSED",
                row.currency(),
                row.openingBalance(),
                row.openedAt(),
                row.openedByName(),
                row.closedAt(),
                row.closedByName(),
                income,
                expected,
                row.countedCash(),
                row.difference(),
                row.notes());
    }

    private static BigDecimal expectedCash(SessionRow row, List<MethodTotal> income) {
        return income.stream()
                .filter(t -> t.method() == PaymentMethod.CASH && t.currency().equals(row.currency()))
                .map(MethodTotal::net)
                .reduce(row.openingBalance(), BigDecimal::add);
    }

    /** One total per method (in {@link PaymentMethod} order) and currency. */
    static List<MethodTotal> totals(List<MethodSums> sums) {
        Map<PaymentMethod, Map<String, MethodTotal>> byMethod = new EnumMap<>(PaymentMethod.class);
        for (MethodSums s : sums) {
            byMethod.computeIfAbsent(s.method(), m -> new java.util.TreeMap<>())
                    .merge(
                            s.currency(),
                            new MethodTotal(
                                    s.method(),
                                    s.currency(),
                                    s.count(),
                                    scaled(s.received()),
                                    scaled(s.refunded()),
                                    scaled(s.received()).subtract(scaled(s.refunded()))),
                            (a, b) -> new MethodTotal(
                                    a.method(),
                                    a.currency(),
                                    a.count() + b.count(),
                                    a.received().add(b.received()),
                                    a.refunded().add(b.refunded()),
                                    a.net().add(b.net())));
        }
        List<MethodTotal> totals = new ArrayList<>();
        byMethod.values().forEach(perCurrency -> totals.addAll(perCurrency.values()));
        return totals;
    }

    // ---- input ----

    private ChargeRequest normalized(ChargeRequest r) {
        if (r.customerId() == null) {
            throw new Invalid("customer_id", "Indica el cliente que paga.");
        }
        if (r.method() == null) {
            throw new Invalid("method", "Indica el medio de pago: CASH, CARD, TRANSFER u OTHER.");
        }
        String currency = r.currency() == null || r.currency().isBlank()
                ? properties.currency()
                : r.currency().strip().toUpperCase();
        if (!CURRENCY.matcher(currency).matches()) {
            throw new Invalid("currency", "La moneda es un código ISO 4217 de tres letras, p. ej. COP.");
        }
        String key = blankToNull(r.idempotencyKey());
        if (key != null && key.length() > 120) {
            throw new Invalid("idempotency_key", "La clave de idempotencia tiene como máximo 120 caracteres.");
        }
        String concept = blankToNull(r.concept());
        if (concept != null && concept.length() > 300) {
            throw new Invalid("concept", "El concepto tiene como máximo 300 caracteres.");
        }
        String token = blankToNull(r.cardToken());
        if (token != null && r.method() != PaymentMethod.CARD) {
            throw new Invalid("card_token", "Solo un pago con tarjeta lleva card_token.");
        }
        return new ChargeRequest(
                r.appointmentId(),
                r.customerId(),
                money("amount", r.amount()),
                currency,
                r.method(),
                token,
                key,
                concept == null ? (r.appointmentId() == null ? "Pago" : "Cita") : concept);
    }

    /** A positive amount with at most two decimals, below the column's limit; written with two decimals. */
    static BigDecimal money(String field, BigDecimal amount) {
        if (amount == null) {
            throw new Invalid(field, "Indica el valor.");
        }
        boolean opening = field.equals("opening_balance") || field.equals("counted_cash");
        if (amount.signum() < 0 || (!opening && amount.signum() == 0)) {
            throw new Invalid(field, opening ? "El valor no puede ser negativo." : "El valor debe ser mayor que cero.");
        }
        if (amount.stripTrailingZeros().scale() > 2) {
            throw new Invalid(field, "El valor lleva como máximo dos decimales.");
        }
        if (amount.compareTo(MAX_AMOUNT) > 0) {
            throw new Invalid(field, "El valor es demasiado grande.");
        }
        return amount.setScale(2, RoundingMode.UNNECESSARY);
    }

    private static BigDecimal scaled(BigDecimal value) {
        return value == null ? BigDecimal.ZERO.setScale(2) : value.setScale(2, RoundingMode.UNNECESSARY);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
