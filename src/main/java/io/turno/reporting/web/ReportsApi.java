package io.turno.reporting.web;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.turno.reporting.internal.InvalidParameters;
import io.turno.reporting.internal.Label;
import io.turno.reporting.internal.ProducedReport;
import io.turno.reporting.internal.RenderOptions;
import io.turno.reporting.internal.ReportCatalog;
import io.turno.reporting.internal.ReportFormat;
import io.turno.reporting.internal.ReportRenderer;
import io.turno.reporting.internal.Reports;
import io.turno.reporting.internal.UnknownReport;
import io.turno.shared.Actor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The report catalog and every report in every format. Running a report needs the report's own
 * permission (403 otherwise; the catalog lists only the reports the caller may run); its parameters
 * are the query's, checked against the report's (422 naming each wrong one). Files come with a
 * {@code Content-Disposition} naming the report and its day.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "reporting", description = "Reports as JSON, CSV, Excel and PDF")
class ReportsApi {

    /** Query parameters that say how to write the file, not what to report. */
    private static final Set<String> OPTIONS = Set.of("separator", "lang");

    @Schema(name = "ReportCatalog")
    record Catalog(List<ReportCatalogView> items) {}

    private final ReportCatalog catalog;
    private final Reports reports;
    private final Map<ReportFormat, ReportRenderer> renderers;

    ReportsApi(ReportCatalog catalog, Reports reports, List<ReportRenderer> renderers) {
        this.catalog = catalog;
        this.reports = reports;
        this.renderers = renderers.stream().collect(Collectors.toMap(ReportRenderer::format, r -> r));
    }

    @GetMapping(path = "/reports", produces = "application/json")
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "The reports the caller may run, each with its parameters (its form) and formats")
    Catalog catalog() {
        Locale locale = LocaleContextHolder.getLocale();
        return new Catalog(catalog.runnableWith(authorities()).stream()
                .map(r -> ReportCatalogView.of(r, locale))
                .toList());
    }

    @GetMapping("/reports/{code}.{format}")
    @PreAuthorize("isAuthenticated()")
    @Operation(
            summary = "Run a report and answer it as json, csv, xlsx or pdf; its parameters are query parameters. "
                    + "separator=semicolon writes a CSV with ; and decimal commas. Needs the report's permission",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            description = "The report",
                            content = {
                                @Content(
                                        mediaType = "application/json",
                                        schema = @Schema(implementation = ReportDocument.class)),
                                @Content(mediaType = "text/csv", schema = @Schema(type = "string")),
                                @Content(
                                        mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                        schema = @Schema(type = "string", format = "binary")),
                                @Content(
                                        mediaType = "application/pdf",
                                        schema = @Schema(type = "string", format = "binary"))
                            }))
    void report(
            @AuthenticationPrincipal Actor caller,
            @PathVariable String code,
            @PathVariable @Parameter(schema = @Schema(allowableValues = {"json", "csv", "xlsx", "pdf"})) String format,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        ReportFormat chosen = ReportFormat.ofExtension(format).orElseThrow(() -> new UnknownReport("Formato", format));
        answer(caller, code, chosen, request, response);
    }

    @GetMapping("/exports/pdf/caja-chica-mejorada")
    @PreAuthorize("hasAuthority('billing:reports')")
    @Operation(
            summary = "Seed 003: the daily cash report as PDF (date=YYYY-MM-DD, payment_methods optional)",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            description = "The PDF",
                            content =
                                    @Content(
                                            mediaType = "application/pdf",
                                            schema = @Schema(type = "string", format = "binary"))))
    void dailyCashPdf(@AuthenticationPrincipal Actor caller, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        answer(caller, "caja-chica-mejorada", ReportFormat.PDF, request, response);
    }

    @GetMapping("/exports/excel/caja-chica-mejorada")
    @PreAuthorize("hasAuthority('billing:reports')")
    @Operation(
            summary = "Seed 003: the daily cash report as Excel .xlsx (date=YYYY-MM-DD, payment_methods optional)",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            description = "The workbook",
                            content =
                                    @Content(
                                            mediaType =
                                                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                            schema = @Schema(type = "string", format = "binary"))))
    void dailyCashExcel(@AuthenticationPrincipal Actor caller, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        answer(caller, "caja-chica-mejorada", ReportFormat.XLSX, request, response);
    }

    /** Runs the report first, so a refusal is still a problem+json; then streams the file. */
    private void answer(
            Actor caller, String code, ReportFormat format, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Map<String, List<String>> sent = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> {
            if (!OPTIONS.contains(name)) {
                sent.put(name, new ArrayList<>(List.of(values)));
            }
        });
        String separator = request.getParameter("separator");
        if (separator != null && !List.of("comma", "semicolon").contains(separator)) {
            throw new InvalidParameters(
                    new Label("Revise los parámetros del informe:", "Check the report's parameters:")
                            .in(LocaleContextHolder.getLocale()),
                    Map.of(
                            "separator",
                            new Label("es comma o semicolon", "is comma or semicolon")
                                    .in(LocaleContextHolder.getLocale())));
        }
        var options = new RenderOptions("semicolon".equals(separator));
        ProducedReport report = reports.run(caller, authorities(), code, sent, LocaleContextHolder.getLocale());
        response.setContentType(format.contentType());
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION,
                (format == ReportFormat.JSON ? ContentDisposition.inline() : ContentDisposition.attachment())
                        .filename(report.fileName(format))
                        .build()
                        .toString());
        OutputStream out = response.getOutputStream();
        renderers.get(format).write(report, options, out);
        out.flush();
    }

    private static Set<String> authorities() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null
                ? Set.of()
                : authentication.getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority)
                        .collect(Collectors.toSet());
    }
}
