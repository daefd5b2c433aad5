package io.turno.reporting.web;

import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.media.Schema;
import io.turno.reporting.internal.Parameter;
import io.turno.reporting.internal.ReportDefinition;
import io.turno.reporting.internal.ReportFormat;
import org.jspecify.annotations.Nullable;

/** A report as its form needs it: what it is, who may run it, its parameters, where to get each format. */
@Schema(name = "ReportDescription")
public record ReportCatalogView(
        String code,
        String title,
        String description,
        String permission,
        List<String> formats,
        List<Field> parameters,

        @Schema(description = "format → URL without parameters")
        java.util.Map<String, String> links) {

    /** One field of the report's form. */
    @Schema(name = "ReportParameter")
    public record Field(
            String name,
            String label,

            @Schema(allowableValues = {"date", "choice", "choices", "text"})
            String type,

            boolean required,

            @Schema(description = "The allowed values of a choice")
            List<String> options,

            @Schema(
                    description = "The longest text allowed; null for other types",
                    nullable = true,
                    types = {"integer", "null"})
            @Nullable
            Integer maxLength) {}

    static ReportCatalogView of(ReportDefinition report, Locale locale) {
        var links = new java.util.LinkedHashMap<String, String>();
        for (ReportFormat format : ReportFormat.values()) {
            links.put(format.extension(), "/api/v1/reports/" + report.code() + "." + format.extension());
        }
        return new ReportCatalogView(
                report.code(),
                report.title().in(locale),
                report.description().in(locale),
                report.permission(),
                java.util.Arrays.stream(ReportFormat.values())
                        .map(ReportFormat::extension)
                        .toList(),
                report.parameters().stream().map(p -> field(p, locale)).toList(),
                links);
    }

    private static Field field(Parameter p, Locale locale) {
        return new Field(
                p.name(),
                p.label().in(locale),
                p.type().wire(),
                p.required(),
                p.options(),
                p.type() == Parameter.Type.TEXT ? p.maxLength() : null);
    }
}
