package io.turno.scheduling.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.turno.scheduling.internal.Waitlist.Entry;
import io.turno.scheduling.internal.Waitlist.Status;
import io.turno.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The waitlist rows, each read with its practitioner's time zone; every statement is tenant-scoped. */
@Repository
class WaitlistEntries {

    private static final String SELECT = """
            SELECT w.*, p.time_zone FROM scheduling_waitlist w JOIN scheduling_practitioners p ON p.id = w.practitioner_id
            """;

    private final JdbcClient jdbc;

    WaitlistEntries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(
            TenantId tenant,
            UUID id,
            UUID patientId,
            UUID practitionerId,
            UUID serviceId,
            LocalDate from,
            LocalDate to) {
        jdbc.sql("""
                INSERT INTO scheduling_waitlist (id, tenant_id, customer_id, practitioner_id, service_id, date_from, date_to)
                VALUES (:id, :tenant, :c, :p, :s, :from, :to)
                """)
                .param("id", id)
                .param("tenant", tenant.value())
                .param("c", patientId)
                .param("p", practitionerId)
                .param("s", serviceId)
                .param("from", from)
                .param("to", to)
                .update();
    }

    /** Whether the entry was still there to withdraw. */
    boolean withdraw(TenantId tenant, UUID id) {
        return jdbc.sql("UPDATE scheduling_waitlist SET status = 'WITHDRAWN' WHERE tenant_id = :tenant AND id = :id "
                                + "AND status <> 'WITHDRAWN'")
                        .param("tenant", tenant.value())
                        .param("id", id)
                        .update()
                == 1;
    }

    Optional<Entry> find(TenantId tenant, UUID id) {
        return jdbc.sql(SELECT + " WHERE w.tenant_id = :tenant AND w.id = :id")
                .param("tenant", tenant.value())
                .param("id", id)
                .query(WaitlistEntries::entry)
                .optional();
    }

    /** The patient's entries ({@code patientId}), or every entry when it is null; newest first. */
    List<Entry> list(TenantId tenant, UUID patientId, UUID therapistId) {
        return jdbc.sql(SELECT + """
                WHERE w.tenant_id = :tenant AND (CAST(:c AS uuid) IS NULL OR w.customer_id = :c)
                  AND (CAST(:p AS uuid) IS NULL OR w.practitioner_id = :p) AND w.status <> 'WITHDRAWN'
                ORDER BY w.created_at DESC LIMIT 200
                """)
                .param("tenant", tenant.value())
                .param("c", patientId)
                .param("p", therapistId)
                .query(WaitlistEntries::entry)
                .list();
    }

    /**
     * The first entries waiting for the practitioner on {@code day}, locked; entries being offered by a
     * concurrent cancellation are skipped, not waited for.
     */
    List<Entry> waitingOn(TenantId tenant, UUID practitionerId, LocalDate day) {
        return jdbc.sql(SELECT + """
                WHERE w.tenant_id = :tenant AND w.practitioner_id = :p AND w.status = 'WAITING'
                  AND w.date_from <= :day AND w.date_to >= :day
                ORDER BY w.created_at, w.id LIMIT 20
                FOR UPDATE OF w SKIP LOCKED
                """)
                .param("tenant", tenant.value())
                .param("p", practitionerId)
                .param("day", day)
                .query(WaitlistEntries::entry)
                .list();
    }

    /** Records the offer; {@code tokenHash} is the SHA-256 of the link's secret (the secret is never stored). */
    void offer(
            TenantId tenant,
            UUID id,
            OffsetDateTime start,
            OffsetDateTime end,
            String tokenHash,
            java.time.Instant expiresAt) {
        jdbc.sql("""
                UPDATE scheduling_waitlist SET status = 'OFFERED', offered_start = :start, offered_end = :end,
                       offered_at = now(), offer_token_hash = :hash, offer_expires_at = :expires
                WHERE tenant_id = :tenant AND id = :id
                """)
                .param("start", start)
                .param("end", end)
                .param("hash", tokenHash)
                .param("expires", java.sql.Timestamp.from(expiresAt))
                .param("tenant", tenant.value())
                .param("id", id)
                .update();
    }

    /** The organization of the offer a link's secret hashes to. Run unscoped: the link names no organization. */
    Optional<TenantId> offerTenant(String tokenHash) {
        return jdbc.sql("SELECT tenant_id FROM scheduling_waitlist WHERE offer_token_hash = :hash")
                .param("hash", tokenHash)
                .query((rs, row) -> new TenantId(rs.getObject("tenant_id", UUID.class)))
                .optional();
    }

    /** The offer a link's secret hashes to, with until when it works; locked when {@code lock}. */
    Optional<Offer> offerByHash(TenantId tenant, String tokenHash, boolean lock) {
        return jdbc.sql(SELECT + " WHERE w.tenant_id = :tenant AND w.offer_token_hash = :hash"
                        + (lock ? " FOR UPDATE OF w" : ""))
                .param("tenant", tenant.value())
                .param("hash", tokenHash)
                .query((rs, row) -> new Offer(
                        entry(rs, row), rs.getTimestamp("offer_expires_at").toInstant()))
                .optional();
    }

    record Offer(Entry entry, java.time.Instant expiresAt) {}

    /**
     * Up to {@code limit} offers whose link expired at or before {@code now}, oldest expiry first,
     * locked; those another instance is passing on are skipped, not waited for.
     */
    List<Entry> expiredOffers(TenantId tenant, java.time.Instant now, int limit) {
        return jdbc.sql(SELECT + """
                WHERE w.tenant_id = :tenant AND w.status = 'OFFERED' AND w.offer_expires_at <= :now
                ORDER BY w.offer_expires_at, w.id LIMIT :limit
                FOR UPDATE OF w SKIP LOCKED
                """)
                .param("tenant", tenant.value())
                .param("now", java.sql.Timestamp.from(now))
                .param("limit", limit)
                .query(WaitlistEntries::entry)
                .list();
    }

    /** The offer ran out: the entry ends, keeping its hash so the link still says it expired. */
    void expired(TenantId tenant, UUID id) {
        jdbc.sql("UPDATE scheduling_waitlist SET status = 'EXPIRED' WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenant.value())
                .param("id", id)
                .update();
    }

    void booked(TenantId tenant, UUID id, UUID appointmentId) {
        jdbc.sql("""
                UPDATE scheduling_waitlist SET status = 'BOOKED', appointment_id = :appointment
                WHERE tenant_id = :tenant AND id = :id
                """)
                .param("appointment", appointmentId)
                .param("tenant", tenant.value())
                .param("id", id)
                .update();
    }

    private static Entry entry(ResultSet rs, int row) throws SQLException {
        ZoneId zone = ZoneId.of(rs.getString("time_zone"));
        OffsetDateTime start = rs.getObject("offered_start", OffsetDateTime.class);
        OffsetDateTime end = rs.getObject("offered_end", OffsetDateTime.class);
        return new Entry(
                rs.getObject("id", UUID.class),
                rs.getObject("customer_id", UUID.class),
                rs.getObject("practitioner_id", UUID.class),
                rs.getObject("service_id", UUID.class),
                rs.getObject("date_from", LocalDate.class),
                rs.getObject("date_to", LocalDate.class),
                Status.valueOf(rs.getString("status")),
                start == null ? null : start.atZoneSameInstant(zone).toOffsetDateTime(),
                end == null ? null : end.atZoneSameInstant(zone).toOffsetDateTime(),
                rs.getTimestamp("created_at").toInstant());
    }
}
