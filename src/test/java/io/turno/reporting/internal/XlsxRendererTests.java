package io.turno.reporting.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.zip.ZipFile;

import io.turno.shared.Formats;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;

/**
 * FastExcel keeps its shared-strings table (every distinct string) in memory until the workbook is finished,
 * so rows' texts are written inline: what the workbook holds for them does not grow with the rows, and a
 * million distinct source ids are never in memory at once (the heap itself: ReportingBenchmark).
 */
class XlsxRendererTests {

    @Test
    void rowsTextsAreInlineSoTheSharedStringsDoNotGrowWithTheRows() throws IOException {
        byte[] few = render(10);
        byte[] many = render(20_000);

        // Before: 20,008 shared strings for 20,000 rows, 18 for 10.
        assertThat(uniqueCount(sharedStrings(many))).isEqualTo(uniqueCount(sharedStrings(few)));
        assertThat(sharedStrings(many).contains("source-"))
                .as("a row's text in the shared strings")
                .isFalse();
        try (var workbook = new ReadableWorkbook(new ByteArrayInputStream(many))) {
            List<Row> rows = workbook.getFirstSheet().read();
            assertThat(rows).hasSize(1 + 20_000);
            assertThat(rows.get(0).getCellText(0)).isEqualTo("Origen");
            assertThat(rows.get(20_000).getCellText(0)).isEqualTo("source-19999");
            assertThat(rows.get(20_000).getCellAsNumber(1))
                    .hasValueSatisfying(n -> assertThat(n.intValue()).isEqualTo(19_999));
        }
    }

    private static byte[] render(int rows) throws IOException {
        var table = new ReportTable(
                "detections",
                new Label("Detecciones", "Detections"),
                List.of(
                        Column.of("source", "Origen", "Source", ColumnType.TEXT),
                        Column.of("n", "N", "N", ColumnType.INTEGER)),
                () -> IntStream.range(0, rows)
                        .mapToObj(i -> List.<Object>of("source-" + i, i))
                        .iterator(),
                ReportTable.Totals.none());
        var report = new ProducedReport(
                new Definition(),
                new ReportParameters(Map.of()),
                new ReportResult(List.of(), List.of(table), null),
                "Demo",
                Instant.parse("2026-12-07T12:00:00Z"),
                Locale.of("es"),
                Formats.of(Locale.of("es"), ZoneId.of("America/Bogota"), "COP"));
        var out = new ByteArrayOutputStream();
        new XlsxRenderer().write(report, RenderOptions.DEFAULTS, out);
        return out.toByteArray();
    }

    private static int uniqueCount(String sharedStrings) {
        var count = java.util.regex.Pattern.compile("uniqueCount=\"(\\d+)\"").matcher(sharedStrings);
        assertThat(count.find()).as(sharedStrings).isTrue();
        return Integer.parseInt(count.group(1));
    }

    /** The workbook's shared-strings part (read through its central directory: FastExcel streams the zip). */
    private static String sharedStrings(byte[] xlsx) throws IOException {
        Path file = Files.createTempFile("xlsx-renderer", ".xlsx");
        try {
            Files.write(file, xlsx);
            try (var zip = new ZipFile(file.toFile())) {
                var entry = zip.getEntry("xl/sharedStrings.xml");
                return entry == null
                        ? ""
                        : new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
            }
        } finally {
            Files.delete(file);
        }
    }

    private static final class Definition implements ReportDefinition {
        @Override
        public String code() {
            return "test";
        }

        @Override
        public Label title() {
            return new Label("Prueba", "Test");
        }

        @Override
        public Label description() {
            return title();
        }

        @Override
        public String permission() {
            return "test:read";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of();
        }

        @Override
        public ReportResult run(ReportRequest request) {
            throw new UnsupportedOperationException();
        }
    }
}
