package io.turno.billing.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.turno.audit.QueryLog;
import io.turno.billing.CashReports;
import io.turno.billing.CashReports.CurrencyTotal;
import io.turno.billing.CashReports.DailyCash;
import io.turno.billing.CashReports.MethodTotal;
import io.turno.billing.CashReports.PaidTickets;
import io.turno.billing.CashReports.SessionView;
import io.turno.billing.PaymentMethod;
import io.turno.billing.PaymentView;
import io.turno.shared.Actor;
import io.turno.shared.TenantId;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Billing's {@link CashReports}, computed from its own tables. */
@Service
public class BillingReports implements CashReports {

    private final JdbcBilling store;
    private final BillingService billing;
    private final TenantZones zones;
    private final QueryLog queries;
    private final BillingProperties properties;
    private final java.time.Clock clock;

    BillingReports(
            JdbcBilling store,
            BillingService billing,
            TenantZones zones,
            QueryLog queries,
            BillingProperties properties,
            java.time.Clock clock) {
        this.clock = clock;
        this.store = store;
        this.billing = billing;
        this.zones = zones;
        this.queries = queries;
        this.properties = properties;
    }

    @Override
    public LocalDate today(TenantId tenant) {
        return LocalDate.ofInstant(clock.instant(), zones.of(tenant));
    }

    @Override
    @Transactional
    public DailyCash dailyCash(Actor caller, LocalDate date, List<PaymentMethod> methods) {
        long started = System.nanoTime();
        TenantId tenant = caller.tenantId();
        ZoneId zone = zones.of(tenant);
        Instant from = startOf(date, zone);
        Instant to = startOf(date.plusDays(1), zone);
        List<PaymentMethod> asked = methods == null || methods.isEmpty()
                ? Arrays.asList(PaymentMethod.values())
                : methods.stream().distinct().sorted().toList();
        var sums = new ArrayList<>(store.receivedBetween(tenant, from, to, asked));
        sums.addAll(store.refundedBetween(tenant, from, to, asked));
        List<MethodTotal> rows = new ArrayList<>(BillingService.totals(sums));
        for (PaymentMethod method : asked) {
            if (rows.stream().noneMatch(r -> r.method() == method)) {
                BigDecimal zero = BigDecimal.ZERO.setScale(2);
                rows.add(new MethodTotal(method, properties.currency(), 0, zero, zero, zero));
            }
        }
        rows.sort(java.util.Comparator.comparing(MethodTotal::method).thenComparing(MethodTotal::currency));
        List<SessionView> sessions = new ArrayList<>();
        int page = 0;
        while (true) {
            var batch = billing.sessions(caller, null, date, page++, 200);
            sessions.addAll(batch.items());
            if (sessions.size() >= batch.total() || batch.items().isEmpty()) {
                break;
            }
        }
        BigDecimal zero = BigDecimal.ZERO.setScale(2);
        long open = sessions.stream().filter(s -> s.closedAt() == null).count();
        var report = new DailyCash(
                date,
                zone,
                from,
                to,
                asked,
                rows,
                currencyTotals(rows),
                sessions,
                sessions.stream().map(SessionView::openingBalance).reduce(zero, BigDecimal::add),
                sessions.stream().map(SessionView::expectedCash).reduce(zero, BigDecimal::add),
                open > 0
                        ? null
                        : sessions.stream().map(SessionView::countedCash).reduce(zero, BigDecimal::add),
                open > 0 ? null : sessions.stream().map(SessionView::difference).reduce(zero, BigDecimal::add),
                open);
        var filters = new LinkedHashMap<String, Object>();
        filters.put("date", date.toString());
        filters.put("payment_methods", asked.stream().map(Enum::name).toList());
        log(caller, "billing.improved_daily_cash", filters, rows.size(), started);
        return report;
    }

    @Override
    @Transactional
    public PaidTickets paidTickets(Actor caller, LocalDate date) {
        long started = System.nanoTime();
        TenantId tenant = caller.tenantId();
        ZoneId zone = zones.of(tenant);
        Instant from = startOf(date, zone);
        Instant to = startOf(date.plusDays(1), zone);
        List<PaymentView> tickets = store.paymentsBetween(tenant, from, to);
        Map<String, CurrencyTotal> totals = new TreeMap<>();
        for (PaymentView p : tickets) {
            totals.merge(
                    p.currency(),
                    new CurrencyTotal(
                            p.currency(),
                            1,
                            p.amount(),
                            p.refundedAmount(),
                            p.amount().subtract(p.refundedAmount())),
                    BillingReports::add);
        }
        log(caller, "billing.daily_paid_tickets", Map.of("date", date.toString()), tickets.size(), started);
        return new PaidTickets(date, zone, from, to, tickets.size(), List.copyOf(totals.values()), tickets);
    }

    private static List<CurrencyTotal> currencyTotals(List<MethodTotal> rows) {
        Map<String, CurrencyTotal> totals = new TreeMap<>();
        rows.forEach(r -> totals.merge(
                r.currency(),
                new CurrencyTotal(r.currency(), r.count(), r.received(), r.refunded(), r.net()),
                BillingReports::add));
        return List.copyOf(totals.values());
    }

    private static CurrencyTotal add(CurrencyTotal a, CurrencyTotal b) {
        return new CurrencyTotal(
                a.currency(),
                a.count() + b.count(),
                a.received().add(b.received()),
                a.refunded().add(b.refunded()),
                a.net().add(b.net()));
    }

    /** The day's first instant: {@code atStartOfDay} takes the first valid time when a zone skips midnight. */
    private static Instant startOf(LocalDate date, ZoneId zone) {
        return date.atStartOfDay(zone).toInstant();
    }

    private void log(Actor caller, String kind, Map<String, ?> filters, long rows, long started) {
        queries.record(new QueryLog.QueryEntry(
                caller.tenantId(),
                caller.userId(),
                caller.username(),
                kind,
                filters,
                rows,
                (System.nanoTime() - started) / 1_000_000));
    }
}
