package io.turno.reporting.internal;

import static io.turno.reporting.internal.ColumnType.DATETIME;
import static io.turno.reporting.internal.ColumnType.INTEGER;
import static io.turno.reporting.internal.ColumnType.MONEY;
import static io.turno.reporting.internal.ColumnType.TEXT;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.turno.billing.CashReports;
import io.turno.billing.CashReports.DailyCash;
import io.turno.billing.CashReports.SessionView;
import io.turno.billing.PaymentMethod;
import org.springframework.stereotype.Component;

/**
 * Seed 003's "caja chica mejorada": the day's money per method with its totals per currency, the
 * tills of the day, and a chart of the net per method. Billing computes every figure.
 */
@Component
class DailyCashReport implements ReportDefinition {

    static final List<Column> METHOD_COLUMNS = List.of(
            Column.of("method", "Método", "Method", TEXT),
            Column.of("currency", "Moneda", "Currency", TEXT),
            Column.of("count", "Pagos", "Payments", INTEGER),
            Column.of("received", "Recibido", "Received", MONEY),
            Column.of("refunded", "Devuelto", "Refunded", MONEY),
            Column.of("net", "Neto", "Net", MONEY));

    static final List<Column> SESSION_COLUMNS = List.of(
            Column.of("till", "Caja", "Till", TEXT),
            Column.of("status", "Estado", "Status", TEXT),
            Column.of("opened_at", "Abierta", "Opened", DATETIME),
            Column.of("opened_by", "Abrió", "Opened by", TEXT),
            Column.of("closed_at", "Cerrada", "Closed", DATETIME),
            Column.of("opening_balance", "Saldo inicial", "Opening balance", MONEY),
            Column.of("expected_cash", "Efectivo esperado", "Expected cash", MONEY),
            Column.of("counted_cash", "Efectivo contado", "Counted cash", MONEY),
            Column.of("difference", "Diferencia", "Difference", MONEY));

    private final CashReports billing;

    DailyCashReport(CashReports billing) {
        this.billing = billing;
    }

    @Override
    public String code() {
        return "improved-daily-cash";
    }

    @Override
    public Label title() {
        return new Label("Caja chica mejorada", "Daily cash report");
    }

    @Override
    public Label description() {
        return new Label(
                "El dinero del día por medio de pago, las devoluciones y las cajas abiertas y cerradas.",
                "The day's money per payment method, refunds, and the tills opened and closed.");
    }

    @Override
    public String permission() {
        return "billing:reports";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(
                Parameter.date("date", "Fecha", "Date", true),
                Parameter.choices(
                        "payment_methods",
                        "Medios de pago",
                        "Payment methods",
                        Arrays.stream(PaymentMethod.values()).map(Enum::name).toList()));
    }

    @Override
    public ReportResult run(ReportRequest request) {
        var parameters = request.parameters();
        List<PaymentMethod> methods = parameters.choices("payment_methods").stream()
                .map(PaymentMethod::valueOf)
                .toList();
        DailyCash cash = billing.dailyCash(request.caller(), parameters.date("date"), methods);
        Locale locale = request.locale();
        String currency = request.formats().currency();

        List<List<Object>> rows = new ArrayList<>();
        cash.methods()
                .forEach(m -> rows.add(List.of(
                        PaymentMethods.label(m.method()).in(locale),
                        m.currency(),
                        m.count(),
                        new Amount(m.received(), m.currency()),
                        new Amount(m.refunded(), m.currency()),
                        new Amount(m.net(), m.currency()))));
        List<List<Object>> totals = new ArrayList<>();
        cash.totals()
                .forEach(t -> totals.add(Arrays.asList(
                        null,
                        t.currency(),
                        t.count(),
                        new Amount(t.received(), t.currency()),
                        new Amount(t.refunded(), t.currency()),
                        new Amount(t.net(), t.currency()))));
        List<List<Object>> sessions = new ArrayList<>();
        cash.cashSessions().forEach(s -> sessions.add(session(s, locale)));

        var summary = List.of(
                new Figure(
                        "opening_balance",
                        new Label("Saldo inicial", "Opening balance"),
                        MONEY,
                        money(cash.openingBalance(), currency)),
                new Figure(
                        "expected_cash",
                        new Label("Efectivo esperado", "Expected cash"),
                        MONEY,
                        money(cash.expectedCash(), currency)),
                new Figure(
                        "counted_cash",
                        new Label("Efectivo contado", "Counted cash"),
                        MONEY,
                        money(cash.countedCash(), currency)),
                new Figure(
                        "difference", new Label("Diferencia", "Difference"), MONEY, money(cash.difference(), currency)),
                new Figure("open_tills", new Label("Cajas abiertas", "Open tills"), INTEGER, cash.openTills()));
        var chart = new Chart(
                Chart.Kind.BAR,
                new Label("Neto por medio de pago", "Net per payment method"),
                MONEY,
                cash.methods().stream()
                        .map(m -> PaymentMethods.label(m.method()).in(locale))
                        .toList(),
                List.of(new Chart.Series(
                        new Label("Neto", "Net"),
                        cash.methods().stream().map(m -> m.net()).toList())));
        return new ReportResult(
                summary,
                List.of(
                        new ReportTable(
                                "methods",
                                new Label("Dinero por medio de pago", "Money per payment method"),
                                METHOD_COLUMNS,
                                rows,
                                ReportTable.Totals.of(totals)),
                        new ReportTable(
                                "cash_sessions",
                                new Label("Cajas del día", "The day's tills"),
                                SESSION_COLUMNS,
                                sessions,
                                ReportTable.Totals.none())),
                chart);
    }

    private static List<Object> session(SessionView s, Locale locale) {
        return Arrays.asList(
                s.till(),
                s.closedAt() == null
                        ? new Label("Abierta", "Open").in(locale)
                        : new Label("Cerrada", "Closed").in(locale),
                s.openedAt(),
                s.openedByName(),
                s.closedAt(),
                money(s.openingBalance(), s.currency()),
                money(s.expectedCash(), s.currency()),
                money(s.countedCash(), s.currency()),
                money(s.difference(), s.currency()));
    }

    /** Null stays null: a figure still pending (an open till's count) is not zero. */
    private static Amount money(BigDecimal value, String currency) {
        return value == null ? null : new Amount(value, currency);
    }
}
