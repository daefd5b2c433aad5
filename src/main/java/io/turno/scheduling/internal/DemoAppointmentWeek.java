package io.turno.scheduling.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.turno.scheduling.AppointmentStatus;
import io.turno.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The demo therapist's agenda around today, so that the clinic's dashboards and reports show something
 * on the first day: the seven days before {@code today} and the three after, on the days and hours of
 * their weekly plan (breaks, date exceptions and time off left free), one appointment of the service per
 * slot, four slots in five booked up to today and fewer ahead (a day's second slot always). What has
 * ended is mostly COMPLETED, every 8th a NO_SHOW and every 14th CANCELLED; what is on now is IN_PROGRESS;
 * what is ahead is CONFIRMED (all of today's) or still REQUESTED, a few CANCELLED. Patients are drawn from
 * {@code customers}; the demo patient gets the first appointment after today. One statement, with a fixed
 * seed: the demo looks the same every time it is loaded.
 */
@Repository
class DemoAppointmentWeek {

    /** An appointment written: its id, patient, status and end. */
    record Seeded(UUID id, UUID customerId, AppointmentStatus status, Instant endsAt) {}

    private final JdbcClient jdbc;

    DemoAppointmentWeek(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether the practitioner has any appointment at all (then the week is not seeded again). */
    boolean any(TenantId tenant, UUID practitioner) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM scheduling_appointments WHERE tenant_id = :t AND practitioner_id = :p)""")
                .param("t", tenant.value())
                .param("p", practitioner)
                .query(Boolean.class)
                .single();
    }

    List<Seeded> seed(
            TenantId tenant,
            UUID practitioner,
            UUID service,
            int minutes,
            List<UUID> customers,
            UUID patient,
            LocalDate today,
            Instant now) {
        jdbc.sql("SELECT setseed(0.21)").query().singleRow();
        return jdbc.sql("""
                WITH length AS (SELECT make_interval(mins => CAST(:minutes AS integer)) AS span),
                days AS (
                    SELECT CAST(d AS date) AS day
                    FROM generate_series(CAST(:today AS date) - 7, CAST(:today AS date) + 3, interval '1 day') d),
                slots AS (
                    SELECT d.day, s AT TIME ZONE p.time_zone AS starts_at, (s + l.span) AT TIME ZONE p.time_zone AS ends_at
                    FROM days d
                    CROSS JOIN length l
                    JOIN scheduling_practitioners p ON p.tenant_id = :t AND p.id = :p
                    JOIN scheduling_weekly_intervals w
                        ON w.tenant_id = p.tenant_id AND w.practitioner_id = p.id AND w.kind = 'WORK'
                       AND w.day_of_week = extract(isodow FROM d.day)
                    CROSS JOIN LATERAL generate_series(d.day + w.start_time, d.day + w.end_time - l.span, l.span) s
                    WHERE NOT EXISTS (SELECT 1 FROM scheduling_weekly_intervals b
                                      WHERE b.tenant_id = p.tenant_id AND b.practitioner_id = p.id AND b.kind = 'BREAK'
                                        AND b.day_of_week = w.day_of_week
                                        AND d.day + b.start_time < s + l.span AND s < d.day + b.end_time)
                      AND NOT EXISTS (SELECT 1 FROM scheduling_date_exceptions e
                                      WHERE e.tenant_id = p.tenant_id AND e.practitioner_id = p.id AND e.on_date = d.day)),
                free AS (
                    SELECT slots.* FROM slots
                    WHERE NOT EXISTS (SELECT 1 FROM scheduling_time_off o
                                      WHERE o.tenant_id = :t AND o.practitioner_id = :p
                                        AND o.starts_at < slots.ends_at AND slots.starts_at < o.ends_at)
                      AND NOT EXISTS (SELECT 1 FROM scheduling_appointments a
                                      WHERE a.tenant_id = :t AND a.practitioner_id = :p AND a.status <> 'CANCELLED'
                                        AND a.starts_at < slots.ends_at AND slots.starts_at < a.ends_at)),
                drawn AS (
                    SELECT free.*, random() AS booked, random() AS outcome, random() AS who, random() AS ahead,
                           row_number() OVER (PARTITION BY day ORDER BY starts_at) AS slot
                    FROM free),
                kept AS (
                    SELECT drawn.*, row_number() OVER (PARTITION BY ends_at <= :now ORDER BY starts_at) AS nth
                    FROM drawn
                    -- The second slot of a day is always taken: every day of the plan has appointments.
                    WHERE booked < CASE WHEN day <= :today THEN 0.8 ELSE 0.45 END OR slot = 2),
                outcome AS (
                    SELECT kept.*,
                           -- Of what has ended, every 14th was cancelled and every 8th a no-show: each outcome, always.
                           CASE WHEN ends_at <= :now THEN
                                    CASE WHEN nth % 14 = 6 THEN 'CANCELLED' WHEN nth % 8 = 3 THEN 'NO_SHOW'
                                         ELSE 'COMPLETED' END
                                WHEN starts_at <= :now THEN 'IN_PROGRESS'
                                WHEN outcome < 0.07 THEN 'CANCELLED'
                                WHEN day = :today OR outcome < 0.6 THEN 'CONFIRMED'
                                ELSE 'REQUESTED' END AS status
                    FROM kept),
                ranked AS (
                    SELECT outcome.*,
                           row_number() OVER (PARTITION BY day > :today AND status <> 'CANCELLED'
                                              ORDER BY starts_at) AS first_ahead
                    FROM outcome)
                INSERT INTO scheduling_appointments (id, tenant_id, practitioner_id, customer_id, service_id, starts_at,
                                                     ends_at, status, cancel_reason, created_at, updated_at)
                SELECT gen_random_uuid(), :t, :p,
                       CASE WHEN CAST(:patient AS uuid) IS NOT NULL AND day > :today AND status <> 'CANCELLED' AND first_ahead = 1
                            THEN CAST(:patient AS uuid)
                            ELSE (CAST(:customers AS uuid[]))[1 + CAST(floor(who * :n) AS integer)] END,
                       :service, starts_at, ends_at,
                       CASE WHEN CAST(:patient AS uuid) IS NOT NULL AND day > :today AND status <> 'CANCELLED' AND first_ahead = 1
                            THEN 'CONFIRMED' ELSE status END,
                       CASE WHEN status = 'CANCELLED'
                            THEN (ARRAY['El paciente avisó que no podía venir', 'Incapacidad médica del paciente',
                                        'El paciente pidió otra fecha'])[1 + CAST(floor(ahead * 3) AS integer)] END,
                       -- Booked one to ten days before, never after now; changed last when it ended or was cancelled.
                       least(CAST(:now AS timestamptz), starts_at - (1 + floor(ahead * 10)) * interval '1 day'),
                       CASE WHEN status IN ('COMPLETED', 'NO_SHOW') THEN ends_at
                            WHEN status = 'IN_PROGRESS' THEN starts_at
                            WHEN status = 'CANCELLED' THEN least(CAST(:now AS timestamptz), starts_at - interval '3 hours')
                            ELSE least(CAST(:now AS timestamptz), starts_at - (1 + floor(ahead * 10)) * interval '1 day') END
                FROM ranked
                RETURNING id, customer_id, status, ends_at""")
                .param("t", tenant.value())
                .param("p", practitioner)
                .param("service", service)
                .param("minutes", minutes)
                .param("customers", customers.stream().map(UUID::toString).toArray(String[]::new))
                .param("n", customers.size())
                .param("patient", patient)
                .param("today", today)
                .param("now", Timestamp.from(now))
                .query((rs, row) -> new Seeded(
                        rs.getObject("id", UUID.class),
                        rs.getObject("customer_id", UUID.class),
                        AppointmentStatus.valueOf(rs.getString("status")),
                        rs.getTimestamp("ends_at").toInstant()))
                .list();
    }
}
