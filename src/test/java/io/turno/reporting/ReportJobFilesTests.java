package io.turno.reporting;

import static io.turno.TestHttp.assertProblem;
import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.turno.TestDatabase;
import io.turno.TestHttp;
import io.turno.TurnoTest;
import io.turno.reporting.internal.ReportFileExpiry;
import io.turno.reporting.internal.ReportJobRunner;
import io.turno.reporting.internal.ReportingSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What becomes of background jobs' files and who starts them: a file kept past its time is removed
 * (the job EXPIRED, its download 410 saying why) while a younger one stays; a report over the size
 * threshold asked for directly becomes a job (202 with its Location; the page route sends the browser
 * to it); the owner who asked is emailed when it is ready.
 */
@TurnoTest
class ReportJobFilesTests {

    @LocalServerPort
    int port;

    @Autowired
    ReportJobRunner runner;

    @Autowired
    ReportFileExpiry expiry;

    @Autowired
    ReportingSettings settings;

    @Autowired
    javax.sql.DataSource dataSource;

    JdbcClient owner;
    TestHttp http;
    final List<String> tokens = new ArrayList<>();
    final String day = LocalDate.now().minusDays(3).toString();

    @BeforeEach
    void setUp() {
        http = new TestHttp(port);
        owner = TestDatabase.owner(dataSource);
    }

    @AfterEach
    void tearDown() {
        tokens.forEach(token -> http.call("POST", "/api/v1/auth/logout", token, null));
    }

    @Test
    void aFileKeptPastItsTimeIsRemovedAndItsDownloadSaysSo() {
        String supervisor = signIn("supervisor", "Supervisor123!");
        String old = submitted(supervisor, "daily-paid-tickets", "csv", "{\"date\": \"%s\"}".formatted(day), false);
        String young = submitted(supervisor, "daily-paid-tickets", "csv", "{\"date\": \"%s\"}".formatted(day), false);
        runAll();
        finishedDaysAgo(old, 8);
        finishedDaysAgo(young, 6);

        assertThat(expiry.removeExpired()).isPositive();

        assertThat(json(http.call("GET", "/api/v1/report-jobs/" + old, supervisor, null))
                        .get("status")
                        .asString())
                .isEqualTo("EXPIRED");
        var gone = http.call("GET", "/api/v1/report-jobs/" + old + "/file", supervisor, null);
        assertProblem(gone, 410, "GONE");
        assertThat(gone.body()).contains("7 días").contains("de nuevo");
        assertThat(owner.sql("SELECT file IS NULL FROM reporting_jobs WHERE id = :id")
                        .param("id", UUID.fromString(old))
                        .query(Boolean.class)
                        .single())
                .isTrue();

        assertThat(json(http.call("GET", "/api/v1/report-jobs/" + young, supervisor, null))
                        .get("status")
                        .asString())
                .isEqualTo("DONE");
        assertThat(http.call("GET", "/api/v1/report-jobs/" + young + "/file", supervisor, null)
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void aReportOverTheThresholdAskedForDirectlyRunsAsAJob() {
        String admin = signIn("admin", "Admin123!");
        long before = settings.backgroundAboveRows();
        settings.backgroundAboveRows(0);
        try {
            var answered = http.call("GET", "/api/v1/reports/audit-log.csv", admin, null);
            assertThat(answered.statusCode()).as(answered.body()).isEqualTo(202);
            var job = json(answered);
            String id = job.get("id").asString();
            assertThat(answered.headers().firstValue("Location")).hasValue("/api/v1/report-jobs/" + id);
            assertThat(job.get("status").asString()).isEqualTo("QUEUED");
            assertThat(job.get("report").asString()).isEqualTo("audit-log");

            // A report whose size is not known beforehand still answers at once.
            String supervisor = signIn("supervisor", "Supervisor123!");
            assertThat(http.call("GET", "/api/v1/reports/daily-paid-tickets.json?date=" + day, supervisor, null)
                            .statusCode())
                    .isEqualTo(200);

            // The page route sends the browser to the job on the reports page.
            var page = io.turno.PageSession.signIn(http, "demo", "admin", "Admin123!")
                    .get("/reports/audit-log.pdf");
            assertThat(page.statusCode()).isEqualTo(302);
            assertThat(page.headers().firstValue("Location"))
                    .hasValueSatisfying(l -> assertThat(l).contains("/reports?job="));

            runAll();
            assertThat(json(http.call("GET", "/api/v1/report-jobs/" + id, admin, null))
                            .get("status")
                            .asString())
                    .isEqualTo("DONE");
        } finally {
            settings.backgroundAboveRows(before);
        }
        assertThat(http.call("GET", "/api/v1/reports/audit-log.json", admin, null)
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void theOwnerWhoAskedIsEmailedWhenTheFileIsReady() {
        String admin = signIn("admin", "Admin123!");
        String email = owner.sql("SELECT email FROM users WHERE username = 'admin' AND tenant_id = "
                        + "(SELECT id FROM tenants WHERE slug = 'demo')")
                .query(String.class)
                .single();
        long before = readyEmails(email);
        String asked = submitted(admin, "daily-paid-tickets", "pdf", "{\"date\": \"%s\"}".formatted(day), true);
        submitted(admin, "daily-paid-tickets", "pdf", "{\"date\": \"%s\"}".formatted(day), false);
        runAll();

        assertThat(readyEmails(email)).isEqualTo(before + 1);
        assertThat(owner.sql("""
                        SELECT body FROM notifications WHERE recipient_email = :e AND subject LIKE 'Su informe está listo%'
                        ORDER BY created_at DESC LIMIT 1""").param("e", email).query(String.class).single())
                .contains("Tickets pagados del día")
                .contains("/reports");
        assertThat(json(http.call("GET", "/api/v1/report-jobs/" + asked, admin, null))
                        .get("status")
                        .asString())
                .isEqualTo("DONE");
    }

    private long readyEmails(String email) {
        return owner.sql("""
                        SELECT count(*) FROM notifications
                        WHERE recipient_email = :e AND channel = 'EMAIL' AND subject LIKE 'Su informe está listo%'""").param("e", email).query(Long.class).single();
    }

    private void finishedDaysAgo(String job, int days) {
        owner.sql("UPDATE reporting_jobs SET finished_at = now() - make_interval(days => :d) WHERE id = :id")
                .param("d", days)
                .param("id", UUID.fromString(job))
                .update();
    }

    private void runAll() {
        while (runner.runOnce()) {
            // the next one
        }
    }

    private String submitted(String token, String report, String format, String params, boolean email) {
        var response = http.call("POST", "/api/v1/report-jobs", token, """
                {"report": "%s", "format": "%s", "params": %s, "notify_email": %s}""".formatted(report, format, params, email));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return json(response).get("id").asString();
    }

    private String signIn(String username, String password) {
        String token = http.demoToken(username, password);
        tokens.add(token);
        return token;
    }
}
