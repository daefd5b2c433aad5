package io.turno.reporting;

import static io.turno.TestHttp.assertProblem;
import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

import io.turno.PageSession;
import io.turno.TestDatabase;
import io.turno.TestHttp;
import io.turno.TurnoTest;
import io.turno.reporting.internal.ReportJobRunner;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Background report jobs on the real application: submitted through the API, run by the runner the
 * test calls ({@link ReportJobRunner#runOnce()}), read back through the API; on two instances at once,
 * each job runs once.
 */
@TurnoTest
class ReportJobsTests {

    @LocalServerPort
    int port;

    @Autowired
    ReportJobRunner runner;

    @Autowired
    javax.sql.DataSource dataSource;

    JdbcClient owner;
    TestHttp http;
    final List<String> tokens = new ArrayList<>();
    final HttpClient raw = HttpClient.newHttpClient();
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
    void aJobRunsToDoneAndItsFileIsTheDirectRoutesFile() throws Exception {
        String supervisor = signIn("supervisor", "Supervisor123!");
        var submitted = submit(supervisor, "improved-daily-cash", "csv", "{\"date\": \"%s\"}".formatted(day));
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        JsonNode job = json(submitted);
        String id = job.get("id").asString();
        assertThat(submitted.headers().firstValue("Location")).hasValue("/api/v1/report-jobs/" + id);
        assertThat(job.get("status").asString()).isEqualTo("QUEUED");
        assertThat(job.get("percent").asInt()).isZero();
        assertProblem(http.call("GET", "/api/v1/report-jobs/" + id + "/file", supervisor, null), 409, "CONFLICT");

        runAll();

        JsonNode done = json(http.call("GET", "/api/v1/report-jobs/" + id, supervisor, null));
        assertThat(done.get("status").asString()).isEqualTo("DONE");
        assertThat(done.get("percent").asInt()).isEqualTo(100);
        assertThat(done.get("rows_done").asLong()).isPositive();
        assertThat(done.get("attempts").asInt()).isEqualTo(1);
        assertThat(done.get("started_at").isNull()).isFalse();
        assertThat(done.get("finished_at").isNull()).isFalse();

        var file = download("/api/v1/report-jobs/" + id + "/file", supervisor);
        var direct = download("/api/v1/reports/improved-daily-cash.csv?date=" + day, supervisor);
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type"))
                .isEqualTo(direct.headers().firstValue("Content-Type"));
        assertThat(file.headers().firstValue("Content-Disposition"))
                .isEqualTo(direct.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"improved-daily-cash-" + day + ".csv\"");
        assertThat(records(file.body())).isNotEmpty().isEqualTo(records(direct.body()));

        // Admins see everyone's jobs of their tenant; a finished job cannot be cancelled.
        assertThat(http.call("GET", "/api/v1/report-jobs/" + id, signIn("admin", "Admin123!"), null)
                        .statusCode())
                .isEqualTo(200);
        assertProblem(http.call("DELETE", "/api/v1/report-jobs/" + id, supervisor, null), 409, "CONFLICT");
    }

    @Test
    void aDoneJobIsAnnouncedOnEveryPageOfItsOwnerUntilTheyDownloadIt() {
        // Earlier tests' finished jobs are out of the count.
        owner.sql("UPDATE reporting_jobs SET downloaded_at = now() WHERE status = 'DONE'")
                .update();
        var browser = PageSession.signIn(http, "demo", "supervisor", "Supervisor123!");
        var colleague = PageSession.signIn(http, "demo", "reception", "Reception123!");
        String id = submitted(
                signIn("supervisor", "Supervisor123!"),
                "improved-daily-cash",
                "csv",
                "{\"date\": \"%s\"}".formatted(day));
        assertThat(browser.get("/").body()).doesNotContain("page-notice");

        runAll();

        assertThat(browser.get("/").body()).contains("<a href=\"/reports#jobs\">Informes listos para descargar: 1</a>");
        assertThat(browser.get("/billing/reports").body()).contains("Informes listos para descargar: 1");
        assertThat(browser.inEnglish().get("/").body()).contains("Reports ready to download: 1");
        // Not on the page it leads to, which shows the job itself; not to anyone else.
        assertThat(browser.get("/reports").body()).doesNotContain("page-notice");
        assertThat(colleague.get("/").body()).doesNotContain("page-notice");

        var file = browser.get("/reports/jobs/" + id + "/file");
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(browser.get("/").body()).doesNotContain("page-notice");
    }

    @Test
    void aQueuedJobCancelledNeverRuns() {
        String supervisor = signIn("supervisor", "Supervisor123!");
        String id = submitted(supervisor, "daily-paid-tickets", "pdf", "{\"date\": \"%s\"}".formatted(day));
        var cancelled = http.call("DELETE", "/api/v1/report-jobs/" + id, supervisor, null);
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        assertThat(json(cancelled).get("status").asString()).isEqualTo("CANCELLED");

        runAll();

        JsonNode job = json(http.call("GET", "/api/v1/report-jobs/" + id, supervisor, null));
        assertThat(job.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(job.get("attempts").asInt()).isZero();
        assertProblem(http.call("GET", "/api/v1/report-jobs/" + id + "/file", supervisor, null), 409, "CONFLICT");
    }

    @Test
    void aJobThatCannotRunEndsFailedWithAMessage() {
        String supervisor = signIn("supervisor", "Supervisor123!");
        String id = submitted(supervisor, "improved-daily-cash", "csv", "{\"date\": \"%s\"}".formatted(day));
        // Its parameters no longer read when it runs (as if the report had changed since the submission).
        owner.sql("UPDATE reporting_jobs SET parameters = ARRAY['date=2041-02-30'] WHERE id = :id")
                .param("id", UUID.fromString(id))
                .update();

        runAll();

        JsonNode job = json(http.call("GET", "/api/v1/report-jobs/" + id, supervisor, null));
        assertThat(job.get("status").asString()).isEqualTo("FAILED");
        assertThat(job.get("error").asString()).contains("date");
        assertThat(job.get("finished_at").isNull()).isFalse();
        assertProblem(http.call("GET", "/api/v1/report-jobs/" + id + "/file", supervisor, null), 409, "CONFLICT");
    }

    @Test
    void submissionChecksPermissionAndParametersAsTheDirectRouteDoes() {
        String reception = signIn("reception", "Reception123!");
        assertProblem(
                submit(reception, "improved-daily-cash", "csv", "{\"date\": \"%s\"}".formatted(day)),
                403,
                "INSUFFICIENT_PERMISSIONS");

        String supervisor = signIn("supervisor", "Supervisor123!");
        JsonNode wrong = assertProblem(
                submit(supervisor, "improved-daily-cash", "csv", "{\"date\": \"2041-02-30\", \"dte\": \"x\"}"),
                422,
                "VALIDATION_FAILED");
        assertThat(wrong.get("errors").valueStream().map(e -> e.get("field").asString()))
                .contains("date", "dte");
        assertProblem(submit(supervisor, "improved-daily-cash", "csv", "{}"), 422, "VALIDATION_FAILED");
        assertProblem(
                submit(supervisor, "improved-daily-cash", "docx", "{\"date\": \"%s\"}".formatted(day)),
                422,
                "VALIDATION_FAILED");
        assertProblem(submit(supervisor, "no-such-report", "csv", "{}"), 404, "NOT_FOUND");
        // Several choices as a list, as the catalog's form sends them.
        var listed = submit(
                supervisor,
                "improved-daily-cash",
                "xlsx",
                "{\"date\": \"%s\", \"payment_methods\": [\"CASH\", \"CARD\"]}".formatted(day));
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(202);
        runAll();
    }

    @Test
    void onlyTheOwnerOrAnAdminSeesAJobAndNeverAnotherTenant() {
        String supervisor = signIn("supervisor", "Supervisor123!");
        String id = submitted(supervisor, "improved-daily-cash", "json", "{\"date\": \"%s\"}".formatted(day));
        runAll();
        String reception = signIn("reception", "Reception123!");
        for (String path : List.of("/api/v1/report-jobs/" + id, "/api/v1/report-jobs/" + id + "/file")) {
            assertProblem(http.call("GET", path, reception, null), 404, "NOT_FOUND");
        }
        assertProblem(http.call("DELETE", "/api/v1/report-jobs/" + id, reception, null), 404, "NOT_FOUND");

        String slug = "vecina-jobs-" + UUID.randomUUID().toString().substring(0, 8);
        String root = http.token("platform", "root", "Root123!");
        var created = http.call("POST", "/api/v1/tenants", root, """
                {"slug": "%s", "name": "Vecina Trabajos", "admin": {"username": "jefa", "password": "Vecina-Clave-1"}}""".formatted(slug));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String stranger = http.token(slug, "jefa", "Vecina-Clave-1");
        tokens.add(stranger);
        for (String path : List.of("/api/v1/report-jobs/" + id, "/api/v1/report-jobs/" + id + "/file")) {
            assertProblem(http.call("GET", path, stranger, null), 404, "NOT_FOUND");
        }
        assertProblem(http.call("DELETE", "/api/v1/report-jobs/" + id, stranger, null), 404, "NOT_FOUND");
        assertThat(json(http.call("GET", "/api/v1/report-jobs/" + id, supervisor, null))
                        .get("status")
                        .asString())
                .isEqualTo("DONE");
    }

    @Test
    void aJobOfAnInstanceWhoseHeartbeatWentStaleIsTakenBackAndOneOfALiveInstanceIsNot() {
        String supervisor = signIn("supervisor", "Supervisor123!");
        String orphan = submitted(supervisor, "improved-daily-cash", "csv", "{\"date\": \"%s\"}".formatted(day));
        String busy = submitted(supervisor, "improved-daily-cash", "csv", "{\"date\": \"%s\"}".formatted(day));
        UUID dead = UUID.randomUUID();
        UUID alive = UUID.randomUUID();
        owner.sql("INSERT INTO reporting_runners (id, heartbeat_at) VALUES (:dead, now() - interval '31 seconds'), "
                        + "(:alive, now())")
                .param("dead", dead)
                .param("alive", alive)
                .update();
        claimAs(orphan, dead);
        claimAs(busy, alive);

        runAll();

        JsonNode taken = json(http.call("GET", "/api/v1/report-jobs/" + orphan, supervisor, null));
        assertThat(taken.get("status").asString()).isEqualTo("DONE");
        assertThat(taken.get("attempts").asInt()).isEqualTo(2);
        JsonNode running = json(http.call("GET", "/api/v1/report-jobs/" + busy, supervisor, null));
        assertThat(running.get("status").asString()).isEqualTo("RUNNING");
        assertThat(running.get("attempts").asInt()).isEqualTo(1);
        assertThat(running.get("rows_done").asLong()).isEqualTo(3);

        // A running job cancelled stays CANCELLED: it is not queued again, whatever its instance does next.
        var cancelled = http.call("DELETE", "/api/v1/report-jobs/" + busy, supervisor, null);
        assertThat(json(cancelled).get("status").asString()).isEqualTo("CANCELLED");
        runAll();
        assertThat(json(http.call("GET", "/api/v1/report-jobs/" + busy, supervisor, null))
                        .get("status")
                        .asString())
                .isEqualTo("CANCELLED");
    }

    private void claimAs(String job, UUID instance) {
        owner.sql("""
                UPDATE reporting_jobs SET status = 'RUNNING', attempts = 1, claimed_by = :instance,
                                          started_at = now(), rows_done = 3
                WHERE id = :id""")
                .param("instance", instance)
                .param("id", UUID.fromString(job))
                .update();
    }

    @Test
    void twoInstancesRunEachJobExactlyOnce() {
        ReportJobRunner second = TestDatabase.secondInstance(dataSource).getBean(ReportJobRunner.class);
        String supervisor = signIn("supervisor", "Supervisor123!");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String date = LocalDate.now().minusDays(i).toString();
            ids.add(submitted(supervisor, "improved-daily-cash", "csv", "{\"date\": \"%s\"}".formatted(date)));
        }
        try (var threads = Executors.newFixedThreadPool(2)) {
            var here = CompletableFuture.runAsync(() -> drain(runner), threads);
            var there = CompletableFuture.runAsync(() -> drain(second), threads);
            CompletableFuture.allOf(here, there).join();
        }
        for (String id : ids) {
            JsonNode job = json(http.call("GET", "/api/v1/report-jobs/" + id, supervisor, null));
            assertThat(job.get("status").asString()).as(id).isEqualTo("DONE");
            assertThat(job.get("attempts").asInt()).as(id).isEqualTo(1);
        }
        assertThat(owner.sql("SELECT count(DISTINCT claimed_by) FROM reporting_jobs WHERE id::text IN (:ids)")
                        .param("ids", ids)
                        .query(Long.class)
                        .single())
                .isBetween(1L, 2L);
    }

    private void runAll() {
        drain(runner);
    }

    private static void drain(ReportJobRunner runner) {
        while (runner.runOnce()) {
            // the next one
        }
    }

    /** Submits a job that must be accepted; answers its id. */
    private String submitted(String token, String report, String format, String params) {
        var response = submit(token, report, format, params);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return json(response).get("id").asString();
    }

    private HttpResponse<String> submit(String token, String report, String format, String params) {
        return http.call("POST", "/api/v1/report-jobs", token, """
                {"report": "%s", "format": "%s", "params": %s}""".formatted(report, format, params));
    }

    private HttpResponse<byte[]> download(String path, String token) throws IOException, InterruptedException {
        return raw.send(
                HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static List<List<String>> records(byte[] bytes) throws IOException {
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF");
        return CSVFormat.DEFAULT.parse(new StringReader(text.substring(1))).getRecords().stream()
                .map(CSVRecord::toList)
                .toList();
    }

    private String signIn(String username, String password) {
        String token = http.demoToken(username, password);
        tokens.add(token);
        return token;
    }
}
