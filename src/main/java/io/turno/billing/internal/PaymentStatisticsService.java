package io.turno.billing.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.turno.billing.PaymentMethod;
import io.turno.billing.PaymentStatistics;
import io.turno.shared.TenantId;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** {@link PaymentStatistics} from the sums the daily cash report adds up, so both always agree. */
@Service
class PaymentStatisticsService implements PaymentStatistics {

    private static final List<PaymentMethod> EVERY_METHOD = Arrays.asList(PaymentMethod.values());

    private final JdbcBilling store;

    PaymentStatisticsService(JdbcBilling store) {
        this.store = store;
    }

    @Override
    @Transactional(readOnly = true)
    public List<AppointmentIncome> incomeByAppointment(TenantId tenant, Instant from, Instant to) {
        return store.incomeByAppointment(tenant, from, to);
    }

    @Override
    @Transactional(readOnly = true)
    public List<MethodIncome> incomeByMethod(TenantId tenant, Instant from, Instant to) {
        var sums = new ArrayList<>(store.receivedBetween(tenant, from, to, EVERY_METHOD));
        sums.addAll(store.refundedBetween(tenant, from, to, EVERY_METHOD));
        return BillingService.totals(sums).stream()
                .map(t -> new MethodIncome(t.method(), t.currency(), t.count(), t.received(), t.refunded(), t.net()))
                .toList();
    }
}
