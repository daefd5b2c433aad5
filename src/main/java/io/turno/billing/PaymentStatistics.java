package io.turno.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.turno.shared.TenantId;

/**
 * What the organization's money did over a span, for dashboards and reports: the same sums as the daily
 * cash report (payments received, refunds given, net), over any range.
 */
public interface PaymentStatistics {

    /** One method in one currency: payments taken, money received, refunded and net. */
    record MethodIncome(
            PaymentMethod method,
            String currency,
            long count,
            BigDecimal received,
            BigDecimal refunded,
            BigDecimal net) {}

    /** Per method and currency, methods without movement left out; payments and refunds made in {@code [from, to)}. */
    List<MethodIncome> incomeByMethod(TenantId tenant, Instant from, Instant to);
}
