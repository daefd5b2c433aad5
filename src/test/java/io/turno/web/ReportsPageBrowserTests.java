package io.turno.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.sql.DataSource;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ColorScheme;
import io.turno.TestDatabase;
import io.turno.TurnoTest;
import io.turno.reporting.internal.ReportJobRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The reports page in a real browser: a supervisor fills the daily cash report's form, runs it in the
 * background, watches its bar (polled with htmx) reach 100 % with the ready notice, and downloads the
 * file; the page, and the home page with the shell's ready notice, pass axe at a phone's width in the
 * light and the dark theme.
 */
@TurnoTest
class ReportsPageBrowserTests {

    @RegisterExtension
    final HeadlessChromium chromium = new HeadlessChromium();

    @Autowired
    ReportJobRunner runner;

    @Autowired
    DataSource dataSource;

    @Test
    void aSupervisorRunsAReportInTheBackgroundWatchesItsBarReachTheEndAndDownloadsTheFile() throws Exception {
        Page page = chromium.signIn("supervisor", "Supervisor123!");
        HeadlessChromium.followMenu(page, "/reports");
        assertThat(page.locator("main h1").textContent()).isEqualTo("Informes");

        Locator form = page.locator("#report-improved-daily-cash");
        form.locator("input[name=date]").fill(LocalDate.now().minusDays(2).toString());
        form.locator("select[name=format]").selectOption("csv");
        form.locator("button[value=background]").click();
        page.waitForURL(Pattern.compile(".*/reports\\?job=.*"));

        String id = page.url().replaceAll(".*job=([0-9a-f-]+).*", "$1");
        Locator job = page.locator("#job-" + id);
        assertThat(job.locator("progress").getAttribute("value")).isEqualTo("0");
        assertThat(job.locator("a[download]").count()).isZero();

        // The worker is off in the tests: run the queue as an instance would, while the page polls.
        while (runner.runOnce()) {
            // the next queued job
        }

        page.locator("#job-" + id + " progress[value='100']").waitFor(new Locator.WaitForOptions().setTimeout(15_000));
        assertThat(job.locator("[role=status]").textContent()).contains("está listo");
        Download download =
                page.waitForDownload(() -> job.locator("a[download]").click());
        assertThat(download.suggestedFilename())
                .startsWith("improved-daily-cash-")
                .endsWith(".csv");
        String csv = Files.readString(download.path(), StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\uFEFF").contains("Dinero por medio de pago");
        chromium.assertNoErrors();
    }

    @Test
    void aMistakeInTheFormComesBackNextToItsField() {
        Page page = chromium.signIn("supervisor", "Supervisor123!");
        page.navigate("/reports");
        Locator form = page.locator("#report-improved-daily-cash");
        form.locator("button[value=now]").click();
        Locator again = page.locator("#report-improved-daily-cash");
        assertThat(again.locator(".error-summary a").first().getAttribute("href"))
                .isEqualTo("#improved-daily-cash-date");
        assertThat(again.locator("#improved-daily-cash-date-error").textContent())
                .isNotBlank();
        assertThat(again.locator("#improved-daily-cash-date").getAttribute("aria-invalid"))
                .isEqualTo("true");
    }

    @Test
    void theReportsPagePassesTheAuditAtAPhonesWidthInBothThemes() {
        List<PageAudit.Problem> problems = new ArrayList<>();
        var scanned = new HashSet<String>();
        // A job of the admin's done and not downloaded: every other page shows the shell's ready notice.
        var owner = TestDatabase.owner(dataSource);
        UUID job = UUID.randomUUID();
        owner.sql("""
                        INSERT INTO reporting_jobs (id, tenant_id, owner_id, owner_name, authorities, report, format,
                                                    parameters, language, status, file_name, file, created_at, finished_at)
                        SELECT :id, u.tenant_id, u.id, u.username, ARRAY['billing:reports'], 'improved-daily-cash', 'CSV',
                               ARRAY['date=2026-01-01'], 'es', 'DONE', 'improved-daily-cash-2026-01-01.csv', '\\x00'::bytea,
                               now(), now()
                        FROM users u JOIN tenants t ON t.id = u.tenant_id WHERE t.slug = 'demo' AND u.username = 'admin'
                        """).param("id", job).update();
        for (ColorScheme theme : List.of(ColorScheme.LIGHT, ColorScheme.DARK)) {
            BrowserContext context = chromium.context(
                    new Browser.NewContextOptions().setColorScheme(theme).setViewportSize(390, 844));
            Page page = chromium.signIn(context, "admin", "Admin123!");
            var audit = new PageAudit(
                    context,
                    page,
                    new PageAudit.Timings(),
                    theme == ColorScheme.LIGHT ? null : PageAudit.COLOUR_RULES,
                    scanned);
            String at = audit.open(page, "/reports", problems, "admin " + theme);
            audit.check(page, problems, "admin " + theme, at, 390);
            audit.logs(problems, "admin " + theme, at);
            at = audit.open(page, "/", problems, "admin " + theme);
            assertThat(page.locator(".page-notice a").textContent()).startsWith("Informes listos para descargar: ");
            audit.check(page, problems, "admin " + theme, at, 390);
            audit.logs(problems, "admin " + theme, at);
        }
        owner.sql("DELETE FROM reporting_jobs WHERE id = :id").param("id", job).update();
        assertThat(problems).isEmpty();
    }
}
