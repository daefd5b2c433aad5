package io.turno.notifications;

import static io.turno.TestHttp.assertProblem;
import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.turno.TestDatabase;
import io.turno.TestHttp;
import io.turno.TestServers;
import io.turno.TurnoTest;
import io.turno.notifications.internal.Dispatcher;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Email notifications against GreenMail, a real SMTP server on a port of its own. */
@TurnoTest
class NotificationsTests {

    /** On the port the shared context sends mail to; stopped and started again to play an outage. */
    static GreenMail smtp = TestServers.startSmtp();

    @AfterAll
    static void stopSmtp() {
        smtp.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    Dispatcher dispatcher;

    JdbcClient owner;
    TestHttp http;
    String reception;

    @Autowired
    void ownerConnection(javax.sql.DataSource dataSource) {
        owner = TestDatabase.owner(dataSource);
    }

    @BeforeEach
    void setUp() throws Exception {
        if (!smtp.isRunning()) {
            smtp = TestServers.startSmtp();
        }
        smtp.purgeEmailFromAllMailboxes();
        // Each test dispatches only its own notifications.
        owner.sql("UPDATE notifications SET status = 'CANCELLED' WHERE status IN ('PENDING', 'SENDING')")
                .update();
        http = new TestHttp(port);
        reception = http.demoToken("reception", "Reception123!");
    }

    @Test
    void aTemplatedEmailReachesTheSmtpServerOnceAsHtmlAndTextWithEveryAttemptAudited() throws Exception {
        var created = http.call("POST", "/api/v1/notifications", reception, """
                {"recipient": {"name": "Ana Pérez", "email": "ana@example.com"}, "channel": "EMAIL",
                 "template_code": "APPOINTMENT_CONFIRMATION",
                 "variables": {"name": "Ana", "service": "Consulta general", "date": "2026-12-01", "time": "09:30"}}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode notification = json(created);
        String id = notification.get("id").asString();
        assertThat(notification.get("status").asString()).isEqualTo("PENDING");
        assertThat(notification.get("subject").asString()).isEqualTo("Cita confirmada");

        assertThat(dispatcher.runOnce()).isEqualTo(1);
        assertThat(dispatcher.runOnce()).isZero();

        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getSubject()).isEqualTo("Cita confirmada");
        assertThat(received[0].getAllRecipients()[0].toString()).contains("ana@example.com");
        assertThat(received[0].getMessageID()).isEqualTo("<" + id + "@turno>");
        String raw = GreenMailUtil.getWholeMessage(received[0]);
        assertThat(raw).contains("text/plain").contains("text/html");
        assertThat(received[0].getContent()).isInstanceOf(MimeMultipart.class);
        assertThat(GreenMailUtil.getBody(received[0])).contains("Consulta general");

        var sent = json(http.call("GET", "/api/v1/notifications/" + id, reception, null));
        assertThat(sent.get("status").asString()).isEqualTo("SENT");
        assertThat(sent.get("sent_at")).isNotNull();
        var history = sent.get("history");
        assertThat(history.size()).isOne();
        assertThat(history.get(0).get("outcome").asString()).isEqualTo("SENT");
        assertThat(history.get(0).get("provider").asString()).isEqualTo("smtp");
        assertThat(history.get(0).get("latency_ms").asLong()).isNotNegative();
        assertThat(owner.sql("""
                SELECT action FROM audit_log WHERE entity_type = 'notification' AND entity_id = :id ORDER BY id
                """).param("id", id).query(String.class).list()).containsExactly("CREATE", "DISPATCH");

        var list = json(http.call("GET", "/api/v1/notifications?status=SENT&channel=EMAIL&size=5", reception, null));
        assertThat(list.get("items").valueStream().map(n -> n.get("id").asString()))
                .contains(id);
        assertThat(list.get("total").asLong()).isPositive();
        assertThat(list.get("size").asInt()).isEqualTo(5);
    }

    /** Four dispatchers racing over one backlog (as four instances would): every message arrives exactly once. */
    @Test
    void racingDispatchersDeliverEachNotificationExactlyOnce() throws Exception {
        int count = 60;
        var ids = new ArrayList<String>();
        for (int i = 0; i < count; i++) {
            ids.add(json(http.call("POST", "/api/v1/notifications", reception, """
                    {"recipient": {"name": "Cliente %d", "email": "c%d@example.com"}, "channel": "EMAIL",
                     "subject": "Aviso %d", "body": "Mensaje %d"}""".formatted(i, i, i, i)))
                    .get("id")
                    .asString());
        }
        int runners = 4;
        var barrier = new CyclicBarrier(runners);
        try (var pool = Executors.newFixedThreadPool(runners)) {
            List<Future<Integer>> results = new ArrayList<>();
            for (int r = 0; r < runners; r++) {
                results.add(pool.submit(() -> {
                    barrier.await();
                    int claimed = 0;
                    for (int n; (n = dispatcher.runOnce()) > 0; ) {
                        claimed += n;
                    }
                    return claimed;
                }));
            }
            int total = 0;
            for (var result : results) {
                total += result.get();
            }
            assertThat(total).isEqualTo(count);
        }
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(count);
        var recipients = new ArrayList<String>();
        for (MimeMessage message : received) {
            recipients.add(message.getAllRecipients()[0].toString());
        }
        assertThat(recipients).doesNotHaveDuplicates();
        for (String id : ids) {
            assertThat(owner.sql("SELECT count(*) FROM notification_attempts WHERE notification_id = :id")
                            .param("id", UUID.fromString(id))
                            .query(Long.class)
                            .single())
                    .isOne();
            assertThat(owner.sql("SELECT status FROM notifications WHERE id = :id")
                            .param("id", UUID.fromString(id))
                            .query(String.class)
                            .single())
                    .isEqualTo("SENT");
        }
    }

    @Test
    void anSmtpFailureIsRetriedWithBackoffUntilFailedAndAResendDelivers() throws Exception {
        smtp.stop();
        String id = json(http.call("POST", "/api/v1/notifications", reception, """
                {"recipient": {"name": "Luis", "email": "luis@example.com"}, "channel": "EMAIL",
                 "subject": "Resultados", "body": "Sus resultados están listos."}"""))
                .get("id")
                .asString();

        assertThat(dispatcher.runOnce()).isOne();
        var afterFirst = owner.sql("""
                SELECT status, attempts, EXTRACT(EPOCH FROM next_attempt_at - updated_at) AS wait FROM notifications
                WHERE id = :id""").param("id", UUID.fromString(id)).query().singleRow();
        assertThat(afterFirst.get("status")).isEqualTo("PENDING");
        assertThat(afterFirst.get("attempts")).isEqualTo(1);
        // initial-backoff PT2S with equal jitter: between 1 and 2 seconds.
        assertThat(((Number) afterFirst.get("wait")).doubleValue()).isBetween(1.0, 2.0);
        assertThat(dispatcher.runOnce()).as("not due before its backoff").isZero();

        for (int attempt = 2; attempt <= 3; attempt++) {
            owner.sql("UPDATE notifications SET next_attempt_at = now() - interval '1 second' WHERE id = :id")
                    .param("id", UUID.fromString(id))
                    .update();
            assertThat(dispatcher.runOnce()).isOne();
        }
        var failed = json(http.call("GET", "/api/v1/notifications/" + id, reception, null));
        assertThat(failed.get("status").asString()).isEqualTo("FAILED");
        assertThat(failed.get("last_error").asString()).isNotBlank();
        assertThat(failed.get("history").valueStream().map(a -> a.get("outcome").asString()))
                .containsExactly("FAILED", "FAILED", "FAILED");
        assertThat(failed.get("history").get(0).get("error").asString()).isNotBlank();
        assertThat(owner.sql("SELECT count(*) FROM audit_log WHERE entity_id = :id AND action = 'DISPATCH'")
                        .param("id", id)
                        .query(Long.class)
                        .single())
                .isEqualTo(3);

        smtp = TestServers.startSmtp();
        var resent = http.call("POST", "/api/v1/notifications/" + id + "/resend", reception, null);
        assertThat(resent.statusCode()).as(resent.body()).isEqualTo(200);
        assertThat(json(resent).get("status").asString()).isEqualTo("PENDING");
        assertThat(dispatcher.runOnce()).isOne();
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        var sent = json(http.call("GET", "/api/v1/notifications/" + id, reception, null));
        assertThat(sent.get("status").asString()).isEqualTo("SENT");
        assertThat(sent.get("history").size()).isEqualTo(4);
        assertProblem(
                http.call("POST", "/api/v1/notifications/" + id + "/resend", reception, null),
                409,
                "BUSINESS_RULE_VIOLATION");
    }

    /**
     * The process died after claiming (SENDING, attempt in flight) and before recording the outcome:
     * past the lease the attempt is UNKNOWN and the notification FAILED, never sent again on its own;
     * a person's resend goes out with the same Message-ID.
     */
    @Test
    void anAttemptInterruptedByACrashIsNotResentAutomatically() throws Exception {
        String id = json(http.call("POST", "/api/v1/notifications", reception, """
                {"recipient": {"name": "Eva", "email": "eva@example.com"}, "channel": "EMAIL",
                 "subject": "Aviso", "body": "Texto"}"""))
                .get("id")
                .asString();
        // What a crash between the claim's commit and the outcome's leaves behind.
        owner.sql("""
                UPDATE notifications SET status = 'SENDING', attempts = 1, claimed_at = now() - interval '6 minutes'
                WHERE id = :id""").param("id", UUID.fromString(id)).update();
        owner.sql("""
                INSERT INTO notification_attempts (id, tenant_id, notification_id, number, provider, outcome, started_at)
                SELECT gen_random_uuid(), tenant_id, id, 1, 'smtp', 'SENDING', claimed_at FROM notifications WHERE id = :id
                """).param("id", UUID.fromString(id)).update();

        assertThat(dispatcher.runOnce()).isZero();
        assertThat(smtp.getReceivedMessages()).isEmpty();
        var resolved = json(http.call("GET", "/api/v1/notifications/" + id, reception, null));
        assertThat(resolved.get("status").asString()).isEqualTo("FAILED");
        assertThat(resolved.get("history").get(0).get("outcome").asString()).isEqualTo("UNKNOWN");
        assertThat(dispatcher.runOnce()).isZero();
        assertThat(smtp.getReceivedMessages()).isEmpty();

        http.call("POST", "/api/v1/notifications/" + id + "/resend", reception, null);
        assertThat(dispatcher.runOnce()).isOne();
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(smtp.getReceivedMessages()[0].getMessageID()).isEqualTo("<" + id + "@turno>");
    }

    /**
     * An SMTP attempt marks the moment before the final "." of DATA. A crash before the mark: the server
     * discarded the unfinished message, so it is sent again; after it: the server has all of it, so the
     * notification is SENT, not sent again, and its attempt shows it was assumed delivered.
     */
    @Test
    void anSmtpAttemptInterruptedBeforeItsCommitPointIsSentAgainAndOneInterruptedAfterItIsNot() throws Exception {
        String before = json(http.call("POST", "/api/v1/notifications", reception, """
                {"recipient": {"name": "Antes", "email": "antes@example.com"}, "channel": "EMAIL",
                 "subject": "Aviso", "body": "Texto"}"""))
                .get("id")
                .asString();
        String after = json(http.call("POST", "/api/v1/notifications", reception, """
                {"recipient": {"name": "Después", "email": "despues@example.com"}, "channel": "EMAIL",
                 "subject": "Aviso", "body": "Texto"}"""))
                .get("id")
                .asString();
        for (String id : List.of(before, after)) {
            owner.sql("""
                    UPDATE notifications SET status = 'SENDING', attempts = 1, claimed_at = now() - interval '6 minutes'
                    WHERE id = :id""").param("id", UUID.fromString(id)).update();
            owner.sql("""
                    INSERT INTO notification_attempts (id, tenant_id, notification_id, number, provider, outcome,
                                                       started_at, observes_commit, committed_at)
                    SELECT gen_random_uuid(), tenant_id, id, 1, 'smtp', 'SENDING', claimed_at, true,
                           CASE WHEN :marked THEN claimed_at + interval '1 second' END
                    FROM notifications WHERE id = :id""")
                    .param("id", UUID.fromString(id))
                    .param("marked", id.equals(after))
                    .update();
        }
        assertThat(dispatcher.runOnce()).isOne();
        assertThat(dispatcher.runOnce()).isZero();
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getMessageID()).isEqualTo("<" + before + "@turno>");

        var resent = json(http.call("GET", "/api/v1/notifications/" + before, reception, null));
        assertThat(resent.get("status").asString()).isEqualTo("SENT");
        assertThat(resent.get("history").valueStream().map(a -> a.get("outcome").asString()))
                .containsExactly("FAILED", "SENT");
        assertThat(owner.sql("""
                SELECT observes_commit AND committed_at IS NOT NULL FROM notification_attempts
                WHERE notification_id = :id AND number = 2""")
                        .param("id", UUID.fromString(before))
                        .query(Boolean.class)
                        .single())
                .as("a real send marks its commit point")
                .isTrue();
        var kept = json(http.call("GET", "/api/v1/notifications/" + after, reception, null));
        assertThat(kept.get("status").asString()).isEqualTo("SENT");
        assertThat(kept.get("history").valueStream().map(a -> a.get("outcome").asString()))
                .containsExactly("ASSUMED_DELIVERED");
        var browser = io.turno.PageSession.signIn(http, "demo", "reception", "Reception123!");
        assertThat(browser.get("/notifications/" + after).body()).contains("Entrega supuesta");
        assertThat(browser.inEnglish().get("/notifications/" + after).body()).contains("Assumed delivered");
    }

    /**
     * An email assumed delivered is never sent again by itself, but a person with {@code notifications:update}
     * can: its page says the recipient may get it twice and sends it only once that is confirmed; the
     * resend is audited, and the list filters for such emails.
     */
    @Test
    void anEmailAssumedDeliveredIsSentAgainOnlyOnPurposeAndTheListFindsIt() throws Exception {
        String id = json(http.call("POST", "/api/v1/notifications", reception, """
                {"recipient": {"name": "Supuesta", "email": "supuesta@example.com"}, "channel": "EMAIL",
                 "subject": "Aviso supuesto", "body": "Texto"}"""))
                .get("id")
                .asString();
        owner.sql("""
                UPDATE notifications SET status = 'SENDING', attempts = 1, claimed_at = now() - interval '6 minutes'
                WHERE id = :id""").param("id", UUID.fromString(id)).update();
        owner.sql("""
                INSERT INTO notification_attempts (id, tenant_id, notification_id, number, provider, outcome,
                                                   started_at, observes_commit, committed_at)
                SELECT gen_random_uuid(), tenant_id, id, 1, 'smtp', 'SENDING', claimed_at, true,
                       claimed_at + interval '1 second'
                FROM notifications WHERE id = :id""").param("id", UUID.fromString(id)).update();
        assertThat(dispatcher.runOnce()).isZero();
        String sent = json(http.call("POST", "/api/v1/notifications", reception, """
                {"recipient": {"name": "Enviada", "email": "enviada@example.com"}, "channel": "EMAIL",
                 "subject": "Aviso enviado", "body": "Texto"}"""))
                .get("id")
                .asString();
        assertThat(dispatcher.runOnce()).isOne();
        smtp.purgeEmailFromAllMailboxes();

        var viewer = io.turno.PageSession.signIn(http, "demo", "viewer", "Viewer123!");
        assertThat(viewer.get("/notifications/" + id).body()).doesNotContain("resend-assumed");
        assertThat(viewer.post("/notifications/" + id + "/resend-assumed-delivered", "confirmed", "true")
                        .statusCode())
                .isEqualTo(403);

        var browser = io.turno.PageSession.signIn(http, "demo", "reception", "Reception123!");
        var listed = browser.get("/notifications?status=ASSUMED_DELIVERED").body();
        assertThat(listed).contains("/notifications/" + id).doesNotContain("/notifications/" + sent);
        assertThat(browser.get("/notifications?status=SENT").body())
                .contains("/notifications/" + id)
                .contains("/notifications/" + sent);
        assertThat(browser.get("/notifications/" + id).body())
                .contains("resend-assumed")
                .contains("puede recibirlo dos veces");
        assertThat(browser.inEnglish().get("/notifications/" + id).body()).contains("may get it twice");
        assertThat(browser.get("/notifications/" + sent).body()).doesNotContain("resend-assumed");

        var unconfirmed = browser.submit("/notifications/" + id + "/resend-assumed-delivered");
        assertThat(unconfirmed.body()).contains("Confirme que el destinatario puede recibirlo dos veces");
        assertThat(status(id)).isEqualTo("SENT");
        assertThat(browser.post("/notifications/" + sent + "/resend-assumed-delivered", "confirmed", "true")
                        .statusCode())
                .isEqualTo(302);
        assertThat(status(sent)).as("only an email assumed delivered").isEqualTo("SENT");

        browser.submit("/notifications/" + id + "/resend-assumed-delivered", "confirmed", "true");
        assertThat(status(id)).isEqualTo("PENDING");
        assertThat(dispatcher.runOnce()).isOne();
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(smtp.getReceivedMessages()[0].getMessageID()).isEqualTo("<" + id + "@turno>");
        var resent = json(http.call("GET", "/api/v1/notifications/" + id, reception, null));
        assertThat(resent.get("history").valueStream().map(a -> a.get("outcome").asString()))
                .containsExactly("ASSUMED_DELIVERED", "SENT");
        assertThat(owner.sql("""
                SELECT summary ->> 'assumed_delivered' FROM audit_log
                WHERE entity_type = 'notification' AND entity_id = :id AND action = 'RESEND'""").param("id", id).query(String.class).list()).containsExactly("true");
        assertThat(browser.get("/notifications?status=ASSUMED_DELIVERED").body())
                .doesNotContain("/notifications/" + id);
        assertThat(browser.get("/notifications/" + id).body()).doesNotContain("resend-assumed");
    }

    private String status(String id) {
        return owner.sql("SELECT status FROM notifications WHERE id = :id")
                .param("id", UUID.fromString(id))
                .query(String.class)
                .single();
    }

    /**
     * Claims name their instance and instances renew a heartbeat: the claim of an instance silent for longer
     * than {@code heartbeat.stale-after} is taken back at once, long before the lease; a live instance's
     * claim of the same age is left alone; when it falls silent too, its marked attempt is assumed delivered
     * (a mark after recovery is refused: {@code CommitMarkFenceTests}).
     */
    @Test
    void theClaimsOfAnInstanceWhoseHeartbeatIsStaleAreTakenBackInSecondsAndALiveOnesAreNot() throws Exception {
        String dead = json(http.call("POST", "/api/v1/notifications", reception, """
                {"recipient": {"name": "Muerta", "email": "muerta@example.com"}, "channel": "EMAIL",
                 "subject": "Aviso", "body": "Texto"}"""))
                .get("id")
                .asString();
        String alive = json(http.call("POST", "/api/v1/notifications", reception, """
                {"recipient": {"name": "Viva", "email": "viva@example.com"}, "channel": "EMAIL",
                 "subject": "Aviso", "body": "Texto"}"""))
                .get("id")
                .asString();
        UUID deadInstance = UUID.randomUUID();
        UUID liveInstance = UUID.randomUUID();
        owner.sql("""
                INSERT INTO notification_dispatchers (id, heartbeat_at)
                VALUES (:dead, now() - interval '20 seconds'), (:live, now())""").param("dead", deadInstance).param("live", liveInstance).update();
        for (String id : List.of(dead, alive)) {
            owner.sql("""
                    UPDATE notifications SET status = 'SENDING', attempts = 1, claimed_at = now() - interval '20 seconds',
                           claimed_by = :instance
                    WHERE id = :id""")
                    .param("id", UUID.fromString(id))
                    .param("instance", id.equals(dead) ? deadInstance : liveInstance)
                    .update();
            owner.sql("""
                    INSERT INTO notification_attempts (id, tenant_id, notification_id, number, provider, outcome,
                                                       started_at, observes_commit)
                    SELECT gen_random_uuid(), tenant_id, id, 1, 'smtp', 'SENDING', claimed_at, true
                    FROM notifications WHERE id = :id""").param("id", UUID.fromString(id)).update();
        }
        assertThat(dispatcher.recoverInterrupted()).isOne();
        assertThat(dispatcher.runOnce()).isOne();
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(smtp.getReceivedMessages()[0].getMessageID()).isEqualTo("<" + dead + "@turno>");
        assertThat(json(http.call("GET", "/api/v1/notifications/" + alive, reception, null))
                        .get("status")
                        .asString())
                .isEqualTo("SENDING");

        // The live instance falls silent too; it had marked its attempt just before: taken as delivered.
        owner.sql("UPDATE notification_dispatchers SET heartbeat_at = now() - interval '16 seconds' WHERE id = :id")
                .param("id", liveInstance)
                .update();
        owner.sql("UPDATE notification_attempts SET committed_at = now() WHERE notification_id = :id")
                .param("id", UUID.fromString(alive))
                .update();
        assertThat(dispatcher.recoverInterrupted()).isOne();
        var assumed = json(http.call("GET", "/api/v1/notifications/" + alive, reception, null));
        assertThat(assumed.get("status").asString()).isEqualTo("SENT");
        assertThat(assumed.get("history").get(0).get("outcome").asString()).isEqualTo("ASSUMED_DELIVERED");
        assertThat(dispatcher.runOnce()).isZero();
        assertThat(smtp.getReceivedMessages()).hasSize(1);
    }

    @Test
    void aFreshSendingAttemptIsLeftAloneWithinItsLease() {
        String id = json(http.call("POST", "/api/v1/notifications", reception, """
                {"recipient": {"name": "Eva", "email": "eva2@example.com"}, "channel": "EMAIL",
                 "subject": "Aviso", "body": "Texto"}"""))
                .get("id")
                .asString();
        UUID instance = UUID.randomUUID();
        owner.sql("INSERT INTO notification_dispatchers (id) VALUES (:id)")
                .param("id", instance)
                .update();
        owner.sql("""
                UPDATE notifications SET status = 'SENDING', attempts = 1, claimed_at = now(), claimed_by = :instance
                WHERE id = :id""")
                .param("id", UUID.fromString(id))
                .param("instance", instance)
                .update();
        assertThat(dispatcher.recoverInterrupted()).isZero();
        assertThat(owner.sql("SELECT status FROM notifications WHERE id = :id")
                        .param("id", UUID.fromString(id))
                        .query(String.class)
                        .single())
                .isEqualTo("SENDING");
    }

    @Test
    void invalidRequestsAre422PerFieldAndSaveNothing() {
        long before = owner.sql("SELECT count(*) FROM notifications")
                .query(Long.class)
                .single();
        var noAddress =
                assertProblem(http.call("POST", "/api/v1/notifications", reception, """
                {"recipient": {"name": "Ana"}, "channel": "EMAIL", "subject": "S", "body": "B"}"""), 422, "VALIDATION_FAILED");
        assertThat(fields(noAddress)).containsExactly("recipient.email");
        var unknown =
                assertProblem(http.call("POST", "/api/v1/notifications", reception, """
                {"recipient": {"name": "Ana", "email": "a@example.com"}, "channel": "EMAIL", "template_code": "NOPE"}"""), 422, "VALIDATION_FAILED");
        assertThat(fields(unknown)).containsExactly("template_code");
        var missing =
                assertProblem(http.call("POST", "/api/v1/notifications", reception, """
                {"recipient": {"name": "Ana", "email": "a@example.com"}, "channel": "EMAIL",
                 "template_code": "TICKET_CALLED", "language": "en", "variables": {"name": "Ana"}}"""), 422, "VALIDATION_FAILED");
        assertThat(fields(missing)).containsExactlyInAnyOrder("variables.ticket", "variables.desk");
        var noPhone =
                assertProblem(http.call("POST", "/api/v1/notifications", reception, """
                {"recipient": {"name": "Ana"}, "channel": "SMS", "body": "Hola"}"""), 422, "VALIDATION_FAILED");
        assertThat(fields(noPhone)).containsExactly("recipient.phone");
        assertThat(owner.sql("SELECT count(*) FROM notifications")
                        .query(Long.class)
                        .single())
                .isEqualTo(before);
    }

    @Test
    void aPendingNotificationIsCancelledAndNeverSent() {
        String id = json(http.call("POST", "/api/v1/notifications", reception, """
                {"recipient": {"name": "Ana", "email": "later@example.com"}, "channel": "EMAIL",
                 "subject": "Más tarde", "body": "Texto", "send_at": "2099-01-01T00:00:00Z"}"""))
                .get("id")
                .asString();
        var cancelled = http.call("POST", "/api/v1/notifications/" + id + "/cancel", reception, null);
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        assertThat(json(cancelled).get("status").asString()).isEqualTo("CANCELLED");
        owner.sql("UPDATE notifications SET next_attempt_at = now() WHERE id = :id")
                .param("id", UUID.fromString(id))
                .update();
        assertThat(dispatcher.runOnce()).isZero();
        assertThat(smtp.getReceivedMessages()).isEmpty();
        assertProblem(
                http.call("POST", "/api/v1/notifications/" + id + "/cancel", reception, null),
                409,
                "BUSINESS_RULE_VIOLATION");
    }

    @Test
    void aViewerCannotCreateAndAnotherTenantSeesNothing() {
        String viewer = http.demoToken("viewer", "Viewer123!");
        assertProblem(http.call("POST", "/api/v1/notifications", viewer, """
                {"recipient": {"name": "Ana", "email": "a@example.com"}, "channel": "EMAIL", "subject": "S", "body": "B"}"""), 403, "INSUFFICIENT_PERMISSIONS");
        String id = json(http.call("POST", "/api/v1/notifications", reception, """
                {"recipient": {"name": "Ana", "email": "a@example.com"}, "channel": "EMAIL", "subject": "S", "body": "B",
                 "send_at": "2099-01-01T00:00:00Z"}"""))
                .get("id")
                .asString();
        assertThat(http.call("GET", "/api/v1/notifications/" + id, viewer, null).statusCode())
                .isEqualTo(200);

        String root = http.token("platform", "root", "Root123!");
        var tenant = http.call("POST", "/api/v1/tenants", root, """
                {"slug": "avisos-otro", "name": "Otro", "admin": {"username": "jefe", "password": "Otro-Clave-123"}}""");
        assertThat(tenant.statusCode()).as(tenant.body()).isEqualTo(201);
        String other = http.token("avisos-otro", "jefe", "Otro-Clave-123");
        assertProblem(http.call("GET", "/api/v1/notifications/" + id, other, null), 404, "NOT_FOUND");
        assertProblem(http.call("POST", "/api/v1/notifications/" + id + "/cancel", other, null), 404, "NOT_FOUND");
        assertThat(json(http.call("GET", "/api/v1/notifications", other, null))
                        .get("total")
                        .asLong())
                .isZero();

        // The new organization got its own templates from the TenantCreated event (asynchronously, after commit).
        long templates = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> json(http.call(
                                        "GET",
                                        "/api/v1/notification-templates?code=TICKET_CALLED&size=10",
                                        other,
                                        null))
                                .get("total")
                                .asLong(),
                        n -> n > 0);
        assertThat(templates).isEqualTo(6);
    }

    @Test
    void everyTenantHasSpanishAndEnglishTemplatesAndManagesThem() {
        String admin = http.demoToken("admin", "Admin123!");
        var confirmation = json(http.call(
                "GET", "/api/v1/notification-templates?code=APPOINTMENT_CONFIRMATION&channel=EMAIL", admin, null));
        assertThat(confirmation
                        .get("items")
                        .valueStream()
                        .map(t -> t.get("language").asString()))
                .containsExactlyInAnyOrder("es", "en");
        for (String code : List.of("APPOINTMENT_REMINDER", "TICKET_CALLED", "CASE_NOTIFICATION", "DOWNTIME_ALERT")) {
            assertThat(json(http.call(
                                    "GET",
                                    "/api/v1/notification-templates?code=" + code + "&channel=EMAIL",
                                    admin,
                                    null))
                            .get("total")
                            .asLong())
                    .as(code)
                    .isEqualTo(2);
        }
        var undeclared = assertProblem(
                http.call("POST", "/api/v1/notification-templates", admin, """
                {"code": "PROMO", "channel": "EMAIL", "language": "es", "subject": "Hola", "body": "Hola {{name}}"}"""), 422, "VALIDATION_FAILED");
        assertThat(fields(undeclared)).containsExactly("variables");
        var created = http.call("POST", "/api/v1/notification-templates", admin, """
                {"code": "PROMO", "channel": "EMAIL", "language": "es", "subject": "Hola {{name}}",
                 "body": "Hola {{name}}", "variables": ["name"]}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String templateId = json(created).get("id").asString();
        var used = json(http.call("POST", "/api/v1/notifications", reception, """
                {"recipient": {"name": "Ana", "email": "promo@example.com"}, "channel": "EMAIL",
                 "template_code": "PROMO", "variables": {"name": "Ana"}}"""));
        assertThat(used.get("subject").asString()).isEqualTo("Hola Ana");
        assertProblem(
                http.call("DELETE", "/api/v1/notification-templates/" + templateId, reception, null),
                403,
                "INSUFFICIENT_PERMISSIONS");
        assertThat(http.call("DELETE", "/api/v1/notification-templates/" + templateId, admin, null)
                        .statusCode())
                .isEqualTo(204);
    }

    private static List<String> fields(JsonNode problem) {
        return problem.get("errors")
                .valueStream()
                .map(e -> e.get("field").asString())
                .toList();
    }
}
