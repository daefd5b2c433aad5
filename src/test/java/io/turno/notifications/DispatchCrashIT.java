package io.turno.notifications;

import static io.turno.PackagedJar.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.turno.AlongsideTheSuite;
import io.turno.PackagedJar;
import io.turno.PackagedJar.Ports;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.internet.MimeMessage;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash test on the packaged application and its own embedded PostgreSQL: 300 emails queued to
 * GreenMail, the JVM SIGKILLed while a batch is on the wire, twice, each time leaving its PostgreSQL running
 * (its watchdog killed first), and started again on the same data directory; then 300 more, and the JVM and
 * its PostgreSQL (the postmaster and every backend) SIGKILLed together and Turno started again. In both
 * cases no email arrives twice (by Message-ID), every notification is final within 60 s of the last restart
 * (counted from when the restarted instance answers /health: its own start-up is not recovery), and every
 * attempt that was past its commit mark at a kill is in the history as ASSUMED_DELIVERED.
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
class DispatchCrashIT {

    // Every wait here lets other threads fail as they may: GreenMail's handler complains (in its own thread) of
    // each connection that dies in the middle of DATA, which is what a kill does.

    static final int COUNT = 300;
    static final Duration FINAL_WITHIN = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();
    private final Map<Process, List<ProcessHandle>> watchdogs = new HashMap<>();
    private Ports ports;
    private int smtpPort;
    private int pgPort;
    private int restarts;

    @Test
    void killedInTheMiddleOfDispatchEveryEmailReachesTheServerExactlyOnce() throws Exception {
        ports = Ports.free();
        smtpPort = ports.other();
        pgPort = ports.database();
        var smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        String url = "jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres?user=postgres";
        try {
            Process app = start();
            try (Connection db = connect(url)) {
                var settings = db.createStatement()
                        .executeQuery("SELECT current_setting('fsync'), "
                                + "current_setting('synchronous_commit'), current_setting('full_page_writes')");
                settings.next();
                assertThat(List.of(settings.getString(1), settings.getString(2), settings.getString(3)))
                        .as("the embedded database is durable")
                        .containsOnly("on");
            }

            // 1. The JVM killed twice, its PostgreSQL left running: the next start stops that server and starts its
            // own.
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

            // 2. The JVM and its PostgreSQL killed together.
            queue(url, "CrashB");
            awaitMidDispatch(url, "CrashB", dbNow(url), smtp);
            PackagedJar.killTogether(app, dir);
            Set<String> assumedB;
            // What the kill left is read on the database alone, before Turno starts dispatching again.
            try (EmbeddedPostgres alone = durable(database(), pgPort)) {
                assumedB = report(url, "CrashB", "JVM and PostgreSQL killed", smtp);
            }
            app = start();
            restartedAt = System.nanoTime();
            awaitAllFinal(url, "CrashB", restartedAt);
            assertReceivedOnce(url, "CrashB", smtp, assumedB);
            assertAssumedDelivered(url, assumedB);
        } finally {
            for (Process process : started) {
                process.destroy(); // a live one stops its PostgreSQL on the way out
                process.waitFor(30, TimeUnit.SECONDS);
            }
            stopLeftoverPostgres();
            smtp.stop();
        }
    }

    private Path database() {
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
        await().dontCatchUncaughtExceptions()
                .atMost(Duration.ofSeconds(30))
                .until(() -> all.stream().noneMatch(ProcessHandle::isAlive));
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
            await().dontCatchUncaughtExceptions()
                    .atMost(Duration.ofSeconds(120))
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
                await().dontCatchUncaughtExceptions()
                        .atMost(FINAL_WITHIN.plusSeconds(30))
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

    private Process start() throws Exception {
        Path log = dir.resolve("app-" + ++restarts + ".log");
        long launched = System.nanoTime();
        Process process = PackagedJar.start(
                dir,
                ports,
                log,
                Duration.ofSeconds(120),
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + smtpPort,
                "--spring.mail.properties.mail.smtp.connectiontimeout=2000",
                "--spring.mail.properties.mail.smtp.timeout=2000",
                "--spring.mail.properties.mail.smtp.writetimeout=2000",
                "--turno.notifications.worker.every=PT0.05S",
                "--turno.notifications.batch-size=20",
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
