package io.turno.reporting.internal;

import static io.turno.reporting.internal.ColumnType.DATETIME;
import static io.turno.reporting.internal.ColumnType.INTEGER;
import static io.turno.reporting.internal.ColumnType.MONEY;
import static io.turno.reporting.internal.ColumnType.TEXT;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.turno.billing.CashReports;
import io.turno.billing.CashReports.PaidTickets;
import org.springframework.stereotype.Component;

/** Seed 003's paid tickets: every receipt of the day, with totals per currency. Billing computes them. */
@Component
class PaidTicketsReport implements ReportDefinition {

    static final List<Column> COLUMNS = List.of(
            Column.of("receipt_number", "Recibo", "Receipt", INTEGER),
            Column.of("received_at", "Fecha y hora", "Date and time", DATETIME),
            Column.of("customer", "Cliente", "Customer", TEXT),
            Column.of("document", "Documento", "Document", TEXT),
            Column.of("concept", "Concepto", "Concept", TEXT),
            Column.of("method", "Medio", "Method", TEXT),
            Column.of("currency", "Moneda", "Currency", TEXT),
            Column.of("amount", "Valor", "Amount", MONEY),
            Column.of("refunded", "Devuelto", "Refunded", MONEY),
            Column.of("net", "Neto", "Net", MONEY),
            Column.of("received_by", "Recibió", "Received by", TEXT));

    private final CashReports billing;

    PaidTicketsReport(CashReports billing) {
        this.billing = billing;
    }

    @Override
    public String code() {
        return "daily-paid-tickets";
    }

    @Override
    public Label title() {
        return new Label("Tickets pagados del día", "Daily paid tickets");
    }

    @Override
    public Label description() {
        return new Label("Cada recibo del día con sus totales.", "Every receipt of the day with its totals.");
    }

    @Override
    public String permission() {
        return "billing:reports";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(Parameter.date("date", "Fecha", "Date", true));
    }

    @Override
    public ReportResult run(ReportRequest request) {
        PaidTickets tickets =
                billing.paidTickets(request.caller(), request.parameters().date("date"));
        List<List<Object>> rows = new ArrayList<>();
        tickets.tickets()
                .forEach(p -> rows.add(Arrays.asList(
                        p.receiptNumber(),
                        p.receivedAt(),
                        p.customerName(),
                        p.customerDocument(),
                        p.concept(),
                        PaymentMethods.label(p.method()).in(request.locale()),
                        p.currency(),
                        new Amount(p.amount(), p.currency()),
                        new Amount(p.refundedAmount(), p.currency()),
                        new Amount(p.amount().subtract(p.refundedAmount()), p.currency()),
                        p.receivedByName())));
        List<List<Object>> totals = new ArrayList<>();
        tickets.totals()
                .forEach(t -> totals.add(Arrays.asList(
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        t.currency(),
                        new Amount(t.received(), t.currency()),
                        new Amount(t.refunded(), t.currency()),
                        new Amount(t.net(), t.currency()),
                        null)));
        var summary =
                List.of(new Figure("count", new Label("Tickets pagados", "Paid tickets"), INTEGER, tickets.count()));
        return new ReportResult(
                summary,
                List.of(new ReportTable(
                        "tickets", new Label("Recibos", "Receipts"), COLUMNS, rows, ReportTable.Totals.of(totals))),
                null);
    }
}
