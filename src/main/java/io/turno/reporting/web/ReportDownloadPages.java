package io.turno.reporting.web;

import java.io.IOException;

import io.turno.shared.Actor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The same files for a signed-in browser (the API takes bearer tokens only): the download buttons of
 * the pages link here. The report's own permission is checked as on the API.
 */
@Controller
class ReportDownloadPages {

    private final ReportDownloads downloads;

    ReportDownloadPages(ReportDownloads downloads) {
        this.downloads = downloads;
    }

    /** A report over the background threshold becomes a job: the browser is sent to it on the reports page. */
    @GetMapping("/reports/{code}.{format}")
    @PreAuthorize("isAuthenticated()")
    void download(
            @AuthenticationPrincipal Actor caller,
            @PathVariable String code,
            @PathVariable String format,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        var job = downloads.answer(caller, code, format, request, response);
        if (job != null) {
            response.sendRedirect("/reports?job=" + job.id() + "#jobs");
        }
    }
}
