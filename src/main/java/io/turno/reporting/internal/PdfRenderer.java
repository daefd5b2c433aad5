package io.turno.reporting.internal;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.turno.shared.Formats;
import org.openpdf.text.Document;
import org.openpdf.text.DocumentException;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.FontFactory;
import org.openpdf.text.Image;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.Rectangle;
import org.openpdf.text.pdf.BaseFont;
import org.openpdf.text.pdf.PdfContentByte;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfPageEventHelper;
import org.openpdf.text.pdf.PdfTemplate;
import org.openpdf.text.pdf.PdfWriter;
import org.springframework.stereotype.Component;

/**
 * The report as a PDF for people (OpenPDF): the organization's name, the report's title, its
 * parameters and the generation time in the organization's zone on the first page, then the summary
 * figures, the chart (drawn by {@link ChartImages}) and the tables; a table running over pages repeats
 * its header; totals are bold; every page is numbered "n / total". Figures are written by
 * {@link Formats}, as the pages write them. Large tables are handed to the document in slices, so a
 * long report is never held whole.
 */
@Component
class PdfRenderer implements ReportRenderer {

    /** Rows given to the document at once: a big table is written and forgotten slice by slice. */
    private static final int SLICE = 200;

    private static final Color HEADER = new Color(0xDD, 0xE4, 0xEE);
    private static final Color RULE = new Color(0xC8, 0xCD, 0xD3);

    private static final Font TITLE = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 16, Font.NORMAL);
    private static final Font SUBTITLE = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 11, Font.NORMAL);
    private static final Font TEXT = FontFactory.getFont(FontFactory.HELVETICA, 9, Font.NORMAL);
    private static final Font SMALL = FontFactory.getFont(FontFactory.HELVETICA, 7.5f, Font.NORMAL);
    private static final Font SMALL_BOLD = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 7.5f, Font.NORMAL);

    @Override
    public ReportFormat format() {
        return ReportFormat.PDF;
    }

    @Override
    public void write(ProducedReport report, RenderOptions options, OutputStream out) throws IOException {
        int widest = report.result().tables().stream()
                .mapToInt(t -> t.columns().size())
                .max()
                .orElse(0);
        Rectangle page = widest > 6 ? PageSize.A4.rotate() : PageSize.A4;
        var document = new Document(page, 36, 36, 36, 48);
        try {
            PdfWriter writer = PdfWriter.getInstance(document, out);
            writer.setPageEvent(new PageNumbers(new Label("Página", "Page").in(report.locale())));
            document.addTitle(report.title());
            document.addCreator("Turno");
            document.open();
            heading(document, report);
            summary(document, report);
            chart(document, report);
            for (ReportTable table : report.result().tables()) {
                table(document, report, table);
            }
            document.close();
        } catch (DocumentException e) {
            throw new IOException("The PDF could not be written", e);
        }
    }

    private static void heading(Document document, ProducedReport report) throws DocumentException {
        Locale locale = report.locale();
        Formats formats = report.formats();
        document.add(new Paragraph(text(report.tenantName()), SUBTITLE));
        var title = new Paragraph(text(report.title()), TITLE);
        title.setSpacingAfter(4);
        document.add(title);
        var lines = new ArrayList<String>();
        for (Parameter parameter : report.definition().parameters()) {
            lines.add(parameter.label().in(locale) + ": " + parameterText(report, parameter));
        }
        lines.add(new Label("Generado", "Generated").in(locale) + ": " + formats.dateTime(report.generatedAt()) + " ("
                + formats.zone().getId() + ")");
        var about = new Paragraph(text(String.join("   ·   ", lines)), TEXT);
        about.setSpacingAfter(10);
        document.add(about);
    }

    /** A parameter as the header writes it: dates as the pages write them, lists joined, "all" when left out. */
    static String parameterText(ProducedReport report, Parameter parameter) {
        Object value = report.parameters().values().get(parameter.name());
        return switch (value) {
            case null ->
                parameter.type() == Parameter.Type.CHOICES ? new Label("todos", "all").in(report.locale()) : "—";
            case java.time.LocalDate date -> report.formats().date(date);
            case List<?> list ->
                String.join(", ", list.stream().map(String::valueOf).toList());
            default -> value.toString();
        };
    }

    private static void summary(Document document, ProducedReport report) throws DocumentException {
        List<Figure> figures = report.result().summary();
        if (figures.isEmpty()) {
            return;
        }
        var table = new PdfPTable(2);
        table.setWidthPercentage(50);
        table.setHorizontalAlignment(Element.ALIGN_LEFT);
        table.setSpacingAfter(10);
        for (Figure figure : figures) {
            table.addCell(cell(figure.label().in(report.locale()), SMALL_BOLD, Element.ALIGN_LEFT, null));
            table.addCell(cell(
                    Cells.display(figure.value(), figure.type(), report.formats()),
                    SMALL,
                    figure.type().numeric() ? Element.ALIGN_RIGHT : Element.ALIGN_LEFT,
                    null));
        }
        document.add(table);
    }

    private static void chart(Document document, ProducedReport report) throws DocumentException, IOException {
        Chart chart = report.result().chart();
        if (chart == null) {
            return;
        }
        Image image = Image.getInstance(ChartImages.png(chart, report.locale(), report.formats(), 1000, 420));
        image.scaleToFit(document.getPageSize().getWidth() - 72, 210);
        image.setAlignment(Element.ALIGN_CENTER);
        image.setSpacingAfter(8);
        document.add(image);
    }

    private static void table(Document document, ProducedReport report, ReportTable table) throws DocumentException {
        Locale locale = report.locale();
        Formats formats = report.formats();
        List<Column> columns = table.columns();
        var heading = new Paragraph(text(table.title().in(locale)), SUBTITLE);
        heading.setSpacingBefore(6);
        heading.setSpacingAfter(4);
        document.add(heading);
        var pdf = new PdfPTable(columns.size());
        pdf.setWidthPercentage(100);
        pdf.setHeaderRows(1);
        pdf.setComplete(false);
        for (Column column : columns) {
            pdf.addCell(cell(column.title().in(locale), SMALL_BOLD, align(column.type()), HEADER));
        }
        int rows = 0;
        for (List<Object> row : table.rows()) {
            for (int c = 0; c < columns.size(); c++) {
                ColumnType type = columns.get(c).type();
                pdf.addCell(cell(Cells.display(row.get(c), type, formats), SMALL, align(type), null));
            }
            if (++rows % SLICE == 0) {
                document.add(pdf);
            }
        }
        if (rows == 0) {
            var none = cell(new Label("Sin datos", "No data").in(locale), SMALL, Element.ALIGN_LEFT, null);
            none.setColspan(columns.size());
            pdf.addCell(none);
        }
        for (List<Object> totals : table.totals().rows()) {
            for (int c = 0; c < columns.size(); c++) {
                ColumnType type = columns.get(c).type();
                pdf.addCell(cell(
                        Cells.display(Cells.totalsLabel(totals, c, locale), type, formats),
                        SMALL_BOLD,
                        align(type),
                        null));
            }
        }
        pdf.setComplete(true);
        document.add(pdf);
    }

    private static int align(ColumnType type) {
        return type.numeric() ? Element.ALIGN_RIGHT : Element.ALIGN_LEFT;
    }

    private static PdfPCell cell(String content, Font font, int alignment, Color background) {
        var cell = new PdfPCell(new Phrase(text(content), font));
        cell.setHorizontalAlignment(alignment);
        cell.setPadding(3);
        cell.setBorderColor(RULE);
        if (background != null) {
            cell.setBackgroundColor(background);
        }
        return cell;
    }

    /**
     * The standard fonts write Windows-1252: the JDK's narrow no-break space (English times) becomes a
     * no-break space, and anything else outside it a question mark rather than nothing.
     */
    static String text(String value) {
        if (value == null) {
            return "";
        }
        var cleaned = new StringBuilder(value.length());
        var encoder = java.nio.charset.Charset.forName("windows-1252").newEncoder();
        value.replace('\u202f', '\u00a0').codePoints().forEach(cp -> {
            String ch = Character.toString(cp);
            cleaned.append(encoder.canEncode(ch) ? ch : "?");
        });
        return cleaned.toString();
    }

    /** "Página 3 / 7" at the foot of every page; the total is written once the document knows it. */
    private static final class PageNumbers extends PdfPageEventHelper {

        private final String word;
        private BaseFont font;
        private PdfTemplate total;

        PageNumbers(String word) {
            this.word = word;
        }

        @Override
        public void onOpenDocument(PdfWriter writer, Document document) {
            try {
                font = BaseFont.createFont(BaseFont.HELVETICA, BaseFont.CP1252, BaseFont.NOT_EMBEDDED);
            } catch (DocumentException | IOException e) {
                throw new IllegalStateException(e);
            }
            total = writer.getDirectContent().createTemplate(40, 12);
        }

        @Override
        public void onEndPage(PdfWriter writer, Document document) {
            String shown = word + " " + writer.getPageNumber() + " / ";
            float width = font.getWidthPoint(shown, 8);
            float x = document.right() - width - 20;
            float y = document.bottom() - 24;
            PdfContentByte canvas = writer.getDirectContent();
            canvas.beginText();
            canvas.setFontAndSize(font, 8);
            canvas.setTextMatrix(x, y);
            canvas.showText(shown);
            canvas.endText();
            canvas.addTemplate(total, x + width, y);
        }

        @Override
        public void onCloseDocument(PdfWriter writer, Document document) {
            total.beginText();
            total.setFontAndSize(font, 8);
            total.setTextMatrix(0, 0);
            total.showText(String.valueOf(writer.getPageNumber() - 1));
            total.endText();
        }
    }
}
