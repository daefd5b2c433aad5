package io.turno.notifications;

import static io.turno.PackagedJar.awaitHealthy;
import static io.turno.PackagedJar.freePort;
import static io.turno.PackagedJar.jar;
import static io.turno.PackagedJar.java;
import static io.turno.PackagedJar.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.internet.MimeMessage;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash test: 1,000 emails queued, the packaged application killed with SIGKILL in the middle of
 * dispatching them, started again on the same database: every notification ends SENT and the SMTP
 * server received each exactly once.
 *
 * <p>Why no window duplicates: an SMTP server takes a message only when it reads the "." that ends
 * DATA, and drops an unfinished one when its connection dies. Each attempt commits a mark to the
 * database just before writing that dot. Recovery (after the lease) sends again only attempts without
 * the mark — whose message the server cannot have — and takes marked ones as SENT. The one window
 * left lies between the mark's commit and the dot's write (microseconds): a kill there leaves a mark
 * for a message the server discarded, so that message is counted SENT yet never received — lost,
 * never duplicated. The window is not empty in practice: after the mark's commit the sending virtual
 * thread must be scheduled again to write the dot, which on a loaded machine takes milliseconds (a kill
 * aimed at that moment finds it). So the test asserts: every notification ends SENT, no message
 * arrives twice, and every message arrives except possibly one whose attempt was past its mark and
 * unrecorded at the kill. (A server refusing a message after its dot would be taken as sent too;
 * GreenMail never does.)
 */
class DispatchCrashIT {

    static final int COUNT = 1000;

    @TempDir
    Path dir;

    @Test
    void killedInTheMiddleOfDispatchEveryEmailIsSentExactlyOnce() throws Exception {
        int smtpPort = freePort();
        var smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dir.resolve("pg"))
                .setCleanDataDirectory(true)
                .start()) {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            Process first = start(url, smtpPort, "first.log");
            String tenant;
            try (Connection db = connect(url)) {
                var rows = db.createStatement().executeQuery("SELECT id FROM tenants WHERE slug = 'demo'");
                rows.next();
                tenant = rows.getString(1);
                db.createStatement().execute("""
                        INSERT INTO notifications (id, tenant_id, channel, recipient_name, recipient_email, subject, body,
                                                   send_at, next_attempt_at, message_id)
                        SELECT g.id, '%s', 'EMAIL', 'Crash ' || g.n, 'crash' || g.n || '@example.com', 'Aviso ' || g.n,
                               'Mensaje ' || g.n, now(), now(), '<' || g.id || '@turno>'
                        FROM (SELECT gen_random_uuid() AS id, n FROM generate_series(1, %d) AS n) g
                        """.formatted(tenant, COUNT));
            }
            long sentAtKill;
            var markedAtKill = new java.util.HashSet<String>();
            long sendingAtKill;
            try (Connection db = connect(url)) {
                // Past the first fifth, with a batch in flight (claimed, being handed over); looked at
                // every 2 ms on this thread, so the kill follows the moment closely.
                await().atMost(Duration.ofSeconds(120))
                        .pollInSameThread()
                        .pollDelay(Duration.ZERO)
                        .pollInterval(Duration.ofMillis(2))
                        .until(() -> count(db, "status = 'SENT'") >= COUNT / 5 && count(db, "status = 'SENDING'") > 0);
                first.destroyForcibly(); // SIGKILL: no shutdown hook, no finally, attempts left as they were
                assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
                sentAtKill = count(db, "status = 'SENT'");
                sendingAtKill = count(db, "status = 'SENDING'");
                var marked = db.createStatement().executeQuery("""
                        SELECT n.message_id FROM notification_attempts a JOIN notifications n ON n.id = a.notification_id
                        WHERE a.outcome = 'SENDING' AND a.committed_at IS NOT NULL""");
                while (marked.next()) {
                    markedAtKill.add(marked.getString(1));
                }
            }
            int receivedAtKill = smtp.getReceivedMessages().length;
            System.out.printf(
                    "Killed with %d SENT, %d SENDING (in flight, %d of them past their mark), %d received by "
                            + "the SMTP server%n",
                    sentAtKill, sendingAtKill, markedAtKill.size(), receivedAtKill);
            assertThat(sentAtKill).as("killed in the middle of dispatch").isBetween(1L, COUNT - 1L);
            assertThat(sendingAtKill).as("with messages in flight").isPositive();

            Process second = start(url, smtpPort, "second.log");
            try (Connection db = connect(url)) {
                try {
                    await().atMost(Duration.ofSeconds(180))
                            .pollInterval(Duration.ofMillis(200))
                            .until(() -> count(db, "status = 'SENT'") >= COUNT);
                } catch (ConditionTimeoutException e) {
                    // the assertion below says how many, with the restarted instance's log
                }
                assertThat(count(db, "status = 'SENT'"))
                        .as(read(dir.resolve("second.log")))
                        .isEqualTo(COUNT);
                var settled = db.createStatement().executeQuery("""
                        SELECT count(*) FILTER (WHERE error LIKE '%antes de que el servidor%'),
                               count(*) FILTER (WHERE error LIKE '%después de entregar%')
                        FROM notification_attempts a JOIN notifications n ON n.id = a.notification_id
                        WHERE n.recipient_name LIKE 'Crash %'""");
                settled.next();
                System.out.printf(
                        "After the restart: %d interrupted attempts sent again (no mark), %d taken as sent "
                                + "(marked)%n",
                        settled.getLong(1), settled.getLong(2));
            } finally {
                second.destroy();
                second.waitFor(60, TimeUnit.SECONDS);
            }
            Map<String, Integer> received = new HashMap<>();
            for (MimeMessage message : smtp.getReceivedMessages()) {
                received.merge(message.getMessageID(), 1, Integer::sum);
            }
            assertThat(received.values()).as("no message twice").containsOnly(1);
            // Every message arrived, but for one killed between its mark's commit and its final dot (see above).
            try (Connection db = connect(url)) {
                var all = db.createStatement()
                        .executeQuery("SELECT message_id FROM notifications WHERE recipient_name LIKE 'Crash %'");
                var missing = new java.util.HashSet<String>();
                while (all.next()) {
                    if (!received.containsKey(all.getString(1))) {
                        missing.add(all.getString(1));
                    }
                }
                System.out.printf(
                        "Received %d distinct messages, none twice; %d missing%n", received.size(), missing.size());
                assertThat(markedAtKill)
                        .as("only a message killed inside the window may be missing")
                        .containsAll(missing);
            }
        } finally {
            smtp.stop();
        }
    }

    private long count(Connection db, String where) throws SQLException {
        var rows = db.createStatement()
                .executeQuery("SELECT count(*) FROM notifications WHERE recipient_name LIKE 'Crash %' AND " + where);
        rows.next();
        return rows.getLong(1);
    }

    private Process start(String url, int smtpPort, String logName) throws Exception {
        int httpPort = freePort();
        Path log = dir.resolve(logName);
        Process process = new ProcessBuilder(List.of(
                        java(),
                        "-jar",
                        jar().toString(),
                        "--server.port=" + httpPort,
                        "--turno.data-dir=" + dir,
                        "--spring.datasource.url=" + url,
                        "--spring.datasource.username=postgres",
                        "--spring.datasource.password=",
                        "--spring.mail.host=127.0.0.1",
                        "--spring.mail.port=" + smtpPort,
                        "--spring.mail.properties.mail.smtp.connectiontimeout=2000",
                        "--spring.mail.properties.mail.smtp.timeout=2000",
                        "--spring.mail.properties.mail.smtp.writetimeout=2000",
                        "--turno.notifications.lease=PT5S",
                        "--turno.notifications.worker.every=PT0.05S",
                        "--logging.level.io.turno.notifications=WARN"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        awaitHealthy(process, httpPort, log, Duration.ofSeconds(120));
        return process;
    }

    private static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url);
    }
}
