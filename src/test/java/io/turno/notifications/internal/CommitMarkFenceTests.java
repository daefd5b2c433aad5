package io.turno.notifications.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

import io.turno.TestDatabase;
import io.turno.TurnoTest;
import io.turno.shared.TenantId;
import io.turno.shared.TenantScope;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The commit mark is the fence against an instance taken for dead that still runs: once recovery took its
 * attempt back, its mark is refused (so it never writes the dot), and a mark that came first wins over
 * recovery (the attempt is assumed delivered, not sent again).
 */
@TurnoTest
class CommitMarkFenceTests {

    @Autowired
    Outbox outbox;

    @Autowired
    Dispatcher dispatcher;

    JdbcClient owner;

    @Autowired
    void ownerConnection(DataSource dataSource) {
        owner = TestDatabase.owner(dataSource);
    }

    @Test
    void aMarkAfterRecoveryIsRefusedAndAMarkBeforeItWins() {
        owner.sql("UPDATE notifications SET status = 'CANCELLED' WHERE status IN ('PENDING', 'SENDING')")
                .update();
        UUID silent = UUID.randomUUID();
        owner.sql("INSERT INTO notification_dispatchers (id, heartbeat_at) VALUES (:id, now() - interval '1 minute')")
                .param("id", silent)
                .update();
        Dispatcher.Claim late = inFlight(silent);
        Dispatcher.Claim early = inFlight(silent);

        assertThat(mark(early)).as("a mark while the attempt is in flight").isTrue();
        assertThat(dispatcher.recoverInterrupted()).isEqualTo(2);
        assertThat(mark(late)).as("a mark after recovery took the attempt back").isFalse();

        assertThat(outcomes(late)).containsExactly("PENDING", "FAILED");
        assertThat(outcomes(early)).containsExactly("SENT", "ASSUMED_DELIVERED");
    }

    private boolean mark(Dispatcher.Claim claim) {
        return TenantScope.call(claim.tenant(), () -> outbox.markCommit(claim, Instant.now()));
    }

    private List<String> outcomes(Dispatcher.Claim claim) {
        return owner.sql("""
                SELECT n.status, a.outcome FROM notifications n JOIN notification_attempts a ON a.notification_id = n.id
                WHERE n.id = :id""")
                .param("id", claim.id())
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2)))
                .single();
    }

    /** What a claim by {@code instance} leaves in the database: SENDING, its email attempt in flight. */
    private Dispatcher.Claim inFlight(UUID instance) {
        UUID id = UUID.randomUUID();
        UUID attempt = UUID.randomUUID();
        var tenant = new TenantId(owner.sql("SELECT id FROM tenants WHERE slug = 'demo'")
                .query(UUID.class)
                .single());
        owner.sql("""
                INSERT INTO notifications (id, tenant_id, channel, recipient_name, recipient_email, subject, body,
                                           send_at, next_attempt_at, message_id, status, attempts, claimed_at, claimed_by)
                VALUES (:id, :t, 'EMAIL', 'Cerca', 'cerca@example.com', 'Aviso', 'Texto', now(), now(),
                        '<' || :id || '@turno>', 'SENDING', 1, now(), :instance)""")
                .param("id", id)
                .param("t", tenant.value())
                .param("instance", instance)
                .update();
        owner.sql("""
                INSERT INTO notification_attempts (id, tenant_id, notification_id, number, provider, outcome, started_at,
                                                   observes_commit)
                VALUES (:attempt, :t, :id, 1, 'smtp', 'SENDING', now(), true)""")
                .param("attempt", attempt)
                .param("t", tenant.value())
                .param("id", id)
                .update();
        return new Dispatcher.Claim(
                id,
                tenant,
                Channel.EMAIL,
                "Cerca",
                "cerca@example.com",
                null,
                "Aviso",
                "Texto",
                null,
                "es",
                List.of(),
                "<" + id + "@turno>",
                1,
                1,
                attempt,
                Instant.now(),
                Instant.now(),
                List.of(),
                null);
    }
}
