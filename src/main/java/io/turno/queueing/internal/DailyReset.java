package io.turno.queueing.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;

import io.turno.identity.TenantDirectory;
import io.turno.shared.TenantId;
import io.turno.shared.TenantScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * At each branch's local midnight the day's numbering starts over (numbers are kept per
 * branch-local day, so the first ticket of the new day is 001 by construction) and tickets still
 * open from an earlier day close as EXPIRED. Idempotent: run it as often as you like.
 */
@Component
public class DailyReset {

    static final String REASON = "Cierre del día: el turno no se atendió antes de la medianoche de la sede.";

    private static final Logger log = LoggerFactory.getLogger(DailyReset.class);

    private final JdbcClient jdbc;
    private final TenantDirectory directory;
    private final TransactionTemplate transactions;
    private final Boards boards;
    private final Clock clock;

    DailyReset(JdbcClient jdbc, TenantDirectory directory, TransactionTemplate transactions, Boards boards, Clock clock) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.transactions = transactions;
        this.boards = boards;
        this.clock = clock;
    }

    public void run() {
        for (var tenant : directory.tenants()) {
            TenantScope.run(tenant.id(), () -> transactions.executeWithoutResult(status -> expire(tenant.id())));
        }
    }

    private void expire(TenantId tenant) {
        Instant now = clock.instant();
        var branches = jdbc.sql("SELECT id, time_zone FROM queueing_branches WHERE tenant_id = :t")
                .param("t", tenant.value())
                .query((rs, n) -> Map.entry(rs.getObject("id", UUID.class), ZoneId.of(rs.getString("time_zone")))).list();
        for (var branch : branches) {
            LocalDate today = LocalDate.ofInstant(now, branch.getValue());
            int expired = jdbc.sql("""
                    WITH closing AS (
                        SELECT id, status FROM queueing_tickets
                        WHERE tenant_id = :t AND branch_id = :b AND service_day < :today
                          AND status IN ('WAITING', 'CALLED', 'IN_SERVICE')
                        FOR UPDATE),
                    closed AS (
                        UPDATE queueing_tickets t SET status = 'EXPIRED', finished_at = :now, close_reason = :reason
                        FROM closing WHERE t.id = closing.id
                        RETURNING t.id, closing.status AS previous, t.queue_id, t.desk_id)
                    INSERT INTO queueing_ticket_events (tenant_id, ticket_id, type, from_status, to_status, queue_id,
                                                        desk_id, detail, occurred_at)
                    SELECT :t, id, 'EXPIRED', previous, 'EXPIRED', queue_id, desk_id,
                           jsonb_build_object('reason', CAST(:reason AS text)), :now
                    FROM closed
                    """)
                    .param("t", tenant.value()).param("b", branch.getKey()).param("today", today)
                    .param("now", Timestamp.from(now)).param("reason", REASON)
                    .update();
            if (expired > 0) {
                boards.changed(tenant, branch.getKey());
                log.info("Closed {} ticket(s) of branch {} left open before {}", expired, branch.getKey(), today);
            }
        }
    }
}
