package io.turno;

import static io.turno.PackagedJar.read;
import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.turno.PackagedJar.Ports;
import io.turno.scheduling.SchedulingFixture;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.internet.MimeMessage;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged application's life on its own embedded PostgreSQL, in order, on one data directory (each start of
 * the jar is a good part of the suite's time, so the steps share them). The server runs from the jar extracted as
 * docs/operations.md advises, which starts on a third less CPU; the audit check runs the executable jar itself:
 *
 * <ol>
 *   <li>Its embedded database commits durably.
 *   <li>300 emails queued to GreenMail; the JVM SIGKILLed while a batch is on the wire, twice, each time leaving its
 *       PostgreSQL running (its watchdog killed first), and started again on the same data directory, which stops
 *       that server and starts its own.
 *   <li>Clients book appointments and take payments over the API while 300 more emails go out; the JVM and its
 *       PostgreSQL (the postmaster and every backend) are SIGKILLed together, as a container or cgroup kill does,
 *       and Turno is started again. Every booking and payment answered 201 before the kill is there after the
 *       restart (with {@code synchronous_commit=off} a commit is acknowledged before its WAL is written, and a
 *       killed server loses it), and the demo is not loaded again. A report job killed halfway through its
 *       file (300,000 detections as CSV) is taken back and done once more, and its half-written file is gone.
 *   <li>Asked to stop, it stops within 15 s, and what was written before is still there.
 *   <li>Its audit check on the command line reports every chain intact, then fails on a tampered one.
 * </ol>
 *
 * <p>After each kill no email arrives twice (by Message-ID), every notification is final within 60 s of the
 * restart (counted from when the restarted instance answers /health: its own start-up is not recovery), and
 * every attempt that was past its commit mark at a kill is in the history as ASSUMED_DELIVERED.
 *
 * <p>Why it holds: each email's whole message is flushed to the server, then its mark is committed, then the
 * final dot is written. Recovery (claims of an instance whose heartbeat is 15 s stale; the lease is left at
 * its 5 minutes, so the heartbeat is what is tested) sends again only attempts without a mark, whose message
 * the server cannot have, and takes marked ones as assumed delivered. The embedded PostgreSQL runs with fsync
 * and synchronous commit on, as a durable database must: with them off, a kill of the database loses marks it
 * had acknowledged and their emails are sent twice.
 *
 * <p>What no ordering can close: a JVM killed after PostgreSQL has its mark's COMMIT and before the JVM writes
 * the dot (the commit's flush to disk, a millisecond or two) leaves a mark for a message the server never
 * completed. That email is lost, never duplicated, and its history says "assumed delivered"; the test allows
 * it only for attempts past their mark at a kill, and prints how many.
 */
@AlongsideTheSuite
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PackagedJarIT {

    static final int COUNT = 300;
    static final int ACKNOWLEDGED_PAYMENTS_BEFORE_KILL = 80;
    static final Duration FINAL_WITHIN = Duration.ofSeconds(60);
    static final long REPORT_ROWS = 300_000;

    @TempDir
    static Path dir;

    private final List<Process> started = new ArrayList<>();
    private final Map<Process, List<ProcessHandle>> watchdogs = new HashMap<>();
    private Ports ports;
    private int smtpPort;
    private int pgPort;
    private int restarts;
    private GreenMail smtp;
    private String url;
    private Process app;

    @BeforeAll
    void startOnAFreshDataDirectory() throws Exception {
        ports = Ports.free();
        smtpPort = ports.other();
        pgPort = ports.database();
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        url = "jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres?user=postgres";
        app = start();
    }

    @AfterAll
    void stopEverything() throws Exception {
        for (Process process : started) {
            process.destroy(); // a live one stops its PostgreSQL on the way out
            process.waitFor(30, TimeUnit.SECONDS);
        }
        stopLeftoverPostgres();
        smtp.stop();
    }

    @Test
    @Order(1)
    void itsEmbeddedDatabaseIsDurable() throws Exception {
        try (Connection db = connect(url)) {
            var settings = db.createStatement()
                    .executeQuery("SELECT current_setting('fsync'), "
                            + "current_setting('synchronous_commit'), current_setting('full_page_writes')");
            settings.next();
            assertThat(List.of(settings.getString(1), settings.getString(2), settings.getString(3)))
                    .containsOnly("on");
        }
    }

    @Test
    @Order(2)
    void itsJvmKilledTwiceLeavingItsDatabaseItRestartsAndSendsNoEmailTwice() throws Exception {
        queue(url, "CrashA");
        var assumed = new HashSet<String>();
        long restartedAt = 0;
        for (int kill = 1; kill <= 2; kill++) {
            Timestamp since = dbNow(url);
            awaitMidDispatch(url, "CrashA", since, smtp);
            killLeavingItsDatabase(app);
            assumed.addAll(report(url, "CrashA", "JVM killed (" + kill + ")", smtp));
            app = start();
            restartedAt = System.nanoTime();
        }
        awaitAllFinal(url, "CrashA", restartedAt);
        assertReceivedOnce(url, "CrashA", smtp, assumed);
        assertAssumedDelivered(url, assumed);
    }

    @Test
    @Order(3)
    void itsJvmAndDatabaseKilledTogetherNothingAcknowledgedIsLostAndNoEmailIsSentTwice() throws Exception {
        var http = new TestHttp(ports.http());
        LocalDate detectionsDay = loadDetections();
        var clinic = new ClinicAtWork(http);
        await().atMost(Duration.ofSeconds(60)).until(() -> clinic.payments.size() >= ACKNOWLEDGED_PAYMENTS_BEFORE_KILL);
        UUID job = reportJobMidRender(http, detectionsDay);
        queue(url, "CrashB");
        awaitMidDispatch(url, "CrashB", dbNow(url), smtp);
        PackagedJar.killTogether(app, dir);
        clinic.awaitStopped();
        Set<String> assumed;
        // What the kill left is read on the database alone, before Turno starts dispatching again.
        try (EmbeddedPostgres alone = durable(database(), pgPort)) {
            assumed = report(url, "CrashB", "JVM and PostgreSQL killed", smtp);
            assertKilledMidRender(job);
        }
        app = start();
        long restartedAt = System.nanoTime();
        awaitAllFinal(url, "CrashB", restartedAt);
        assertReceivedOnce(url, "CrashB", smtp, assumed);
        assertAssumedDelivered(url, assumed);
        assertReportJobDoneAgain(job);
        try (Connection db = connect(url)) {
            assertThat(existing(db, "scheduling_appointments", clinic.bookings))
                    .as("acknowledged bookings after the restart")
                    .isEqualTo(clinic.bookings.size());
            assertThat(existing(db, "billing_payments", clinic.payments))
                    .as("acknowledged payments after the restart")
                    .isEqualTo(clinic.payments.size());
            assertThat(demoTenants(db))
                    .as("the demo tenant is loaded once, not again")
                    .isOne();
        }
    }

    @Test
    @Order(4)
    void itStopsPromptlyWhenAskedAndKeepsWhatWasWritten() throws Exception {
        try (Connection db = connect(url)) {
            db.createStatement().execute("CREATE TABLE restart_probe (note TEXT)");
            db.createStatement().execute("INSERT INTO restart_probe VALUES ('escrito antes de parar')");
        }
        Instant asked = Instant.now();
        app.destroy();
        assertThat(app.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(Duration.between(asked, Instant.now())).isLessThan(Duration.ofSeconds(15));
        try (EmbeddedPostgres alone = durable(database(), pgPort);
                Connection db = connect(url)) {
            var rows = db.createStatement().executeQuery("SELECT note FROM restart_probe");
            rows.next();
            assertThat(rows.getString(1)).isEqualTo("escrito antes de parar");
            assertThat(demoTenants(db)).isOne();
        }
    }

    @Test
    @Order(5)
    void itsAuditCheckOnTheCommandLineReportsEveryChainAndFailsOnATamperedOne() throws Exception {
        var intact = auditCheck("intact.log");
        assertThat(intact.exitValue()).as(read(dir.resolve("intact.log"))).isZero();
        assertThat(read(dir.resolve("intact.log")))
                .containsPattern("audit chain demo +intact")
                .contains("all intact");

        try (EmbeddedPostgres alone = durable(database(), pgPort);
                Connection db = connect(url)) {
            db.createStatement().execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only");
            db.createStatement()
                    .execute("UPDATE audit_log SET actor_name = 'otro' WHERE id = (SELECT min(id) FROM audit_log "
                            + "WHERE tenant_id = (SELECT id FROM tenants WHERE slug = 'demo'))");
        }
        var broken = auditCheck("broken.log");
        assertThat(broken.exitValue()).isEqualTo(3);
        assertThat(read(dir.resolve("broken.log"))).containsPattern("audit chain demo +BROKEN");
    }

    private Process auditCheck(String logName) throws Exception {
        Process process = new ProcessBuilder(PackagedJar.command(
                        "--turno.audit.verify-and-exit", // bare, as README and docs/audit.md write it
                        "--spring.main.web-application-type=none",
                        "--turno.data-dir=" + dir,
                        "--turno.embedded-db.port=" + pgPort))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(logName).toFile())
                .start();
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).isTrue();
        return process;
    }

    private static long demoTenants(Connection db) throws SQLException {
        var rows = db.createStatement().executeQuery("SELECT count(*) FROM tenants WHERE slug = 'demo'");
        rows.next();
        return rows.getLong(1);
    }

    private static Path database() {
        return dir.resolve("postgres");
    }

    /**
     * SIGKILL to the JVM as the OOM killer sends it, after its watchdog (which would stop PostgreSQL within a
     * second), as on a platform without one: the server is left running on the data directory.
     */
    private void killLeavingItsDatabase(Process app) throws InterruptedException {
        // Listed when it started: listing them now would take long enough for the batch in flight to finish.
        watchdogs.get(app).forEach(ProcessHandle::destroyForcibly);
        app.destroyForcibly(); // no shutdown hook, no finally: attempts left as they were
        assertThat(app.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    /** The last instance's server, if a kill left it behind. */
    private void stopLeftoverPostgres() throws Exception {
        Path pid = database().resolve("postmaster.pid");
        if (Files.exists(pid)
                && ProcessHandle.of(Long.parseLong(
                                Files.readAllLines(pid).getFirst().trim()))
                        .isPresent()) {
            killPostgres(database());
        }
    }

    /** A PostgreSQL on {@code data} that commits durably, as Turno's embedded one does; the data stays. */
    private static EmbeddedPostgres durable(Path data, int port) throws Exception {
        return EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
    }

    /** SIGKILL to the postmaster and every process it started, as a container or cgroup kill does. */
    private static void killPostgres(Path data) throws Exception {
        long pid = Long.parseLong(
                Files.readAllLines(data.resolve("postmaster.pid")).getFirst().trim());
        var postmaster = ProcessHandle.of(pid).orElseThrow();
        var all = new ArrayList<ProcessHandle>(postmaster.descendants().toList());
        all.add(postmaster);
        all.forEach(ProcessHandle::destroyForcibly);
        await().atMost(Duration.ofSeconds(30)).until(() -> all.stream().noneMatch(ProcessHandle::isAlive));
    }

    private static void queue(String url, String prefix) throws SQLException {
        try (Connection db = connect(url)) {
            db.createStatement().execute("""
                    INSERT INTO notifications (id, tenant_id, channel, recipient_name, recipient_email, subject, body,
                                               send_at, next_attempt_at, message_id)
                    SELECT g.id, (SELECT id FROM tenants WHERE slug = 'demo'), 'EMAIL', '%1$s ' || g.n,
                           lower('%1$s') || g.n || '@example.com', 'Aviso ' || g.n, 'Mensaje ' || g.n, now(), now(),
                           '<' || g.id || '@turno>'
                    FROM (SELECT gen_random_uuid() AS id, n FROM generate_series(1, %2$d) AS n) g
                    """.formatted(prefix, COUNT));
        }
    }

    /**
     * Past the first few, with a batch claimed since {@code since} in flight and at least five of the claimed
     * messages not yet received: a batch's messages go out in milliseconds and its outcomes are recorded
     * together, so a batch merely SENDING is often one whose messages have all arrived. Looked at every 2 ms, so
     * the kill follows closely.
     */
    private static void awaitMidDispatch(String url, String prefix, Timestamp since, GreenMail smtp)
            throws SQLException {
        try (Connection db = connect(url)) {
            var query = db.prepareStatement("""
                    SELECT count(*) FILTER (WHERE status IN ('SENT', 'FAILED') AND updated_at > ? AND recipient_name LIKE ?),
                           count(*) FILTER (WHERE status = 'SENDING' AND claimed_at > ? AND recipient_name LIKE ?),
                           count(*) FILTER (WHERE status IN ('SENT', 'SENDING'))
                    FROM notifications""");
            query.setTimestamp(1, since);
            query.setString(2, prefix + " %");
            query.setTimestamp(3, since);
            query.setString(4, prefix + " %");
            await().atMost(Duration.ofSeconds(120))
                    .pollInSameThread()
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(2))
                    .until(() -> {
                        var rows = query.executeQuery();
                        rows.next();
                        long notYetReceived = rows.getLong(3) - smtp.getReceivedMessages().length;
                        return rows.getLong(1) >= 20 && rows.getLong(2) > 0 && notYetReceived >= 5;
                    });
        }
    }

    /** What the kill left: prints it, answers the message ids of attempts past their mark. */
    private static Set<String> report(String url, String prefix, String what, GreenMail smtp) throws SQLException {
        try (Connection db = connect(url)) {
            var rows = db.createStatement().executeQuery("""
                    SELECT count(*) FILTER (WHERE status = 'SENT'), count(*) FILTER (WHERE status = 'SENDING')
                    FROM notifications WHERE recipient_name LIKE '%s %%'""".formatted(prefix));
            rows.next();
            long sent = rows.getLong(1);
            long sending = rows.getLong(2);
            var marked = new HashSet<String>();
            var attempts = db.createStatement().executeQuery("""
                    SELECT n.message_id FROM notification_attempts a JOIN notifications n ON n.id = a.notification_id
                    WHERE a.outcome = 'SENDING' AND a.committed_at IS NOT NULL AND n.recipient_name LIKE '%s %%'""".formatted(prefix));
            while (attempts.next()) {
                marked.add(attempts.getString(1));
            }
            System.out.printf(
                    "%s: %d SENT, %d SENDING (%d of them past their mark), %d messages received so far%n",
                    what, sent, sending, marked.size(), smtp.getReceivedMessages().length);
            assertThat(sent).as("killed in the middle of dispatch").isLessThan(COUNT);
            assertThat(sending).as("with messages in flight").isPositive();
            return marked;
        }
    }

    private void awaitAllFinal(String url, String prefix, long restartedAt) throws SQLException {
        try (Connection db = connect(url)) {
            try {
                await().atMost(FINAL_WITHIN.plusSeconds(30))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> count(db, prefix, "status IN ('SENT', 'DELIVERED', 'FAILED')") == COUNT);
            } catch (ConditionTimeoutException e) {
                // the assertion below says how many, with the restarted instance's log
            }
            Duration took = Duration.ofNanos(System.nanoTime() - restartedAt);
            assertThat(count(db, prefix, "status = 'SENT'"))
                    .as(() -> read(dir.resolve("app-" + restarts + ".log")))
                    .isEqualTo(COUNT);
            System.out.printf(
                    "%s: every notification final %d ms after the restarted instance was up%n",
                    prefix, took.toMillis());
            assertThat(took).as("final within a minute of the last restart").isLessThan(FINAL_WITHIN);
            var settled = db.createStatement().executeQuery("""
                    SELECT count(*) FILTER (WHERE a.outcome = 'ASSUMED_DELIVERED'),
                           count(*) FILTER (WHERE a.outcome = 'FAILED' AND a.error LIKE '%%antes de que el servidor%%')
                    FROM notification_attempts a JOIN notifications n ON n.id = a.notification_id
                    WHERE n.recipient_name LIKE '%s %%'""".formatted(prefix));
            settled.next();
            System.out.printf(
                    "%s: %d interrupted attempts assumed delivered (marked), %d sent again (no mark)%n",
                    prefix, settled.getLong(1), settled.getLong(2));
        }
    }

    /**
     * No email twice, and every email received but possibly one per kill whose JVM died in the instant between its
     * mark's commit (which PostgreSQL completes alone once it has the COMMIT) and the write of its dot: that one is
     * among the attempts past their mark, assumed delivered in its history.
     */
    private static void assertReceivedOnce(String url, String prefix, GreenMail smtp, Set<String> pastTheirMark)
            throws Exception {
        Map<String, Integer> received = new HashMap<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            received.merge(message.getMessageID(), 1, Integer::sum);
        }
        var expected = new HashSet<String>();
        try (Connection db = connect(url)) {
            var all = db.createStatement()
                    .executeQuery(
                            "SELECT message_id FROM notifications WHERE recipient_name LIKE '%s %%'".formatted(prefix));
            while (all.next()) {
                expected.add(all.getString(1));
            }
        }
        var twice =
                expected.stream().filter(id -> received.getOrDefault(id, 0) > 1).toList();
        var missing = expected.stream().filter(id -> !received.containsKey(id)).toList();
        System.out.printf(
                "%s: %d emails, %d received twice, %d missing%n",
                prefix, expected.size(), twice.size(), missing.size());
        assertThat(twice).as("no email twice").isEmpty();
        assertThat(pastTheirMark).as("no email lost but one past its mark").containsAll(missing);
        assertThat(expected).hasSize(COUNT);
    }

    /** Each attempt past its mark at the kill is in the history as assumed delivered, its notification SENT. */
    private static void assertAssumedDelivered(String url, Set<String> marked) throws SQLException {
        try (Connection db = connect(url)) {
            var query = db.prepareStatement("""
                    SELECT n.status, array_agg(a.outcome ORDER BY a.number)::text
                    FROM notifications n JOIN notification_attempts a ON a.notification_id = n.id
                    WHERE n.message_id = ? GROUP BY n.status""");
            for (String messageId : marked) {
                query.setString(1, messageId);
                var rows = query.executeQuery();
                rows.next();
                assertThat(rows.getString(1)).isEqualTo("SENT");
                assertThat(rows.getString(2)).as(messageId).endsWith("ASSUMED_DELIVERED}");
            }
        }
    }

    private static long count(Connection db, String prefix, String where) throws SQLException {
        var rows = db.createStatement()
                .executeQuery("SELECT count(*) FROM notifications WHERE recipient_name LIKE '%s %%' AND %s"
                        .formatted(prefix, where));
        rows.next();
        return rows.getLong(1);
    }

    private static Timestamp dbNow(String url) throws SQLException {
        try (Connection db = connect(url)) {
            var rows = db.createStatement().executeQuery("SELECT now()");
            rows.next();
            return rows.getTimestamp(1);
        }
    }

    /**
     * Clients of the demo clinic, each booking its own days' slots and paying each booking, until the server is
     * killed under them; what was answered 201 is kept.
     */
    private static final class ClinicAtWork {

        static final int CLIENTS = 4;

        /** 15-minute slots from 08:00 to 17:00 but for 12:00–13:00: 32 a day. */
        static final int SLOTS_A_DAY = 32;

        final Set<UUID> bookings = ConcurrentHashMap.newKeySet();
        final Set<UUID> payments = ConcurrentHashMap.newKeySet();
        final AtomicInteger refused = new AtomicInteger();
        private final List<Thread> clients = new ArrayList<>();

        ClinicAtWork(TestHttp http) {
            String admin = http.demoToken("admin", "Admin123!");
            String reception = http.demoToken("reception", "Reception123!");
            var fixture = new SchedulingFixture(http, admin, "America/Bogota", 15);
            List<UUID> customers =
                    Stream.generate(fixture::customer).limit(CLIENTS).toList();
            for (int client = 0; client < CLIENTS; client++) {
                int self = client;
                clients.add(Thread.ofVirtual().start(() -> {
                    // Each client its own days, so no two ask for one slot.
                    for (int slot = 0; ; slot++) {
                        int day = 1 + self + CLIENTS * (slot / SLOTS_A_DAY);
                        int minutes = 15 * (slot % SLOTS_A_DAY);
                        String time = "%02d:%02d".formatted(8 + minutes / 60 + (minutes >= 240 ? 1 : 0), minutes % 60);
                        UUID customer = customers.get(self);
                        try {
                            var booked = http.call(
                                    "POST",
                                    "/api/v1/appointments",
                                    admin,
                                    fixture.book(admin, customer, fixture.at(fixture.day(day), time)));
                            if (booked.statusCode() != 201) {
                                refused.incrementAndGet();
                                continue;
                            }
                            UUID appointment =
                                    UUID.fromString(json(booked).get("id").asString());
                            bookings.add(appointment);
                            var paid = http.call(
                                    "POST", "/api/v1/payments", reception, """
                                    {"customer_id": "%s", "appointment_id": "%s", "method": "CASH", "amount": "45000.00",
                                     "concept": "Terapia"}""".formatted(customer, appointment));
                            if (paid.statusCode() == 201) {
                                payments.add(
                                        UUID.fromString(json(paid).get("id").asString()));
                            } else {
                                refused.incrementAndGet();
                            }
                        } catch (IllegalStateException connectionLost) {
                            return; // the server was killed
                        }
                    }
                }));
            }
        }

        void awaitStopped() throws InterruptedException {
            for (Thread client : clients) {
                assertThat(client.join(Duration.ofSeconds(60))).isTrue();
            }
            System.out.printf(
                    "Killed JVM and PostgreSQL with %d bookings and %d payments acknowledged (%d refused)%n",
                    bookings.size(), payments.size(), refused.get());
            assertThat(refused.get())
                    .as("no request refused before the kill but those it interrupted")
                    .isLessThanOrEqualTo(CLIENTS);
        }
    }

    /**
     * {@value #REPORT_ROWS} detections of the demo plant on a day of their own (SQL), for a report job long
     * enough to be killed in the middle of its file.
     */
    private LocalDate loadDetections() throws SQLException {
        LocalDate day = LocalDate.now().plusYears(2).withDayOfMonth(10);
        try (Connection db = connect(url)) {
            db.createStatement()
                    .execute("SELECT production_ensure_partition(DATE '%s')".formatted(day.withDayOfMonth(1)));
            db.createStatement().execute("""
                    INSERT INTO production_detections
                        (tenant_id, line_id, area_id, product_id, detected_at, rejected, source_id)
                    SELECT a.tenant_id, a.line_id, a.id,
                           (SELECT id FROM production_products p WHERE p.tenant_id = a.tenant_id ORDER BY code LIMIT 1),
                           TIMESTAMPTZ '%s 07:00:00-05' + g * interval '30 milliseconds', g %% 40 = 0, 'kill-' || g
                    FROM (SELECT a.* FROM production_areas a JOIN production_lines l ON l.id = a.line_id
                          WHERE a.tenant_id = (SELECT id FROM tenants WHERE slug = 'demo')
                          ORDER BY l.code, a.name LIMIT 1) a,
                         generate_series(1, %d) AS g""".formatted(day, REPORT_ROWS));
            db.createStatement().execute("ANALYZE production_detections");
        }
        return day;
    }

    /** The day's detections as CSV, in the background, once the job has written rows (its file half done). */
    private UUID reportJobMidRender(TestHttp http, LocalDate day) throws SQLException {
        var submitted =
                http.call("POST", "/api/v1/report-jobs", http.demoToken("admin", "Admin123!"), """
                {"report": "plant-detections", "format": "csv", "params": {"from": "%1$s", "to": "%1$s"}}""".formatted(day));
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        UUID job = UUID.fromString(json(submitted).get("id").asString());
        try (Connection db = connect(url)) {
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> reportJob(db, job).rowsDone() > 0);
        }
        return job;
    }

    /** Killed while RUNNING, part of its rows written to a part file and nothing stored in the row. */
    private void assertKilledMidRender(UUID job) throws Exception {
        try (Connection db = connect(url)) {
            var killed = reportJob(db, job);
            System.out.printf("Report job killed at %d of %d rows%n", killed.rowsDone(), REPORT_ROWS);
            assertThat(killed.status()).isEqualTo("RUNNING");
            assertThat(killed.rowsDone()).isBetween(1L, REPORT_ROWS - 1);
            assertThat(killed.fileBytes()).isZero();
        }
        assertThat(reportParts()).as("the killed run's half-written file").hasSize(1);
        assertThat(Files.size(reportParts().getFirst())).isPositive();
    }

    /** Taken back after the restart and run again from the start: DONE once, all rows, no part file left. */
    private void assertReportJobDoneAgain(UUID job) throws Exception {
        try (Connection db = connect(url)) {
            await().atMost(Duration.ofSeconds(240))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> !reportJob(db, job).status().equals("RUNNING")
                            && !reportJob(db, job).status().equals("QUEUED"));
            var done = reportJob(db, job);
            assertThat(done.status())
                    .as(() -> read(dir.resolve("app-" + restarts + ".log")))
                    .isEqualTo("DONE");
            assertThat(done.attempts()).isEqualTo(2);
            assertThat(done.rowsDone()).isEqualTo(REPORT_ROWS);
            assertThat(done.fileBytes()).isPositive();
        }
        assertThat(reportParts()).as("no half-written file left").isEmpty();
    }

    record ReportJobRow(String status, long rowsDone, int attempts, long fileBytes) {}

    private static ReportJobRow reportJob(Connection db, UUID job) throws SQLException {
        try (var query = db.prepareStatement("SELECT status, rows_done, attempts, coalesce(octet_length(file), 0) "
                + "FROM reporting_jobs WHERE id = ?")) {
            query.setObject(1, job);
            var rows = query.executeQuery();
            assertThat(rows.next()).isTrue();
            return new ReportJobRow(rows.getString(1), rows.getLong(2), rows.getInt(3), rows.getLong(4));
        }
    }

    private static List<Path> reportParts() throws java.io.IOException {
        Path parts = dir.resolve("reporting/parts");
        if (!Files.isDirectory(parts)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(parts)) {
            return files.toList();
        }
    }

    private static long existing(Connection db, String table, Set<UUID> ids) throws SQLException {
        try (var query = db.prepareStatement("SELECT count(*) FROM " + table + " WHERE id = ANY (?)")) {
            query.setArray(1, db.createArrayOf("uuid", ids.toArray()));
            var rows = query.executeQuery();
            rows.next();
            return rows.getLong(1);
        }
    }

    private Process start() throws Exception {
        Path log = dir.resolve("app-" + ++restarts + ".log");
        long launched = System.nanoTime();
        Process process = PackagedJar.start(
                dir,
                ports,
                log,
                Duration.ofSeconds(240), // a bound against a hang: on a quiet machine it starts in about 10 s
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + smtpPort,
                "--spring.mail.properties.mail.smtp.connectiontimeout=2000",
                "--spring.mail.properties.mail.smtp.timeout=2000",
                "--spring.mail.properties.mail.smtp.writetimeout=2000",
                "--turno.notifications.worker.every=PT0.05S",
                "--turno.notifications.batch-size=20",
                "--turno.identity.rate-limit.enabled=false",
                // Passwords are hashed on the first start (the demo's accounts) and at each sign-in; their cost
                // proves nothing here, so the tests' cost (1 MiB) instead of the default 19 MiB.
                "--turno.identity.password-hashing.memory-kib=1024",
                "--logging.level.io.turno.notifications=WARN");
        started.add(process);
        watchdogs.put(process, process.descendants().toList());
        System.out.printf("Started (%d) in %d ms%n", restarts, (System.nanoTime() - launched) / 1_000_000);
        return process;
    }

    private static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url);
    }
}
