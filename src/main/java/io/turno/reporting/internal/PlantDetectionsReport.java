package io.turno.reporting.internal;

import static io.turno.reporting.internal.ColumnType.DATETIME;
import static io.turno.reporting.internal.ColumnType.INTEGER;
import static io.turno.reporting.internal.ColumnType.TEXT;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import io.turno.production.DetectionLog;
import io.turno.production.DetectionLog.Detection;
import org.springframework.stereotype.Component;

/**
 * Every detection of a range, one row each, line by line: the export that runs to millions of rows.
 * Rows stream from production's {@link DetectionLog} as the renderer writes them; the rejected ones
 * are added up on the way for the totals row.
 */
@Component
class PlantDetectionsReport extends RangeReport {

    static final List<Column> COLUMNS = List.of(
            Column.of("line", "Línea", "Line", TEXT),
            Column.of("detected_at", "Fecha y hora", "Date and time", DATETIME),
            Column.of("product", "Producto", "Product", TEXT),
            Column.of("rejected", "Rechazada (1)", "Rejected (1)", INTEGER),
            Column.of("source_id", "Id de origen", "Source id", TEXT));

    private final DetectionLog detections;

    PlantDetectionsReport(DetectionLog detections) {
        this.detections = detections;
    }

    @Override
    public String code() {
        return "plant-detections";
    }

    @Override
    public Label title() {
        return new Label("Planta: detecciones", "Plant: detections");
    }

    @Override
    public Label description() {
        return new Label(
                "Cada detección del rango, una fila cada una, por línea y hora.",
                "Every detection of the range, one row each, by line and time.");
    }

    @Override
    public String permission() {
        return "production:read";
    }

    @Override
    public long estimatedRows(ReportRequest request) {
        DateRange range = DateRange.of(request);
        return detections.count(request.caller().tenantId(), range.start(), range.end());
    }

    @Override
    public ReportResult run(ReportRequest request) {
        var tenant = request.caller().tenantId();
        DateRange range = DateRange.of(request);
        long count = detections.count(tenant, range.start(), range.end());
        long[] rejected = {0};
        Iterable<Detection> source = detections.between(tenant, range.start(), range.end());
        Iterable<List<Object>> rows = () -> {
            Iterator<Detection> each = source.iterator();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return each.hasNext();
                }

                @Override
                public List<Object> next() {
                    Detection d = each.next();
                    if (d.rejected()) {
                        rejected[0]++;
                    }
                    return Arrays.asList(d.line(), d.detectedAt(), d.product(), d.rejected() ? 1 : 0, d.sourceId());
                }
            };
        };
        return new ReportResult(
                List.of(new Figure("detections", new Label("Detecciones", "Detections"), INTEGER, count)),
                List.of(new ReportTable(
                        "detections",
                        new Label("Detecciones", "Detections"),
                        COLUMNS,
                        rows,
                        () -> List.of(Arrays.asList(null, null, null, rejected[0], null)))),
                null);
    }
}
