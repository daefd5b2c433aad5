package io.turno.scheduling.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.turno.audit.AuditEntry;
import io.turno.audit.AuditLog;
import io.turno.catalog.ServiceCatalog;
import io.turno.catalog.ServiceView;
import io.turno.scheduling.AppointmentView;
import io.turno.scheduling.WaitlistSlotOffered;
import io.turno.shared.Actor;
import io.turno.shared.NotFound;
import io.turno.shared.TenantId;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Patients waiting for a practitioner's freed time. A freed slot is offered to the first in line
 * whose date range holds it and whose service fits in it: recorded on the entry and published as
 * {@link WaitlistSlotOffered}; the patient then books it like any other slot.
 */
@Component
public class Waitlist {

    public enum Status { WAITING, OFFERED, WITHDRAWN }

    public record Entry(UUID id, UUID patientId, UUID therapistId, UUID serviceId, LocalDate dateFrom, LocalDate dateTo,
                        Status status, OffsetDateTime offeredStart, OffsetDateTime offeredEnd, Instant createdAt) {
    }

    private static final String SELECT = """
            SELECT w.*, p.time_zone FROM scheduling_waitlist w JOIN scheduling_practitioners p ON p.id = w.practitioner_id
            """;

    private final JdbcClient jdbc;
    private final ServiceCatalog catalog;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Waitlist(JdbcClient jdbc, ServiceCatalog catalog, AuditLog audit, ApplicationEventPublisher events, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.audit = audit;
        this.events = events;
    }

    Entry add(Actor caller, UUID patientId, PractitionerView practitioner, UUID serviceId, LocalDate from,
              LocalDate to) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO scheduling_waitlist (id, tenant_id, customer_id, practitioner_id, service_id, date_from, date_to)
                VALUES (:id, :tenant, :c, :p, :s, :from, :to)
                """).param("id", id).param("tenant", caller.tenantId().value()).param("c", patientId)
                .param("p", practitioner.id()).param("s", serviceId).param("from", from).param("to", to).update();
        var entry = find(caller.tenantId(), id);
        record(caller, "CREATE", entry, Map.of("after", summary(entry)));
        return entry;
    }

    void withdraw(Actor caller, Entry entry) {
        if (jdbc.sql("UPDATE scheduling_waitlist SET status = 'WITHDRAWN' WHERE tenant_id = :tenant AND id = :id "
                        + "AND status <> 'WITHDRAWN'")
                .param("tenant", caller.tenantId().value()).param("id", entry.id()).update() == 1) {
            record(caller, "DELETE", entry, Map.of("before", summary(entry)));
        }
    }

    Entry find(TenantId tenant, UUID id) {
        return jdbc.sql(SELECT + " WHERE w.tenant_id = :tenant AND w.id = :id")
                .param("tenant", tenant.value()).param("id", id).query(Waitlist::entry).optional()
                .orElseThrow(() -> new NotFound("Lista de espera", id));
    }

    /** The caller's entries ({@code patientId}), or every entry when it is null; newest first. */
    List<Entry> list(TenantId tenant, UUID patientId, UUID therapistId) {
        return jdbc.sql(SELECT + """
                WHERE w.tenant_id = :tenant AND (CAST(:c AS uuid) IS NULL OR w.customer_id = :c)
                  AND (CAST(:p AS uuid) IS NULL OR w.practitioner_id = :p) AND w.status <> 'WITHDRAWN'
                ORDER BY w.created_at DESC LIMIT 200
                """).param("tenant", tenant.value()).param("c", patientId).param("p", therapistId)
                .query(Waitlist::entry).list();
    }

    /**
     * Offers the time {@code freed} held to the first waiting patient it suits, in the caller's
     * transaction. Entries being offered by a concurrent cancellation are skipped, not waited for.
     */
    void offer(TenantId tenant, AppointmentView freed, Actor caller) {
        ZoneId zone = ZoneId.of(freed.timeZone());
        Instant start = freed.start().toInstant();
        if (!start.isAfter(clock.instant())) {
            return;
        }
        Duration length = Duration.between(start, freed.end().toInstant());
        LocalDate day = freed.start().toLocalDate();
        var candidates = jdbc.sql(SELECT + """
                WHERE w.tenant_id = :tenant AND w.practitioner_id = :p AND w.status = 'WAITING'
                  AND w.date_from <= :day AND w.date_to >= :day
                ORDER BY w.created_at, w.id LIMIT 20
                FOR UPDATE OF w SKIP LOCKED
                """).param("tenant", tenant.value()).param("p", freed.therapistId()).param("day", day)
                .query(Waitlist::entry).list();
        for (Entry candidate : candidates) {
            Integer minutes = catalog.find(tenant, candidate.serviceId()).map(ServiceView::durationMinutes).orElse(null);
            if (minutes == null || Duration.ofMinutes(minutes).compareTo(length) > 0) {
                continue;
            }
            Instant end = start.plus(Duration.ofMinutes(minutes));
            jdbc.sql("""
                    UPDATE scheduling_waitlist SET status = 'OFFERED', offered_start = :start, offered_end = :end,
                           offered_at = now()
                    WHERE tenant_id = :tenant AND id = :id
                    """).param("start", OffsetDateTime.ofInstant(start, zone)).param("end", OffsetDateTime.ofInstant(end, zone))
                    .param("tenant", tenant.value()).param("id", candidate.id()).update();
            var offered = find(tenant, candidate.id());
            record(caller, "OFFER", offered, AuditEntry.change(summary(candidate), summary(offered)));
            events.publishEvent(new WaitlistSlotOffered(tenant, candidate.id(), candidate.patientId(),
                    freed.therapistId(), freed.therapistUserId(), candidate.serviceId(), start, end, zone));
            return;
        }
    }

    private static Map<String, Object> summary(Entry e) {
        var summary = new LinkedHashMap<String, Object>();
        summary.put("patient_id", e.patientId().toString());
        summary.put("therapist_id", e.therapistId().toString());
        summary.put("service_id", e.serviceId().toString());
        summary.put("date_from", e.dateFrom().toString());
        summary.put("date_to", e.dateTo().toString());
        summary.put("status", e.status().name());
        if (e.offeredStart() != null) {
            summary.put("offered_start", e.offeredStart().toString());
        }
        return summary;
    }

    private void record(Actor caller, String action, Entry entry, Map<String, ?> summary) {
        audit.record(new AuditEntry(caller.tenantId(), caller.userId(), caller.username(), action, "waitlist_entry",
                entry.id().toString(), summary));
    }

    private static Entry entry(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        ZoneId zone = ZoneId.of(rs.getString("time_zone"));
        OffsetDateTime start = rs.getObject("offered_start", OffsetDateTime.class);
        OffsetDateTime end = rs.getObject("offered_end", OffsetDateTime.class);
        return new Entry(rs.getObject("id", UUID.class), rs.getObject("customer_id", UUID.class),
                rs.getObject("practitioner_id", UUID.class), rs.getObject("service_id", UUID.class),
                rs.getObject("date_from", LocalDate.class), rs.getObject("date_to", LocalDate.class),
                Status.valueOf(rs.getString("status")),
                start == null ? null : start.atZoneSameInstant(zone).toOffsetDateTime(),
                end == null ? null : end.atZoneSameInstant(zone).toOffsetDateTime(), rs.getTimestamp("created_at").toInstant());
    }
}
