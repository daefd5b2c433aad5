package io.turno.queueing.internal;

import java.time.LocalDate;
import java.util.UUID;

import io.turno.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The demo office's last week of served tickets, so that its statistics page and dashboards show
 * something on the first day: from Monday to Saturday before {@code today}, 24 tickets a day in each
 * queue that has a service, arriving from 08:00 (branch time), one in five preferential (shorter
 * waits), busier late in the morning; most completed at the queue's first desk, some no-shows and
 * some expired. Only earlier days: today's numbering, boards and waiting lists stay empty.
 */
@Repository
class DemoTicketHistory {

    private final JdbcClient jdbc;

    DemoTicketHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    int seed(TenantId tenant, UUID branch, String zone, LocalDate today) {
        // A fixed seed: the demo looks the same every time it is loaded.
        jdbc.sql("SELECT setseed(0.42)").query().singleRow();
        return jdbc.sql("""
                WITH days AS (
                    SELECT CAST(d AS date) AS day
                    FROM generate_series(CAST(:today AS date) - 7, CAST(:today AS date) - 1, interval '1 day') d
                    WHERE extract(isodow FROM d) < 7),
                queues AS (
                    SELECT q.id AS queue_id, q.prefix, s.service_id, dq.desk_id
                    FROM queueing_queues q
                    JOIN LATERAL (SELECT service_id FROM queueing_queue_services
                                  WHERE tenant_id = q.tenant_id AND queue_id = q.id ORDER BY service_id LIMIT 1) s ON TRUE
                    JOIN LATERAL (SELECT desk_id FROM queueing_desk_queues
                                  WHERE tenant_id = q.tenant_id AND queue_id = q.id ORDER BY overflow, position LIMIT 1) dq ON TRUE
                    WHERE q.tenant_id = :t AND q.branch_id = :b),
                priorities AS (
                    SELECT (SELECT id FROM queueing_priorities WHERE tenant_id = :t AND name = 'General') AS general,
                           coalesce((SELECT id FROM queueing_priorities WHERE tenant_id = :t AND name = 'Preferencial'),
                                    (SELECT id FROM queueing_priorities WHERE tenant_id = :t AND name = 'General')) AS preferential),
                drawn AS (
                    SELECT d.day, q.*, n, random() AS r, random() AS w, random() AS s,
                           (d.day + time '08:00' + n * interval '17 minutes' + random() * interval '9 minutes')
                               AT TIME ZONE :zone AS issued,
                           -- Busier from 10:00 to 12:00: waits there are longer.
                           CASE WHEN n BETWEEN 8 AND 14 THEN 2.0 ELSE 1.0 END AS rush
                    FROM days d CROSS JOIN queues q CROSS JOIN generate_series(1, 24) n),
                timed AS (
                    SELECT drawn.*,
                           CASE WHEN r > 0.95 THEN 'EXPIRED' WHEN r > 0.88 THEN 'NO_SHOW' ELSE 'COMPLETED' END AS status,
                           (CASE WHEN r < 0.2 THEN 1 + w * 5 ELSE 3 + w * 14 * rush END) * interval '1 minute' AS wait,
                           (3 + s * 9) * interval '1 minute' AS service
                    FROM drawn)
                INSERT INTO queueing_tickets (id, tenant_id, branch_id, queue_id, service_id, priority_id, weight,
                                              service_day, number, display_number, status, issued_at, called_at,
                                              started_at, finished_at, desk_id, public_token)
                SELECT gen_random_uuid(), :t, :b, t.queue_id, t.service_id,
                       CASE WHEN t.r < 0.2 THEN p.preferential ELSE p.general END,
                       (SELECT weight FROM queueing_priorities
                        WHERE id = CASE WHEN t.r < 0.2 THEN p.preferential ELSE p.general END),
                       t.day, t.n, t.prefix || '-' || lpad(CAST(t.n AS text), 3, '0'), t.status, t.issued,
                       CASE WHEN t.status <> 'EXPIRED' THEN t.issued + t.wait END,
                       CASE WHEN t.status = 'COMPLETED' THEN t.issued + t.wait END,
                       CASE t.status WHEN 'COMPLETED' THEN t.issued + t.wait + t.service
                                     WHEN 'NO_SHOW' THEN t.issued + t.wait + interval '3 minutes'
                                     ELSE CAST(t.day + 1 AS timestamp) AT TIME ZONE :zone END,
                       CASE WHEN t.status <> 'EXPIRED' THEN t.desk_id END,
                       md5(CAST(t.queue_id AS text) || t.day || '-' || t.n || random())
                FROM timed t CROSS JOIN priorities p
                WHERE p.general IS NOT NULL""")
                .param("t", tenant.value())
                .param("b", branch)
                .param("zone", zone)
                .param("today", today)
                .update();
    }
}
