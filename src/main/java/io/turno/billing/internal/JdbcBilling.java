package io.turno.billing.internal;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.turno.billing.PaymentMethod;
import io.turno.billing.PaymentView;
import io.turno.shared.PageResult;
import io.turno.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Billing's rows; every statement is tenant-scoped. */
@Repository
class JdbcBilling {

    /** A till session as stored. */
    record SessionRow(
            UUID id,
            String till,
            LocalDate businessDate,
            String currency,
            BigDecimal openingBalance,
            Instant openedAt,
            UUID openedBy,
            String openedByName,
            Instant closedAt,
            UUID closedBy,
            String closedByName,
            BigDecimal countedCash,
            BigDecimal expectedCash,
            BigDecimal difference,
            String notes) {}

    /** Money per method: what came in ({@code count} payments, {@code received}) and went back. */
    record MethodSums(PaymentMethod method, String currency, long count, BigDecimal received, BigDecimal refunded) {}

    private static final String PAYMENT = """
            SELECT id, receipt_number, appointment_id, customer_id, customer_name, customer_document, concept, method,
                   amount, currency, refunded_amount, reference, cash_session_id, received_at, received_by,
                   received_by_name
            FROM billing_payments
            """;

    private static final String SESSION = """
            SELECT id, till, business_date, currency, opening_balance, opened_at, opened_by, opened_by_name, closed_at,
                   closed_by, closed_by_name, counted_cash, expected_cash, difference, notes
            FROM billing_cash_sessions
            """;

    private final JdbcClient jdbc;

    JdbcBilling(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ---- receipts and payments ----

    /**
     * The tenant's next receipt number. The counter row stays locked until the caller's transaction
     * ends, so numbers are handed out in commit order and a rollback gives its number back.
     */
    long nextReceiptNumber(TenantId tenant) {
        return jdbc.sql("""
                INSERT INTO billing_receipt_counters AS c (tenant_id, last_number) VALUES (:t, 1)
                ON CONFLICT (tenant_id) DO UPDATE SET last_number = c.last_number + 1
                RETURNING last_number""").param("t", tenant.value()).query(Long.class).single();
    }

    /**
     * Hands out the tenant's next {@code count} receipt numbers at once and answers the last of them (the
     * first is {@code last - count + 1}), holding the counter row as {@link #nextReceiptNumber} does.
     */
    long nextReceiptNumbers(TenantId tenant, int count) {
        return jdbc.sql("""
                INSERT INTO billing_receipt_counters AS c (tenant_id, last_number) VALUES (:t, :n)
                ON CONFLICT (tenant_id) DO UPDATE SET last_number = c.last_number + :n
                RETURNING last_number""")
                .param("t", tenant.value())
                .param("n", count)
                .query(Long.class)
                .single();
    }

    /** Which of these idempotency keys a payment of the tenant already has. */
    Set<String> knownIdempotencyKeys(TenantId tenant, Collection<String> keys) {
        return new HashSet<>(jdbc.sql(
                        "SELECT idempotency_key FROM billing_payments WHERE tenant_id = :t AND idempotency_key = ANY (:keys)")
                .param("t", tenant.value())
                .param("keys", keys.toArray(String[]::new))
                .query(String.class)
                .list());
    }

    void insertPayment(TenantId tenant, PaymentView p, String idempotencyKey) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", p.id());
        params.put("t", tenant.value());
        params.put("receipt", p.receiptNumber());
        params.put("appointment", p.appointmentId());
        params.put("customer", p.customerId());
        params.put("customerName", p.customerName());
        params.put("customerDocument", p.customerDocument());
        params.put("concept", p.concept());
        params.put("method", p.method().name());
        params.put("amount", p.amount());
        params.put("currency", p.currency());
        params.put("reference", p.reference());
        params.put("key", idempotencyKey);
        params.put("session", p.cashSessionId());
        params.put("at", Timestamp.from(p.receivedAt()));
        params.put("by", p.receivedBy());
        params.put("byName", p.receivedByName());
        jdbc.sql("""
                INSERT INTO billing_payments (id, tenant_id, receipt_number, appointment_id, customer_id, customer_name,
                                              customer_document, concept, method, amount, currency, reference,
                                              idempotency_key, cash_session_id, received_at, received_by,
                                              received_by_name)
                VALUES (:id, :t, :receipt, :appointment, :customer, :customerName, :customerDocument, :concept, :method,
                        :amount, :currency, :reference, :key, :session, :at, :by, :byName)""").params(params).update();
    }

    Optional<PaymentView> findPayment(TenantId tenant, UUID id) {
        return jdbc.sql(PAYMENT + " WHERE tenant_id = :t AND id = :id")
                .param("t", tenant.value())
                .param("id", id)
                .query(JdbcBilling::payment)
                .optional();
    }

    Optional<PaymentView> findByIdempotencyKey(TenantId tenant, String key) {
        return jdbc.sql(PAYMENT + " WHERE tenant_id = :t AND idempotency_key = :k")
                .param("t", tenant.value())
                .param("k", key)
                .query(JdbcBilling::payment)
                .optional();
    }

    List<PaymentView> paymentsFor(TenantId tenant, UUID appointmentId) {
        return jdbc.sql(PAYMENT + " WHERE tenant_id = :t AND appointment_id = :a ORDER BY receipt_number")
                .param("t", tenant.value())
                .param("a", appointmentId)
                .query(JdbcBilling::payment)
                .list();
    }

    /** Payments received in [from, to), by receipt number. */
    List<PaymentView> paymentsBetween(TenantId tenant, Instant from, Instant to) {
        return jdbc.sql(
                        PAYMENT
                                + " WHERE tenant_id = :t AND received_at >= :from AND received_at < :to ORDER BY receipt_number")
                .param("t", tenant.value())
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query(JdbcBilling::payment)
                .list();
    }

    PageResult<PaymentView> page(TenantId tenant, UUID customerId, UUID appointmentId, int page, int size) {
        String where = """
                WHERE tenant_id = :t AND (CAST(:customer AS uuid) IS NULL OR customer_id = :customer)
                  AND (CAST(:appointment AS uuid) IS NULL OR appointment_id = :appointment)
                """;
        Map<String, Object> params = new HashMap<>();
        params.put("t", tenant.value());
        params.put("customer", customerId);
        params.put("appointment", appointmentId);
        long total = jdbc.sql("SELECT count(*) FROM billing_payments " + where)
                .params(params)
                .query(Long.class)
                .single();
        params.put("limit", size);
        params.put("offset", (long) page * size);
        var items = jdbc.sql(PAYMENT + where + " ORDER BY receipt_number DESC LIMIT :limit OFFSET :offset")
                .params(params)
                .query(JdbcBilling::payment)
                .list();
        return new PageResult<>(items, page, size, total);
    }

    /** Adds to what was given back, unless that would exceed what was paid (the row lock orders concurrent refunds). */
    boolean addRefunded(TenantId tenant, UUID paymentId, BigDecimal amount) {
        return jdbc.sql("""
                UPDATE billing_payments SET refunded_amount = refunded_amount + :a
                WHERE tenant_id = :t AND id = :id AND refunded_amount + :a <= amount""")
                        .param("t", tenant.value())
                        .param("id", paymentId)
                        .param("a", amount)
                        .update()
                == 1;
    }

    void insertRefund(
            TenantId tenant,
            UUID id,
            UUID paymentId,
            BigDecimal amount,
            String reason,
            UUID sessionId,
            Instant at,
            UUID by,
            String byName) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", id);
        params.put("t", tenant.value());
        params.put("payment", paymentId);
        params.put("amount", amount);
        params.put("reason", reason);
        params.put("session", sessionId);
        params.put("at", Timestamp.from(at));
        params.put("by", by);
        params.put("byName", byName);
        jdbc.sql("""
                INSERT INTO billing_refunds (id, tenant_id, payment_id, amount, reason, cash_session_id, refunded_at,
                                             refunded_by, refunded_by_name)
                VALUES (:id, :t, :payment, :amount, :reason, :session, :at, :by, :byName)""").params(params).update();
    }

    // ---- money per method ----

    /** Payments received in [from, to) per method and currency, among {@code methods}. */
    List<MethodSums> receivedBetween(TenantId tenant, Instant from, Instant to, List<PaymentMethod> methods) {
        return sums("""
                SELECT method, currency, count(*) AS n, sum(amount) AS received, 0 AS refunded
                FROM billing_payments
                WHERE tenant_id = :t AND received_at >= :from AND received_at < :to AND method = ANY (:methods)
                GROUP BY method, currency""", tenant, from, to, methods);
    }

    /** Payments for appointments received in [from, to), less their refunds, per appointment and currency. */
    List<io.turno.billing.PaymentStatistics.AppointmentIncome> incomeByAppointment(
            TenantId tenant, Instant from, Instant to) {
        return jdbc.sql("""
                SELECT appointment_id, currency, sum(amount - refunded_amount) AS net
                FROM billing_payments
                WHERE tenant_id = :t AND appointment_id IS NOT NULL AND received_at >= :from AND received_at < :to
                GROUP BY appointment_id, currency""")
                .param("t", tenant.value())
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query((rs, n) -> new io.turno.billing.PaymentStatistics.AppointmentIncome(
                        rs.getObject("appointment_id", UUID.class), rs.getString("currency"), rs.getBigDecimal("net")))
                .list();
    }

    /** Refunds made in [from, to), per method and currency of the refunded payment. */
    List<MethodSums> refundedBetween(TenantId tenant, Instant from, Instant to, List<PaymentMethod> methods) {
        return sums("""
                SELECT p.method, p.currency, 0 AS n, 0 AS received, sum(r.amount) AS refunded
                FROM billing_refunds r
                JOIN billing_payments p ON p.tenant_id = r.tenant_id AND p.id = r.payment_id
                WHERE r.tenant_id = :t AND r.refunded_at >= :from AND r.refunded_at < :to AND p.method = ANY (:methods)
                GROUP BY p.method, p.currency""", tenant, from, to, methods);
    }

    /** A till session's money per method: its payments and the refunds given out at it. */
    List<MethodSums> sessionSums(TenantId tenant, UUID sessionId) {
        return jdbc.sql("""
                SELECT method, currency, sum(n) AS n, sum(received) AS received, sum(refunded) AS refunded FROM (
                    SELECT method, currency, count(*) AS n, sum(amount) AS received, 0 AS refunded
                    FROM billing_payments WHERE tenant_id = :t AND cash_session_id = :s GROUP BY method, currency
                    UNION ALL
                    SELECT p.method, p.currency, 0, 0, sum(r.amount)
                    FROM billing_refunds r JOIN billing_payments p ON p.tenant_id = r.tenant_id AND p.id = r.payment_id
                    WHERE r.tenant_id = :t AND r.cash_session_id = :s GROUP BY p.method, p.currency
                ) money GROUP BY method, currency""")
                .param("t", tenant.value())
                .param("s", sessionId)
                .query(JdbcBilling::sums)
                .list();
    }

    private List<MethodSums> sums(String sql, TenantId tenant, Instant from, Instant to, List<PaymentMethod> methods) {
        return jdbc.sql(sql)
                .param("t", tenant.value())
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .param("methods", methods.stream().map(Enum::name).toArray(String[]::new))
                .query(JdbcBilling::sums)
                .list();
    }

    // ---- till sessions ----

    void insertSession(
            TenantId tenant,
            UUID id,
            String till,
            LocalDate businessDate,
            String currency,
            BigDecimal openingBalance,
            Instant openedAt,
            UUID by,
            String byName) {
        jdbc.sql("""
                INSERT INTO billing_cash_sessions (id, tenant_id, till, business_date, currency, opening_balance, opened_at,
                                                   opened_by, opened_by_name)
                VALUES (:id, :t, :till, :date, :currency, :opening, :at, :by, :byName)""")
                .param("id", id)
                .param("t", tenant.value())
                .param("till", till)
                .param("date", Date.valueOf(businessDate))
                .param("currency", currency)
                .param("opening", openingBalance)
                .param("at", Timestamp.from(openedAt))
                .param("by", by)
                .param("byName", byName)
                .update();
    }

    Optional<SessionRow> findSession(TenantId tenant, UUID id) {
        return jdbc.sql(SESSION + " WHERE tenant_id = :t AND id = :id")
                .param("t", tenant.value())
                .param("id", id)
                .query(JdbcBilling::session)
                .optional();
    }

    /** The session, locked until the caller's transaction ends (closing it). */
    Optional<SessionRow> lockSession(TenantId tenant, UUID id) {
        return jdbc.sql(SESSION + " WHERE tenant_id = :t AND id = :id FOR UPDATE")
                .param("t", tenant.value())
                .param("id", id)
                .query(JdbcBilling::session)
                .optional();
    }

    /** The till's open session, shared-locked so it cannot close while a payment is being added to it. */
    Optional<SessionRow> openSession(TenantId tenant, String till) {
        return jdbc.sql(SESSION
                        + " WHERE tenant_id = :t AND lower(till) = lower(:till) AND closed_at IS NULL FOR SHARE")
                .param("t", tenant.value())
                .param("till", till)
                .query(JdbcBilling::session)
                .optional();
    }

    PageResult<SessionRow> sessions(TenantId tenant, Boolean open, LocalDate date, int page, int size) {
        String where = """
                WHERE tenant_id = :t AND (CAST(:open AS boolean) IS NULL OR (closed_at IS NULL) = :open)
                  AND (CAST(:date AS date) IS NULL OR business_date = :date)
                """;
        Map<String, Object> params = new HashMap<>();
        params.put("t", tenant.value());
        params.put("open", open);
        params.put("date", date == null ? null : Date.valueOf(date));
        long total = jdbc.sql("SELECT count(*) FROM billing_cash_sessions " + where)
                .params(params)
                .query(Long.class)
                .single();
        params.put("limit", size);
        params.put("offset", (long) page * size);
        var items = jdbc.sql(SESSION + where + " ORDER BY opened_at DESC, id LIMIT :limit OFFSET :offset")
                .params(params)
                .query(JdbcBilling::session)
                .list();
        return new PageResult<>(items, page, size, total);
    }

    void closeSession(
            TenantId tenant,
            UUID id,
            Instant at,
            UUID by,
            String byName,
            BigDecimal counted,
            BigDecimal expected,
            String notes) {
        jdbc.sql("""
                UPDATE billing_cash_sessions
                SET closed_at = :at, closed_by = :by, closed_by_name = :byName, counted_cash = :counted,
                    expected_cash = :expected, difference = :counted - :expected, notes = :notes
                WHERE tenant_id = :t AND id = :id AND closed_at IS NULL""")
                .param("t", tenant.value())
                .param("id", id)
                .param("at", Timestamp.from(at))
                .param("by", by)
                .param("byName", byName)
                .param("counted", counted)
                .param("expected", expected)
                .param("notes", notes)
                .update();
    }

    private static MethodSums sums(ResultSet rs, int row) throws SQLException {
        return new MethodSums(
                PaymentMethod.valueOf(rs.getString("method")),
                rs.getString("currency"),
                rs.getLong("n"),
                rs.getBigDecimal("received"),
                rs.getBigDecimal("refunded"));
    }

    private static PaymentView payment(ResultSet rs, int row) throws SQLException {
        return new PaymentView(
                rs.getObject("id", UUID.class),
                rs.getLong("receipt_number"),
                rs.getObject("appointment_id", UUID.class),
                rs.getObject("customer_id", UUID.class),
                rs.getString("customer_name"),
                rs.getString("customer_document"),
                rs.getString("concept"),
                PaymentMethod.valueOf(rs.getString("method")),
                rs.getBigDecimal("amount"),
                rs.getString("currency"),
                rs.getBigDecimal("refunded_amount"),
                rs.getString("reference"),
                rs.getObject("cash_session_id", UUID.class),
                rs.getTimestamp("received_at").toInstant(),
                rs.getObject("received_by", UUID.class),
                rs.getString("received_by_name"));
    }

    private static SessionRow session(ResultSet rs, int row) throws SQLException {
        Timestamp closed = rs.getTimestamp("closed_at");
        return new SessionRow(
                rs.getObject("id", UUID.class),
                rs.getString("till"),
                rs.getDate("business_date").toLocalDate(),
                rs.getString("currency"),
                rs.getBigDecimal("opening_balance"),
                rs.getTimestamp("opened_at").toInstant(),
                rs.getObject("opened_by", UUID.class),
                rs.getString("opened_by_name"),
                closed == null ? null : closed.toInstant(),
                rs.getObject("closed_by", UUID.class),
                rs.getString("closed_by_name"),
                rs.getBigDecimal("counted_cash"),
                rs.getBigDecimal("expected_cash"),
                rs.getBigDecimal("difference"),
                rs.getString("notes"));
    }
}
