package io.turno.reporting.web;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.turno.reporting.internal.ReportCatalog;
import io.turno.reporting.internal.ReportFormat;
import io.turno.shared.Actor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

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

    @Schema(name = "ReportCatalog")
    record Catalog(List<ReportCatalogView> items) {}

    private final ReportCatalog catalog;
    private final ReportDownloads downloads;

    private final JsonMapper json;

    ReportsApi(ReportCatalog catalog, ReportDownloads downloads, JsonMapper json) {
        this.json = json;
        this.catalog = catalog;
        this.downloads = downloads;
    }

    @GetMapping(path = "/reports", produces = "application/json")
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "The reports the caller may run, each with its parameters (its form) and formats")
    Catalog catalog() {
        Locale locale = LocaleContextHolder.getLocale();
        return new Catalog(catalog.runnableWith(ReportDownloads.authorities()).stream()
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
    @ApiResponse(
            responseCode = "202",
            description = "The report is over the background threshold (turno.reporting.background-above-rows): it "
                    + "runs as a job, at Location",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ReportJobView.class)))
    void report(
            @AuthenticationPrincipal Actor caller,
            @PathVariable String code,
            @PathVariable @Parameter(schema = @Schema(allowableValues = {"json", "csv", "xlsx", "pdf"})) String format,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        var job = downloads.answer(caller, code, format, request, response);
        if (job != null) {
            ReportJobView view = ReportJobView.of(job);
            response.setStatus(HttpStatus.ACCEPTED.value());
            response.setHeader(HttpHeaders.LOCATION, view.links().self());
            response.setContentType("application/json");
            json.writeValue(response.getOutputStream(), view);
        }
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
        downloads.answer(caller, "caja-chica-mejorada", ReportFormat.PDF, request, response);
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
        downloads.answer(caller, "caja-chica-mejorada", ReportFormat.XLSX, request, response);
    }
}
