package io.turno.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

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

    /** The money an appointment brought: its payments' amounts less what was refunded of them, in one currency. */
    record AppointmentIncome(UUID appointmentId, String currency, BigDecimal net) {}

    /** Per appointment and currency, of the payments for appointments received in {@code [from, to)}. */
    List<AppointmentIncome> incomeByAppointment(TenantId tenant, Instant from, Instant to);

    /** Per method and currency, methods without movement left out; payments and refunds made in {@code [from, to)}. */
    List<MethodIncome> incomeByMethod(TenantId tenant, Instant from, Instant to);
}
