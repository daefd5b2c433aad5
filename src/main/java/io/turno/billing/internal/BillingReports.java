package io.turno.billing.internal;

import static com.fasterxml.jackson.annotation.JsonFormat.Shape.STRING;

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

import com.fasterxml.jackson.annotation.JsonFormat;
import io.turno.audit.QueryLog;
import io.turno.billing.PaymentMethod;
import io.turno.billing.PaymentView;
import io.turno.billing.internal.BillingService.MethodTotal;
import io.turno.billing.internal.BillingService.SessionView;
import io.turno.shared.Actor;
import io.turno.shared.TenantId;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The two daily reports of seed 003, for one day of the organization's own time zone: the petty
 * cash ("caja chica": money per method, refunds, the tills' opening and closing) and the paid
 * tickets (every receipt of the day). Each run lands in the query log.
 */
@Service
public class BillingReports {

    /** Totals of one currency over every method reported. */
    public record CurrencyTotal(
            String currency,
            long count,
            @JsonFormat(shape = STRING) BigDecimal received,
            @JsonFormat(shape = STRING) BigDecimal refunded,
            @JsonFormat(shape = STRING) BigDecimal net) {}

    /**
     * The day's cash: {@code methods} has one row per method asked for (every method when none),
     * zero when nothing moved; {@code openingBalance} and {@code expectedCash} add up the tills of the day,
     * the expected cash of an open till being its running figure. An open till has counted nothing yet, so
     * while {@code openTills} is above zero {@code countedCash} and {@code difference} are pending (null),
     * not zero.
     */
    public record DailyCash(
            LocalDate date,
            ZoneId timeZone,
            Instant from,
            Instant to,
            List<PaymentMethod> paymentMethods,
            List<MethodTotal> methods,
            List<CurrencyTotal> totals,
            List<SessionView> cashSessions,
            @JsonFormat(shape = STRING) BigDecimal openingBalance,
            @JsonFormat(shape = STRING) BigDecimal expectedCash,
            @JsonFormat(shape = STRING) BigDecimal countedCash,
            @JsonFormat(shape = STRING) BigDecimal difference,
            long openTills) {}

    public record PaidTickets(
            LocalDate date,
            ZoneId timeZone,
            Instant from,
            Instant to,
            long count,
            List<CurrencyTotal> totals,
            List<PaymentView> tickets) {}

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

    /** Today in the organization's time zone. */
    public LocalDate today(TenantId tenant) {
        return LocalDate.ofInstant(clock.instant(), zones.of(tenant));
    }

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
