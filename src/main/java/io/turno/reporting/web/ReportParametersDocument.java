package io.turno.reporting.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.turno.reporting.internal.ReportCatalog;
import io.turno.reporting.internal.ReportDefinition;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * The report routes take each report's parameters as query parameters: the API document lists them
 * from the catalog itself (which report takes which is in each description), so it cannot drift
 * from what the reports read.
 */
@Component
class ReportParametersDocument implements OpenApiCustomizer {

    private final ReportCatalog catalog;

    ReportParametersDocument(ReportCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void customise(io.swagger.v3.oas.models.OpenAPI openApi) {
        if (openApi.getPaths() == null) {
            return;
        }
        var any = openApi.getPaths().get("/api/v1/reports/{code}.{format}");
        if (any != null && any.getGet() != null) {
            parameters(catalog.all()).values().forEach(any.getGet()::addParametersItem);
            any.getGet()
                    .addParametersItem(new Parameter()
                            .in("query")
                            .name("separator")
                            .description("CSV only: semicolon writes ; between cells and a decimal comma")
                            .schema(new StringSchema()._enum(List.of("comma", "semicolon"))));
            any.getGet()
                    .addParametersItem(new Parameter()
                            .in("query")
                            .name("lang")
                            .description("es or en: the language of titles and figures (default: the caller's)")
                            .schema(new StringSchema()._enum(List.of("es", "en"))));
        }
        var cash = catalog.find("improved-daily-cash").orElseThrow();
        for (String path :
                List.of("/api/v1/exports/pdf/caja-chica-mejorada", "/api/v1/exports/excel/caja-chica-mejorada")) {
            var item = openApi.getPaths().get(path);
            if (item != null && item.getGet() != null) {
                parameters(List.of(cash)).values().forEach(item.getGet()::addParametersItem);
            }
        }
    }

    private static Map<String, Parameter> parameters(List<ReportDefinition> reports) {
        Map<String, Parameter> byName = new LinkedHashMap<>();
        for (ReportDefinition report : reports) {
            for (var p : report.parameters()) {
                byName.computeIfAbsent(
                                p.name(),
                                name -> new Parameter()
                                        .in("query")
                                        .name(name)
                                        .required(false)
                                        .description("")
                                        .schema(schema(p)))
                        .setDescription(describe(byName.get(p.name()), report, p));
            }
        }
        return byName;
    }

    private static String describe(
            Parameter existing, ReportDefinition report, io.turno.reporting.internal.Parameter p) {
        String before = existing == null || existing.getDescription() == null ? "" : existing.getDescription();
        String line = report.code() + ": " + p.label().en() + (p.required() ? " (required)" : "");
        return before.isEmpty() ? line : before + "; " + line;
    }

    private static Schema<?> schema(io.turno.reporting.internal.Parameter p) {
        return switch (p.type()) {
            case DATE -> new StringSchema().format("date");
            case CHOICE -> new StringSchema()._enum(p.options());
            case CHOICES -> new ArraySchema().items(new StringSchema()._enum(p.options()));
            case TEXT -> new StringSchema().maxLength(p.maxLength());
        };
    }
}
