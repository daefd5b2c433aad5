package io.turno.reporting.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.springframework.stereotype.Component;

/**
 * The report as an Excel workbook, streamed with FastExcel: one sheet per table (header row bold and
 * frozen, typed cells: numbers as numbers, dates and moments as Excel dates in the organization's
 * zone, money in its currency's symbol, ratios as percentages, totals bold), then a sheet with what
 * the report is (organization, parameters, generation time) and its summary figures. Rows are
 * flushed to the output as they come, and their text cells are inline strings, so memory stays flat
 * however many rows and distinct texts there are.
 */
@Component
class XlsxRenderer implements ReportRenderer {

    /** Rows kept before FastExcel writes them out. */
    private static final int FLUSH_EVERY = 1_000;

    private static final String DATE = "yyyy-mm-dd";
    private static final String DATE_TIME = "yyyy-mm-dd hh:mm";

    @Override
    public ReportFormat format() {
        return ReportFormat.XLSX;
    }

    @Override
    public void write(ProducedReport report, RenderOptions options, OutputStream out) throws IOException {
        Locale locale = report.locale();
        ZoneId zone = report.formats().zone();
        // Currency symbols as the organization's region writes them ($ for pesos in es-CO).
        Locale symbols = report.formats().locale();
        var workbook = new Workbook(out, "Turno", "1.0");
        Set<String> names = new HashSet<>();
        for (ReportTable table : report.result().tables()) {
            Worksheet sheet = workbook.newWorksheet(sheetName(table.title().in(locale), names));
            List<Column> columns = table.columns();
            for (int c = 0; c < columns.size(); c++) {
                sheet.value(0, c, columns.get(c).title().in(locale));
                sheet.style(0, c).bold().fillColor("DDE4EE").set();
                sheet.width(c, columns.get(c).type() == ColumnType.TEXT ? 24 : 16);
            }
            sheet.freezePane(0, 1);
            int r = 1;
            for (List<Object> row : table.rows()) {
                cells(sheet, r++, columns, row, zone, symbols, false);
                if (r % FLUSH_EVERY == 0) {
                    sheet.flush();
                }
            }
            for (List<Object> totals : table.totals().rows()) {
                List<Object> labelled = new java.util.ArrayList<>(totals);
                labelled.set(0, Cells.totalsLabel(totals, 0, locale));
                cells(sheet, r++, columns, labelled, zone, symbols, true);
            }
            sheet.finish();
        }
        about(workbook.newWorksheet(sheetName(new Label("Informe", "Report").in(locale), names)), report);
        workbook.finish();
    }

    private static void about(Worksheet sheet, ProducedReport report) throws IOException {
        Locale locale = report.locale();
        ZoneId zone = report.formats().zone();
        sheet.width(0, 28);
        sheet.width(1, 40);
        int r = 0;
        sheet.value(r, 0, report.title());
        sheet.style(r++, 0).bold().fontSize(14).set();
        sheet.value(r, 0, new Label("Organización", "Organization").in(locale));
        sheet.value(r++, 1, report.tenantName());
        sheet.value(r, 0, new Label("Generado", "Generated").in(locale));
        sheet.value(r, 1, report.generatedAt().atZone(zone).toLocalDateTime());
        sheet.style(r++, 1).format(DATE_TIME).horizontalAlignment("left").set();
        sheet.value(r, 0, new Label("Zona horaria", "Time zone").in(locale));
        sheet.value(r++, 1, zone.getId());
        for (Parameter parameter : report.definition().parameters()) {
            sheet.value(r, 0, parameter.label().in(locale));
            sheet.value(r++, 1, PdfRenderer.parameterText(report, parameter));
        }
        for (Figure figure : report.result().summary()) {
            sheet.value(r, 0, figure.label().in(locale));
            cell(
                    sheet,
                    r++,
                    1,
                    figure.value(),
                    figure.type(),
                    zone,
                    report.formats().locale(),
                    true);
        }
        sheet.finish();
    }

    private static void cells(
            Worksheet sheet, int r, List<Column> columns, List<Object> row, ZoneId zone, Locale locale, boolean bold) {
        for (int c = 0; c < columns.size(); c++) {
            cell(sheet, r, c, row.get(c), columns.get(c).type(), zone, locale, bold);
        }
    }

    private static void cell(
            Worksheet sheet, int r, int c, Object value, ColumnType type, ZoneId zone, Locale locale, boolean bold) {
        String format = null;
        switch (value) {
            case null -> {}
            // Inline, not in the workbook's shared-strings table: FastExcel keeps that table (every distinct
            // string) in memory until the workbook is finished, so a million distinct source ids would be
            // held whole. Headers and the report sheet's labels are few and stay shared.
            case String text -> sheet.inlineString(r, c, text);
            case Amount amount -> {
                sheet.value(r, c, amount.value());
                format = moneyFormat(amount.currency(), locale);
            }
            case LocalDate date -> {
                sheet.value(r, c, date);
                format = DATE;
            }
            case Instant instant -> {
                sheet.value(r, c, instant.atZone(zone).toLocalDateTime());
                format = DATE_TIME;
            }
            case Number number -> {
                sheet.value(r, c, number);
                format = switch (type) {
                    case PERCENT -> "0.0%";
                    case DECIMAL -> "#,##0.00";
                    case INTEGER -> "0";
                    default -> null;
                };
            }
            default -> sheet.inlineString(r, c, value.toString());
        }
        if (bold || format != null) {
            var style = sheet.style(r, c);
            if (format != null) {
                style.format(format);
            }
            if (bold) {
                style.bold();
            }
            style.set();
        }
    }

    /** {@code "$" #,##0.00}: the currency's symbol as the reader's language writes it. */
    static String moneyFormat(String currency, Locale locale) {
        String symbol;
        try {
            symbol = Currency.getInstance(currency).getSymbol(locale);
        } catch (IllegalArgumentException | NullPointerException notIso4217) {
            symbol = String.valueOf(currency);
        }
        return "\"" + symbol.replace("\"", "") + "\" #,##0.00";
    }

    /** Excel's rules: at most 31 characters, none of []:*?/\, unique in the workbook. */
    private static String sheetName(String title, Set<String> taken) {
        String name = title.replaceAll("[\\[\\]:*?/\\\\]", " ").strip();
        name = name.length() > 28 ? name.substring(0, 28) : name;
        String unique = name;
        for (int n = 2; !taken.add(unique.toLowerCase(Locale.ROOT)); n++) {
            unique = name + " " + n;
        }
        return unique;
    }
}
