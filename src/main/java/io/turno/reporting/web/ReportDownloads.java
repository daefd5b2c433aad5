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

import io.turno.reporting.internal.InvalidParameters;
import io.turno.reporting.internal.Label;
import io.turno.reporting.internal.ProducedReport;
import io.turno.reporting.internal.RenderOptions;
import io.turno.reporting.internal.ReportFormat;
import io.turno.reporting.internal.ReportJob;
import io.turno.reporting.internal.ReportJobs;
import io.turno.reporting.internal.ReportRenderer;
import io.turno.reporting.internal.ReportingSettings;
import io.turno.reporting.internal.Reports;
import io.turno.reporting.internal.UnknownReport;
import io.turno.shared.Actor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * A report answered as a file, for the API and the pages alike: the query's parameters are the
 * report's, the report runs before anything is written (so a refusal is still a proper error), then
 * the renderer streams it with a {@code Content-Disposition} naming the report and its day.
 */
@Component
class ReportDownloads {

    /** Query parameters that say how to write the file, not what to report. */
    private static final Set<String> OPTIONS = Set.of("separator", "lang");

    private final Reports reports;
    private final ReportJobs jobs;
    private final ReportingSettings settings;
    private final Map<ReportFormat, ReportRenderer> renderers;

    ReportDownloads(Reports reports, ReportJobs jobs, ReportingSettings settings, List<ReportRenderer> renderers) {
        this.reports = reports;
        this.jobs = jobs;
        this.settings = settings;
        this.renderers = renderers.stream().collect(Collectors.toMap(ReportRenderer::format, r -> r));
    }

    /**
     * Answers the file, or — for a report known to be over the background threshold — queues it as a job
     * and answers that job without writing anything (the caller says where it went).
     */
    ReportJob answer(
            Actor caller, String code, String extension, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        ReportFormat format =
                ReportFormat.ofExtension(extension).orElseThrow(() -> new UnknownReport("Formato", extension));
        return answer(caller, code, format, request, response);
    }

    /** Runs the report first, so a refusal is still a problem+json; then streams the file. */
    ReportJob answer(
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
        Locale locale = LocaleContextHolder.getLocale();
        if (settings.inBackground(reports.estimatedRows(caller, authorities(), code, sent, locale))) {
            return jobs.submit(caller, authorities(), code, format, sent, options.semicolon(), null, locale);
        }
        ProducedReport report = reports.run(caller, authorities(), code, sent, locale);
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
        return null;
    }

    /** The signed-in caller's authorities (permissions and roles). */
    static Set<String> authorities() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null
                ? Set.of()
                : authentication.getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority)
                        .collect(Collectors.toSet());
    }
}
