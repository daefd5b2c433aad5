package io.turno.reporting.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.stereotype.Component;

/**
 * CSV in UTF-8 with a byte-order mark, so Excel opens accents right. A report of one table is that
 * table: its header, its rows, its totals (first cell "Total"). A report of several writes each
 * under a line with its title, one empty line between them; summary figures come last, as
 * label, value lines under their own title. Values are plain (ISO dates, no currency symbols); with
 * {@code ;} as separator decimals take a comma, as a Spanish-speaking Excel reads them.
 */
@Component
class CsvRenderer implements ReportRenderer {

    @Override
    public ReportFormat format() {
        return ReportFormat.CSV;
    }

    @Override
    public void write(ProducedReport report, RenderOptions options, OutputStream out) throws IOException {
        var locale = report.locale();
        var zone = report.formats().zone();
        boolean comma = options.semicolon();
        CSVFormat format = CSVFormat.DEFAULT
                .builder()
                .setDelimiter(comma ? ';' : ',')
                .setRecordSeparator("\r\n")
                .get();
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write('\uFEFF');
        var printer = new CSVPrinter(writer, format);
        List<ReportTable> tables = report.result().tables();
        boolean sections = tables.size() > 1;
        boolean first = true;
        for (ReportTable table : tables) {
            if (!first) {
                printer.println();
            }
            first = false;
            if (sections) {
                printer.printRecord(table.title().in(locale));
            }
            printer.printRecord(
                    table.columns().stream().map(c -> c.title().in(locale)).toList());
            for (List<Object> row : table.rows()) {
                printer.printRecord(plain(row, table.columns(), zone, comma));
            }
            for (List<Object> totals : table.totals().rows()) {
                List<Object> labelled = new ArrayList<>(totals);
                labelled.set(0, Cells.totalsLabel(totals, 0, locale));
                printer.printRecord(plain(labelled, table.columns(), zone, comma));
            }
        }
        if (!report.result().summary().isEmpty()) {
            printer.println();
            printer.printRecord(new Label("Resumen", "Summary").in(locale));
            for (Figure figure : report.result().summary()) {
                printer.printRecord(figure.label().in(locale), Cells.plain(figure.value(), figure.type(), zone, comma));
            }
        }
        printer.flush();
    }

    private static List<String> plain(List<Object> row, List<Column> columns, java.time.ZoneId zone, boolean comma) {
        List<String> cells = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            cells.add(Cells.plain(row.get(i), columns.get(i).type(), zone, comma));
        }
        return cells;
    }
}
