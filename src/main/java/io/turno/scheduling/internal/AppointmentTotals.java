package io.turno.scheduling.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

import io.turno.scheduling.AppointmentStatistics.DayAttendance;
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
