package io.turno.scheduling.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.turno.scheduling.AppointmentStatistics.DayAttendance;
import io.turno.scheduling.AppointmentStatistics.GroupOutcome;
import io.turno.scheduling.AppointmentStatus;
import io.turno.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Appointments counted by status and by day; every statement names its tenant. */
@Repository
class AppointmentTotals {

    private final JdbcClient jdbc;

    AppointmentTotals(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Map<AppointmentStatus, Long> byStatus(TenantId tenant, Instant from, Instant to) {
        Map<AppointmentStatus, Long> counts = new EnumMap<>(AppointmentStatus.class);
        jdbc.sql("""
                SELECT status, count(*) AS n FROM scheduling_appointments
                WHERE tenant_id = :t AND starts_at >= :from AND starts_at < :to
                GROUP BY status""")
                .param("t", tenant.value())
                .param("from", utc(from))
                .param("to", utc(to))
                .query((rs, n) -> counts.put(AppointmentStatus.valueOf(rs.getString("status")), rs.getLong("n")))
                .list();
        return counts;
    }

    /** Outcomes per practitioner ({@code PRACTITIONER}) or per service ({@code SERVICE}); names left to the caller for services. */
    List<GroupOutcome> outcomes(TenantId tenant, Instant from, Instant to, boolean perPractitioner) {
        return jdbc.sql("""
                SELECT %s AS id, %s AS name,
                       count(*) AS total,
                       count(*) FILTER (WHERE a.status = 'COMPLETED') AS completed,
                       count(*) FILTER (WHERE a.status = 'CANCELLED') AS cancelled,
                       count(*) FILTER (WHERE a.status = 'NO_SHOW') AS no_shows,
                       coalesce(sum(extract(epoch FROM a.ends_at - a.starts_at))
                                FILTER (WHERE a.status = 'COMPLETED'), 0) / 3600.0 AS completed_hours
                FROM scheduling_appointments a
                JOIN scheduling_practitioners p ON p.tenant_id = a.tenant_id AND p.id = a.practitioner_id
                WHERE a.tenant_id = :t AND a.starts_at >= :from AND a.starts_at < :to AND a.status <> 'HELD'
                GROUP BY 1, 2
                ORDER BY 2, 1""".formatted(
                                perPractitioner ? "a.practitioner_id" : "a.service_id",
                                perPractitioner ? "p.display_name" : "CAST(NULL AS text)"))
                .param("t", tenant.value())
                .param("from", utc(from))
                .param("to", utc(to))
                .query((rs, n) -> new GroupOutcome(
                        rs.getObject("id", UUID.class),
                        rs.getString("name"),
                        rs.getLong("total"),
                        rs.getLong("completed"),
                        rs.getLong("cancelled"),
                        rs.getLong("no_shows"),
                        rs.getDouble("completed_hours")))
                .list();
    }

    Map<UUID, UUID> practitionerOf(TenantId tenant, java.util.Collection<UUID> ids) {
        Map<UUID, UUID> practitioners = new HashMap<>();
        jdbc.sql("SELECT id, practitioner_id FROM scheduling_appointments WHERE tenant_id = :t AND id = ANY (:ids)")
                .param("t", tenant.value())
                .param("ids", ids.toArray(UUID[]::new))
                .query((rs, n) ->
                        practitioners.put(rs.getObject("id", UUID.class), rs.getObject("practitioner_id", UUID.class)))
                .list();
        return practitioners;
    }

    Map<LocalDate, DayAttendance> attendance(TenantId tenant, LocalDate from, LocalDate to, ZoneId zone) {
        Map<LocalDate, DayAttendance> days = new HashMap<>();
        jdbc.sql("""
                SELECT CAST(starts_at AT TIME ZONE :zone AS date) AS day,
                       count(*) FILTER (WHERE status IN ('CHECKED_IN', 'IN_PROGRESS', 'COMPLETED')) AS attended,
                       count(*) FILTER (WHERE status = 'NO_SHOW') AS no_shows
                FROM scheduling_appointments
                WHERE tenant_id = :t AND starts_at >= :from AND starts_at < :to
                GROUP BY 1""")
                .param("t", tenant.value())
                .param("zone", zone.getId())
                .param("from", utc(from.atStartOfDay(zone).toInstant()))
                .param("to", utc(to.plusDays(1).atStartOfDay(zone).toInstant()))
                .query((rs, n) -> {
                    LocalDate day = rs.getObject("day", LocalDate.class);
                    return days.put(day, new DayAttendance(day, rs.getLong("attended"), rs.getLong("no_shows")));
                })
                .list();
        return days;
    }

    /** Seconds of appointments not cancelled per practitioner, the part inside {@code [from, to)}. */
    Map<java.util.UUID, Double> bookedSeconds(TenantId tenant, Instant from, Instant to) {
        Map<java.util.UUID, Double> booked = new HashMap<>();
        jdbc.sql("""
                SELECT practitioner_id,
                       sum(extract(epoch FROM least(ends_at, :to) - greatest(starts_at, :from))) AS seconds
                FROM scheduling_appointments
                WHERE tenant_id = :t AND status NOT IN ('CANCELLED', 'HELD') AND starts_at < :to AND ends_at > :from
                GROUP BY practitioner_id""")
                .param("t", tenant.value())
                .param("from", utc(from))
                .param("to", utc(to))
                .query((rs, n) ->
                        booked.put(rs.getObject("practitioner_id", java.util.UUID.class), rs.getDouble("seconds")))
                .list();
        return booked;
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
