package io.turno.billing;

import static com.fasterxml.jackson.annotation.JsonFormat.Shape.STRING;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.swagger.v3.oas.annotations.media.Schema;
import io.turno.shared.Actor;
import io.turno.shared.TenantId;
import org.jspecify.annotations.Nullable;

/**
 * The two daily reports of seed 003, for one day of the organization's own time zone, as billing
 * computes them: the petty cash ("caja chica": money per method, refunds, the tills' opening and
 * closing) and the paid tickets (every receipt of the day). Each run lands in the query log. Billing's
 * own API and pages and the {@code reporting} module's exports answer these same figures.
 */
public interface CashReports {

    /** Today in the organization's time zone. */
    LocalDate today(TenantId tenant);

    /** The day's cash; {@code methods} null or empty: every method. */
    DailyCash dailyCash(Actor caller, LocalDate date, List<PaymentMethod> methods);

    /** Every receipt of the day with its totals per currency. */
    PaidTickets paidTickets(Actor caller, LocalDate date);

    /** A till session with its money per method; {@code expectedCash} is live while the session is open. */
    @Schema(name = "CashSessionView")
    public record SessionView(
            UUID id,
            String till,
            LocalDate businessDate,
            String status,
            String currency,
            @JsonFormat(shape = STRING) BigDecimal openingBalance,
            Instant openedAt,
            String openedByName,
            @Nullable Instant closedAt,
            @Nullable String closedByName,
            List<MethodTotal> income,
            @JsonFormat(shape = STRING) @Nullable BigDecimal expectedCash,
            @JsonFormat(shape = STRING) @Nullable BigDecimal countedCash,
            @JsonFormat(shape = STRING) @Nullable BigDecimal difference,
            @Nullable String notes) {}

    /** Money of one method: {@code count} payments for {@code received}, {@code refunded} given back, {@code net}. */
    public record MethodTotal(
            PaymentMethod method,
            String currency,
            long count,
            @JsonFormat(shape = STRING) BigDecimal received,
            @JsonFormat(shape = STRING) BigDecimal refunded,
            @JsonFormat(shape = STRING) BigDecimal net) {}

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
            @JsonFormat(shape = STRING) @Nullable BigDecimal expectedCash,
            @JsonFormat(shape = STRING) @Nullable BigDecimal countedCash,
            @JsonFormat(shape = STRING) @Nullable BigDecimal difference,
            long openTills) {}

    public record PaidTickets(
            LocalDate date,
            ZoneId timeZone,
            Instant from,
            Instant to,
            long count,
            List<CurrencyTotal> totals,
            List<PaymentView> tickets) {}
}
