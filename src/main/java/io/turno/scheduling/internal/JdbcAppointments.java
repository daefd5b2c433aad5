package io.turno.scheduling.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.turno.scheduling.AppointmentStatus;
import io.turno.scheduling.AppointmentView;
import io.turno.scheduling.internal.AppointmentAccess.Scope;
import io.turno.scheduling.internal.AppointmentQueries.Filter;
import io.turno.scheduling.internal.SchedulingFailures.SlotTaken;
import io.turno.scheduling.internal.WorkingPlan.Span;
import io.turno.shared.PageResult;
import io.turno.shared.TenantId;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The appointment rows, each read with its practitioner's name and time zone. The exclusion
 * constraint {@code scheduling_appointments_no_overlap} keeps a practitioner from being booked
 * twice; a write it refuses is a {@link SlotTaken}.
 */
@Repository
class JdbcAppointments {

    /** A new appointment: REQUESTED, or HELD until {@code holdExpires} when that is set. */
    record NewAppointment(
            UUID practitionerId,
            UUID customerId,
            UUID serviceId,
            OffsetDateTime start,
            OffsetDateTime end,
            String notes,
            UUID seriesId,
            Instant holdExpires) {}

    private static final String VIEW_COLUMNS = """
            SELECT a.id, a.customer_id, a.practitioner_id, p.user_id, p.display_name, p.time_zone, a.service_id,
                   a.starts_at, a.ends_at, a.status, a.notes, a.cancel_reason, a.series_id, a.created_at, a.updated_at
            """;

    private static final String VIEW = VIEW_COLUMNS
            + " FROM scheduling_appointments a JOIN scheduling_practitioners p ON p.id = a.practitioner_id\n";

    private final JdbcClient jdbc;
    private final Clock clock;

    JdbcAppointments(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Optional<AppointmentView> find(TenantId tenant, UUID id) {
        return jdbc.sql(VIEW + " WHERE a.tenant_id = :tenant AND a.id = :id")
                .param("tenant", tenant.value())
                .param("id", id)
                .query(JdbcAppointments::view)
                .optional();
    }

    /** Locks the appointment against concurrent changes until the transaction ends. */
    void lock(TenantId tenant, UUID id) {
        jdbc.sql("SELECT 1 FROM scheduling_appointments WHERE tenant_id = :tenant AND id = :id FOR UPDATE")
                .param("tenant", tenant.value())
                .param("id", id)
                .query()
                .listOfRows();
    }

    List<AppointmentView> startingBetween(TenantId tenant, Instant from, Instant to) {
        return jdbc.sql(VIEW + """
                 WHERE a.tenant_id = :tenant AND a.starts_at >= :from AND a.starts_at < :to
                   AND a.status IN ('REQUESTED', 'CONFIRMED')
                 ORDER BY a.starts_at, a.id
                """)
                .param("tenant", tenant.value())
                .param("from", utc(from))
                .param("to", utc(to))
                .query(JdbcAppointments::view)
                .list();
    }

    /** The next appointments still to attend from {@code from}, of everyone or of the scope's patient or practitioner. */
    List<AppointmentView> upcoming(TenantId tenant, Instant from, int limit, AppointmentAccess.Scope scope) {
        return jdbc.sql(VIEW + """
                 WHERE a.tenant_id = :tenant AND a.starts_at >= :from
                   AND a.status IN ('REQUESTED', 'CONFIRMED', 'CHECKED_IN')
                   AND (:all OR a.customer_id = :customer OR a.practitioner_id = :practitioner)
                 ORDER BY a.starts_at, a.id
                 LIMIT :limit
                """)
                .param("tenant", tenant.value())
                .param("from", utc(from))
                .param("all", scope.all())
                .param("customer", scope.customerId(), java.sql.Types.OTHER)
                .param("practitioner", scope.practitionerId(), java.sql.Types.OTHER)
                .param("limit", limit)
                .query(JdbcAppointments::view)
                .list();
    }

    boolean hasAppointmentOn(TenantId tenant, UUID customerId, LocalDate date) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM scheduling_appointments a
                               JOIN scheduling_practitioners p ON p.id = a.practitioner_id
                               WHERE a.tenant_id = :tenant AND a.customer_id = :customer
                                 AND a.starts_at >= CAST(:date AS date) - interval '1 day'
                                 AND a.starts_at < CAST(:date AS date) + interval '2 days'
                                 AND a.status IN ('REQUESTED', 'CONFIRMED', 'CHECKED_IN', 'IN_PROGRESS')
                                 AND (a.starts_at AT TIME ZONE p.time_zone)::date = :date)
                """)
                .param("tenant", tenant.value())
                .param("customer", customerId)
                .param("date", date)
                .query(Boolean.class)
                .single();
    }

    /** The page of appointments the scope sees and the filter asks for, its dates counted in {@code zone}. */
    PageResult<AppointmentView> page(TenantId tenant, Scope scope, Filter filter, ZoneId zone, int page, int size) {
        String where = """
                WHERE a.tenant_id = :tenant
                  AND (:all OR a.customer_id = :own_customer OR a.practitioner_id = :own_practitioner)
                  AND (CAST(:patient AS uuid) IS NULL OR a.customer_id = :patient)
                  AND (CAST(:therapist AS uuid) IS NULL OR a.practitioner_id = :therapist)
                  AND (CAST(:status AS text) IS NULL OR a.status = :status)
                  AND (CAST(:from AS timestamptz) IS NULL OR a.starts_at >= :from)
                  AND (CAST(:to AS timestamptz) IS NULL OR a.starts_at < :to)
                """;
        Map<String, Object> params = new HashMap<>();
        params.put("tenant", tenant.value());
        params.put("all", scope.all());
        params.put("own_customer", scope.customerId());
        params.put("own_practitioner", scope.practitionerId());
        params.put("patient", filter.patientId());
        params.put("therapist", filter.therapistId());
        params.put("status", filter.status() == null ? null : filter.status().name());
        params.put(
                "from",
                filter.dateFrom() == null
                        ? null
                        : filter.dateFrom().atStartOfDay(zone).toOffsetDateTime());
        params.put(
                "to",
                filter.dateTo() == null
                        ? null
                        : filter.dateTo().plusDays(1).atStartOfDay(zone).toOffsetDateTime());
        long total = jdbc.sql("SELECT count(*) FROM scheduling_appointments a " + where)
                .params(params)
                .query(Long.class)
                .single();
        params.put("limit", size);
        params.put("offset", (long) page * size);
        var items = jdbc.sql(VIEW + where + " ORDER BY a.starts_at, a.id LIMIT :limit OFFSET :offset")
                .params(params)
                .query(JdbcAppointments::view)
                .list();
        return new PageResult<>(items, page, size, total);
    }

    /** The practitioner's appointments starting in {@code [from, to)}, by start. */
    List<AppointmentView> agenda(
            TenantId tenant, UUID practitioner, OffsetDateTime from, OffsetDateTime to, boolean includeCancelled) {
        return jdbc.sql(VIEW + """
                 WHERE a.tenant_id = :tenant AND a.practitioner_id = :p AND a.starts_at >= :from AND a.starts_at < :to
                   AND (:cancelled OR a.status <> 'CANCELLED')
                 ORDER BY a.starts_at, a.id
                """)
                .param("tenant", tenant.value())
                .param("p", practitioner)
                .param("from", from)
                .param("to", to)
                .param("cancelled", includeCancelled)
                .query(JdbcAppointments::view)
                .list();
    }

    /** The time the practitioner's appointments take in {@code [from, to)}. */
    List<Span> taken(TenantId tenant, UUID practitioner, Instant from, Instant to) {
        return jdbc.sql("""
                SELECT starts_at, ends_at FROM scheduling_appointments
                WHERE tenant_id = :tenant AND practitioner_id = :p AND status <> 'CANCELLED'
                  AND tstzrange(starts_at, ends_at) && tstzrange(:from, :to)
                  -- An expired hold is free time: the booking that takes it drops the hold.
                  AND NOT (status = 'HELD' AND hold_expires_at <= :now)
                """)
                .param("tenant", tenant.value())
                .param("p", practitioner)
                .param("now", utc(clock.instant()))
                .param("from", utc(from))
                .param("to", utc(to))
                .query((rs, n) -> new Span(
                        rs.getObject(1, OffsetDateTime.class).toInstant(),
                        rs.getObject(2, OffsetDateTime.class).toInstant()))
                .list();
    }

    /** The appointment as inserted, read back by the statement that inserts it. */
    AppointmentView insert(TenantId tenant, UUID createdBy, NewAppointment a) {
        try {
            return jdbc.sql("""
                    WITH a AS (
                        INSERT INTO scheduling_appointments (id, tenant_id, practitioner_id, customer_id, service_id, starts_at,
                                                             ends_at, status, hold_expires_at, notes, series_id, created_by)
                        VALUES (:id, :tenant, :p, :c, :s, :start, :end,
                                CASE WHEN CAST(:hold AS timestamptz) IS NULL THEN 'REQUESTED' ELSE 'HELD' END, :hold,
                                :notes, :series, :by)
                        RETURNING *)
                    """ + VIEW_COLUMNS + " FROM a JOIN scheduling_practitioners p ON p.id = a.practitioner_id")
                    .param("hold", a.holdExpires() == null ? null : utc(a.holdExpires()))
                    .param("id", UUID.randomUUID())
                    .param("tenant", tenant.value())
                    .param("p", a.practitionerId())
                    .param("c", a.customerId())
                    .param("s", a.serviceId())
                    .param("start", a.start())
                    .param("end", a.end())
                    .param("notes", a.notes())
                    .param("series", a.seriesId())
                    .param("by", createdBy)
                    .query(JdbcAppointments::view)
                    .single();
        } catch (DataIntegrityViolationException e) {
            throw refusal(e);
        }
    }

    /** Moves the appointment to another time, practitioner or service, or changes its notes. */
    void move(
            TenantId tenant,
            UUID id,
            UUID practitioner,
            UUID service,
            OffsetDateTime start,
            OffsetDateTime end,
            String notes) {
        try {
            jdbc.sql("""
                    UPDATE scheduling_appointments SET practitioner_id = :p, service_id = :s, starts_at = :start,
                           ends_at = :end, notes = :notes, updated_at = now()
                    WHERE tenant_id = :tenant AND id = :id
                    """)
                    .param("p", practitioner)
                    .param("s", service)
                    .param("start", start)
                    .param("end", end)
                    .param("notes", notes)
                    .param("tenant", tenant.value())
                    .param("id", id)
                    .update();
        } catch (DataIntegrityViolationException e) {
            throw refusal(e);
        }
    }

    /** Sets the status; the reason is kept only when the appointment is cancelled. */
    void setStatus(TenantId tenant, UUID id, AppointmentStatus target, String reason) {
        jdbc.sql("""
                UPDATE scheduling_appointments SET status = :status, updated_at = now(),
                       cancel_reason = CASE WHEN :cancel THEN :reason ELSE cancel_reason END
                WHERE tenant_id = :tenant AND id = :id
                """)
                .param("status", target.name())
                .param("cancel", target == AppointmentStatus.CANCELLED)
                .param("reason", reason)
                .param("tenant", tenant.value())
                .param("id", id)
                .update();
    }

    /** Whether the hold was there to become CONFIRMED. */
    boolean confirmHold(TenantId tenant, UUID id) {
        return jdbc.sql("""
                UPDATE scheduling_appointments SET status = 'CONFIRMED', hold_expires_at = NULL, updated_at = now()
                WHERE tenant_id = :tenant AND id = :id AND status = 'HELD'
                """).param("tenant", tenant.value()).param("id", id).update() == 1;
    }

    void deleteHold(TenantId tenant, UUID id) {
        jdbc.sql("DELETE FROM scheduling_appointments WHERE tenant_id = :tenant AND id = :id AND status = 'HELD'")
                .param("tenant", tenant.value())
                .param("id", id)
                .update();
    }

    /** Holds of the tenant whose time ran out, oldest first. */
    List<UUID> expiredHolds(TenantId tenant, int limit) {
        return jdbc.sql("""
                SELECT id FROM scheduling_appointments
                WHERE tenant_id = :tenant AND status = 'HELD' AND hold_expires_at <= :now
                ORDER BY hold_expires_at LIMIT :limit
                """)
                .param("tenant", tenant.value())
                .param("now", utc(clock.instant()))
                .param("limit", limit)
                .query(UUID.class)
                .list();
    }

    /** The practitioner's holds whose time ran out and that overlap {@code span}. */
    List<UUID> expiredHoldsIn(TenantId tenant, UUID practitioner, Span span) {
        return jdbc.sql("""
                SELECT id FROM scheduling_appointments
                WHERE tenant_id = :tenant AND practitioner_id = :p AND status = 'HELD' AND hold_expires_at <= :now
                  AND tstzrange(starts_at, ends_at) && tstzrange(:from, :to)
                """)
                .param("tenant", tenant.value())
                .param("p", practitioner)
                .param("now", utc(clock.instant()))
                .param("from", utc(span.start()))
                .param("to", utc(span.end()))
                .query(UUID.class)
                .list();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** The exclusion constraint's refusal (SQLSTATE 23P01) in words; anything else as it came. */
    private static RuntimeException refusal(DataIntegrityViolationException e) {
        if (e.getMostSpecificCause() instanceof SQLException sql && "23P01".equals(sql.getSQLState())) {
            return new SlotTaken();
        }
        return e;
    }

    private static AppointmentView view(ResultSet rs, int row) throws SQLException {
        ZoneId zone = ZoneId.of(rs.getString("time_zone"));
        return new AppointmentView(
                rs.getObject("id", UUID.class),
                rs.getObject("customer_id", UUID.class),
                rs.getObject("practitioner_id", UUID.class),
                rs.getObject("user_id", UUID.class),
                rs.getString("display_name"),
                rs.getObject("service_id", UUID.class),
                rs.getObject("starts_at", OffsetDateTime.class)
                        .atZoneSameInstant(zone)
                        .toOffsetDateTime(),
                rs.getObject("ends_at", OffsetDateTime.class)
                        .atZoneSameInstant(zone)
                        .toOffsetDateTime(),
                zone.getId(),
                AppointmentStatus.valueOf(rs.getString("status")),
                rs.getString("notes"),
                rs.getString("cancel_reason"),
                rs.getObject("series_id", UUID.class),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
