package io.turno.reporting.web;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.turno.identity.CurrentUser;
import io.turno.reporting.internal.InvalidParameters;
import io.turno.reporting.internal.Label;
import io.turno.reporting.internal.ReportFormat;
import io.turno.reporting.internal.ReportJob;
import io.turno.reporting.internal.ReportJobs;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reports run in the background. Submitting needs the report's own permission and checks its
 * parameters exactly as running it directly does (403, 422); the job is then visible to its owner
 * (and the tenant's administrators) only — to anyone else it is 404.
 */
@RestController
@RequestMapping("/api/v1/report-jobs")
@Tag(name = "reporting", description = "Reports as JSON, CSV, Excel and PDF")
@Validated
class ReportJobsApi {

    /** {@code params}: the report's parameters by name, each a string or a list of strings. */
    @Schema(name = "ReportJobRequest")
    record JobRequest(
            @NotBlank @Size(max = 100) String report,

            @NotBlank @Schema(allowableValues = {"json", "csv", "xlsx", "pdf"})
            String format,

            @Schema(
                    description = "The report's parameters by name (a string, or a list of strings for "
                            + "several choices); separator=semicolon writes a CSV with ; and decimal commas")
            Map<String, Object> params,

            @Schema(description = "Also tell the owner by email when the file is ready", nullable = true)
            Boolean notifyEmail) {}

    private final ReportJobs jobs;

    ReportJobsApi(ReportJobs jobs) {
        this.jobs = jobs;
    }

    @PostMapping(consumes = "application/json", produces = "application/json")
    @PreAuthorize("isAuthenticated()")
    @Operation(
            summary = "Run a report in the background: 202 with the job and its Location. Needs the report's "
                    + "permission; its parameters are checked now (422)",
            responses = @ApiResponse(responseCode = "202", description = "Queued"))
    ResponseEntity<ReportJobView> submit(
            @AuthenticationPrincipal CurrentUser caller, @jakarta.validation.Valid @RequestBody JobRequest request) {
        Locale locale = LocaleContextHolder.getLocale();
        ReportFormat format = ReportFormat.ofExtension(request.format())
                .orElseThrow(() ->
                        invalid(locale, "format", new Label("es json, csv, xlsx o pdf", "is json, csv, xlsx or pdf")));
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (request.params() != null) {
            request.params().forEach((name, value) -> params.put(name, strings(value)));
        }
        List<String> separator = params.remove("separator");
        boolean semicolon = separator != null && separator.equals(List.of("semicolon"));
        if (separator != null && !semicolon && !separator.equals(List.of("comma"))) {
            throw invalid(locale, "separator", new Label("es comma o semicolon", "is comma or semicolon"));
        }
        ReportJob job = jobs.submit(
                caller,
                ReportDownloads.authorities(),
                request.report(),
                format,
                params,
                semicolon,
                Boolean.TRUE.equals(request.notifyEmail()) ? address(caller, locale) : null,
                locale);
        ReportJobView view = ReportJobView.of(job);
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create(view.links().self()))
                .body(view);
    }

    @GetMapping(path = "/{id}", produces = "application/json")
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "A job's status, percent and rows written; its owner's (or an administrator's) only")
    ReportJobView get(@AuthenticationPrincipal CurrentUser caller, @PathVariable UUID id) {
        return ReportJobView.of(jobs.find(caller, id));
    }

    @GetMapping("/{id}/file")
    @PreAuthorize("isAuthenticated()")
    @Operation(
            summary = "The finished job's file, as the direct route answers it; 409 while the job is not DONE",
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
    void file(@AuthenticationPrincipal CurrentUser caller, @PathVariable UUID id, HttpServletResponse response)
            throws IOException {
        var download = jobs.file(caller, id, LocaleContextHolder.getLocale());
        ReportJob job = download.job();
        byte[] file = download.bytes();
        response.setContentType(job.format().contentType());
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION,
                (job.format() == ReportFormat.JSON ? ContentDisposition.inline() : ContentDisposition.attachment())
                        .filename(job.fileName())
                        .build()
                        .toString());
        response.setContentLength(file.length);
        response.getOutputStream().write(file);
    }

    @DeleteMapping(path = "/{id}", produces = "application/json")
    @PreAuthorize("isAuthenticated()")
    @Operation(
            summary = "Cancel a queued or running job (a running one stops within about half a second); "
                    + "409 once it has finished")
    ReportJobView cancel(@AuthenticationPrincipal CurrentUser caller, @PathVariable UUID id) {
        return ReportJobView.of(jobs.cancel(caller, id, LocaleContextHolder.getLocale()));
    }

    /** The caller's own address, for the ready notice; asking without one is 422. */
    static String address(CurrentUser caller, Locale locale) {
        if (caller.email() == null || caller.email().isBlank()) {
            throw invalid(
                    locale,
                    "notify_email",
                    new Label(
                            "su usuario no tiene correo: pida que lo agreguen a su perfil",
                            "your user has no email address: ask for one to be added to your profile"));
        }
        return caller.email();
    }

    private static List<String> strings(Object value) {
        List<String> strings = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(v -> strings.add(String.valueOf(v)));
        } else if (value != null) {
            strings.add(String.valueOf(value));
        }
        return strings;
    }

    private static InvalidParameters invalid(Locale locale, String field, Label problem) {
        return new InvalidParameters(
                new Label("Revise los parámetros del informe:", "Check the report's parameters:").in(locale),
                Map.of(field, problem.in(locale)));
    }
}
