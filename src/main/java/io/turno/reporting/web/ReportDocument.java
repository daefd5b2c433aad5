package io.turno.reporting.web;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * The JSON a report is written as (by the JSON renderer, which streams it): the schema the API
 * document shows. Cells are typed by their column: integers are numbers, decimals, money and ratios
 * decimal strings, dates {@code YYYY-MM-DD}, moments ISO-8601 with the organization's offset.
 */
@Schema(name = "ReportDocument")
record ReportDocument(
        String code,
        String title,
        @Schema(description = "The organization's name") String organization,
        @Schema(example = "es") String language,
        String timeZone,
        String currency,
        @Schema(format = "date-time") String generatedAt,

        @Schema(description = "The parameters the report ran with, as checked")
        Map<String, Object> parameters,

        List<SummaryFigure> summary,
        List<Table> tables,

        @Schema(
                nullable = true,
                types = {"object", "null"})
        @Nullable
        ChartSeries chart) {

    @Schema(name = "ReportSummaryFigure")
    record SummaryFigure(
            String key,
            String label,

            @Schema(allowableValues = {"text", "integer", "decimal", "money", "date", "datetime", "percent"})
            String type,

            @Schema(types = {"string", "integer", "number", "null"})
            Object value) {}

    @Schema(name = "ReportTable")
    record Table(
            String key,
            String title,
            List<TableColumn> columns,

            @Schema(description = "One object per row, keyed by column")
            List<Map<String, Object>> rows,

            @Schema(description = "Totals rows, keyed by column; empty cells are null")
            List<Map<String, Object>> totals) {}

    @Schema(name = "ReportTableColumn")
    record TableColumn(
            String key,
            String title,

            @Schema(allowableValues = {"text", "integer", "decimal", "money", "date", "datetime", "percent"})
            String type) {}

    @Schema(name = "ReportChartSeries")
    record ChartSeries(
            @Schema(allowableValues = {"bar", "line", "pie"})
            String kind,

            String title,
            String valueType,
            List<String> labels,
            List<Series> series) {}

    @Schema(name = "ReportSeries")
    record Series(String name, List<String> values) {}
}
