package io.turno.reporting.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Component;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * The report as JSON, written as it is read (rows are never collected): its description, its
 * parameters, its summary figures, its tables (columns with types, rows and totals as objects keyed
 * by column) and its chart's series. Decimals, money and ratios are decimal strings, money in the
 * currency of its row or the organization's; moments are ISO-8601 in the organization's zone.
 */
@Component
class JsonRenderer implements ReportRenderer {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public ReportFormat format() {
        return ReportFormat.JSON;
    }

    @Override
    public void write(ProducedReport report, RenderOptions options, OutputStream out) throws IOException {
        Locale locale = report.locale();
        ZoneId zone = report.formats().zone();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringProperty("code", report.definition().code());
            json.writeStringProperty("title", report.title());
            json.writeStringProperty("organization", report.tenantName());
            json.writeStringProperty("language", locale.getLanguage());
            json.writeStringProperty("time_zone", zone.getId());
            json.writeStringProperty("currency", report.formats().currency());
            json.writeStringProperty(
                    "generated_at",
                    report.generatedAt().atZone(zone).toOffsetDateTime().toString());
            json.writeName("parameters");
            json.writeStartObject();
            for (var entry : report.parameters().values().entrySet()) {
                json.writeName(entry.getKey());
                if (entry.getValue() instanceof List<?> list) {
                    json.writeStartArray();
                    for (Object item : list) {
                        json.writeString(item.toString());
                    }
                    json.writeEndArray();
                } else {
                    json.writeString(entry.getValue().toString());
                }
            }
            json.writeEndObject();
            json.writeName("summary");
            json.writeStartArray();
            for (Figure figure : report.result().summary()) {
                json.writeStartObject();
                json.writeStringProperty("key", figure.key());
                json.writeStringProperty("label", figure.label().in(locale));
                json.writeStringProperty("type", figure.type().wire());
                json.writeName("value");
                value(json, figure.value(), figure.type(), zone);
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeName("tables");
            json.writeStartArray();
            for (ReportTable table : report.result().tables()) {
                table(json, table, locale, zone);
            }
            json.writeEndArray();
            json.writeName("chart");
            chart(json, report.result().chart(), locale);
            json.writeEndObject();
        }
    }

    private static void table(JsonGenerator json, ReportTable table, Locale locale, ZoneId zone) {
        json.writeStartObject();
        json.writeStringProperty("key", table.key());
        json.writeStringProperty("title", table.title().in(locale));
        json.writeName("columns");
        json.writeStartArray();
        for (Column column : table.columns()) {
            json.writeStartObject();
            json.writeStringProperty("key", column.key());
            json.writeStringProperty("title", column.title().in(locale));
            json.writeStringProperty("type", column.type().wire());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeName("rows");
        json.writeStartArray();
        for (List<Object> row : table.rows()) {
            row(json, table.columns(), row, zone);
        }
        json.writeEndArray();
        json.writeName("totals");
        json.writeStartArray();
        for (List<Object> totals : table.totals().rows()) {
            row(json, table.columns(), totals, zone);
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void row(JsonGenerator json, List<Column> columns, List<Object> row, ZoneId zone) {
        json.writeStartObject();
        for (int i = 0; i < columns.size(); i++) {
            json.writeName(columns.get(i).key());
            value(json, row.get(i), columns.get(i).type(), zone);
        }
        json.writeEndObject();
    }

    private static void value(JsonGenerator json, Object value, ColumnType type, ZoneId zone) {
        if (value == null) {
            json.writeNull();
            return;
        }
        switch (type) {
            case TEXT -> json.writeString(value.toString());
            case INTEGER -> json.writeNumber(((Number) value).longValue());
            case DECIMAL, MONEY, PERCENT -> json.writeString(Cells.number(value).toPlainString());
            case DATE -> json.writeString(value.toString());
            case DATETIME ->
                json.writeString(
                        ((Instant) value).atZone(zone).toOffsetDateTime().toString());
        }
    }

    private static void chart(JsonGenerator json, Chart chart, Locale locale) {
        if (chart == null) {
            json.writeNull();
            return;
        }
        json.writeStartObject();
        json.writeStringProperty("kind", chart.kind().name().toLowerCase(Locale.ROOT));
        json.writeStringProperty("title", chart.title().in(locale));
        json.writeStringProperty("value_type", chart.valueType().wire());
        json.writeName("labels");
        json.writeStartArray();
        for (String label : chart.labels()) {
            json.writeString(label);
        }
        json.writeEndArray();
        json.writeName("series");
        json.writeStartArray();
        for (Chart.Series series : chart.series()) {
            json.writeStartObject();
            json.writeStringProperty("name", series.name().in(locale));
            json.writeName("values");
            json.writeStartArray();
            for (Number n : series.values()) {
                json.writeString(n == null ? null : new BigDecimal(n.toString()).toPlainString());
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }
}
