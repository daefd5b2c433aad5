package io.turno.reporting.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.turno.identity.CurrentUser;
import io.turno.reporting.internal.InvalidParameters;
import io.turno.reporting.internal.ReportCatalog;
import io.turno.reporting.internal.ReportFormat;
import io.turno.reporting.internal.ReportJob;
import io.turno.reporting.internal.ReportJobs;
import io.turno.reporting.internal.ReportingSettings;
import io.turno.web.NavigationEntry;
import io.turno.web.NavigationSection;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code /reports}: the reports the person may run, each with a form made from its parameters, run now
 * (the file downloads) or in the background; and their recent jobs, whose progress bars poll their row
 * (htmx) until the file is ready, then offer it. Anyone signed in may open it; each report still needs
 * its own permission.
 */
@Controller
class ReportsPage {

    /** Jobs listed on the page. */
    static final int RECENT = 10;

    /** Fields of the form that say how to run, not what to report. */
    private static final List<String> OPTIONS = List.of("format", "mode", "notify_email", "_csrf");

    /** The menu entry, for whoever may run any report of the catalog. */
    @Configuration
    static class Menu {

        /** The permissions of the catalog's reports: whoever may run one finds the page. */
        @Bean
        NavigationEntry reportsNavigation(ReportCatalog catalog) {
            return new NavigationEntry(
                    NavigationSection.ADMINISTRATION,
                    "nav.reports",
                    "/reports",
                    String.join(
                            ",",
                            catalog.all().stream()
                                    .map(r -> r.permission())
                                    .distinct()
                                    .toList()),
                    90);
        }
    }

    /** One report's form as the page draws it. */
    public record ReportForm(ReportCatalogView report, Map<String, List<String>> values, Map<String, String> errors) {

        public boolean hasErrors() {
            return !errors.isEmpty();
        }

        public String value(String name) {
            List<String> sent = values.get(name);
            return sent == null || sent.isEmpty() ? null : sent.getFirst();
        }

        public boolean chosen(String name, String option) {
            List<String> sent = values.get(name);
            return sent != null && sent.contains(option);
        }
    }

    private final ReportCatalog catalog;
    private final ReportJobs jobs;
    private final ReportingSettings settings;

    ReportsPage(ReportCatalog catalog, ReportJobs jobs, ReportingSettings settings) {
        this.catalog = catalog;
        this.jobs = jobs;
        this.settings = settings;
    }

    @GetMapping("/reports")
    @PreAuthorize("isAuthenticated()")
    String page(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) UUID job, Model model) {
        return show(user, null, job, model);
    }

    /** Runs a report from its form: now (to the file's address) or as a job (back here, to its bar). */
    @PostMapping("/reports/{code}")
    @PreAuthorize("isAuthenticated()")
    String run(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable String code,
            @RequestParam MultiValueMap<String, String> form,
            Model model) {
        Locale locale = LocaleContextHolder.getLocale();
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        form.forEach((name, values) -> {
            List<String> filled = values.stream().filter(v -> !v.isBlank()).toList();
            if (!OPTIONS.contains(name) && !filled.isEmpty()) {
                parameters.put(name, new ArrayList<>(filled));
            }
        });
        ReportFormat format = ReportFormat.ofExtension(form.getFirst("format")).orElse(ReportFormat.PDF);
        boolean background = "background".equals(form.getFirst("mode"));
        try {
            if (!background) {
                // Checked here so a mistake comes back to the form; the download checks again.
                jobs.check(user, user.permissions(), code, parameters, locale);
                var file = UriComponentsBuilder.fromPath("/reports/" + code + "." + format.extension());
                parameters.forEach((name, values) -> file.queryParam(name, values.toArray()));
                return "redirect:" + file.build().encode().toUriString();
            }
            String email = form.containsKey("notify_email") ? ReportJobsApi.address(user, locale) : null;
            ReportJob job = jobs.submit(user, user.permissions(), code, format, parameters, false, email, locale);
            return "redirect:/reports?job=" + job.id() + "#jobs";
        } catch (InvalidParameters e) {
            var form1 = catalog.find(code)
                    .map(r -> new ReportForm(ReportCatalogView.of(r, locale), parameters, e.fieldErrors()))
                    .orElseThrow();
            return show(user, form1, null, model);
        }
    }

    /** One job's row: polled every second while it runs; once DONE it offers the file and says so. */
    @GetMapping("/reports/jobs/{id}")
    @PreAuthorize("isAuthenticated()")
    String job(
            @AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, HttpServletRequest request, Model model) {
        model.addAttribute("job", row(jobs.find(user, id)));
        model.addAttribute("polled", request.getHeader("HX-Request") != null);
        return "reporting/reports :: job";
    }

    @GetMapping("/reports/jobs/{id}/file")
    @PreAuthorize("isAuthenticated()")
    void file(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, HttpServletResponse response)
            throws IOException {
        var download = jobs.file(user, id, LocaleContextHolder.getLocale());
        ReportJob job = download.job();
        response.setContentType(job.format().contentType());
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename(job.fileName()).build().toString());
        response.setContentLength(download.bytes().length);
        response.getOutputStream().write(download.bytes());
    }

    /** A job with its report's title, for the list. */
    public record JobRow(ReportJob job, String title, boolean running) {}

    private JobRow row(ReportJob job) {
        Locale locale = LocaleContextHolder.getLocale();
        String title = catalog.find(job.report()).map(r -> r.title().in(locale)).orElse(job.report());
        boolean running = job.status() == ReportJob.Status.QUEUED || job.status() == ReportJob.Status.RUNNING;
        return new JobRow(job, title, running);
    }

    private String show(CurrentUser user, ReportForm failed, UUID highlighted, Model model) {
        Locale locale = LocaleContextHolder.getLocale();
        List<ReportForm> forms = catalog.runnableWith(user.permissions()).stream()
                .map(r -> failed != null && failed.report().code().equals(r.code())
                        ? failed
                        : new ReportForm(ReportCatalogView.of(r, locale), Map.of(), Map.of()))
                .toList();
        model.addAttribute("forms", forms);
        model.addAttribute("formats", ReportFormat.values());
        model.addAttribute(
                "jobs", jobs.recent(user, RECENT).stream().map(this::row).toList());
        model.addAttribute("highlighted", highlighted);
        model.addAttribute("keepDays", settings.keep().toDays());
        return "reporting/reports";
    }
}
