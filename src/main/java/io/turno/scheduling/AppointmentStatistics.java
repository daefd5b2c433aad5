package io.turno.scheduling;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import io.turno.identity.CurrentUser;
import io.turno.shared.TenantId;

/**
 * Figures about the organization's appointments, for dashboards and reports. Counts cover every
 * practitioner; {@link #upcoming} answers only what the caller may see.
 */
public interface AppointmentStatistics {

    record StatusCount(AppointmentStatus status, long count) {}

    /**
     * One day's outcome of the appointments due that day: {@code attended} reached the practitioner
     * (checked in, in progress or completed), {@code noShows} never came.
     */
    record DayAttendance(LocalDate day, long attended, long noShows) {

        /** No-shows over the appointments that had an outcome; null when none had. */
        public Double noShowRate() {
            long due = attended + noShows;
            return due == 0 ? null : (double) noShows / due;
        }
    }

    /**
     * How much of a practitioner's working time over some days is booked: {@code bookedHours} of
     * appointments not cancelled (no-shows count: the time was taken), {@code availableHours} of their
     * weekly plan and date exceptions, breaks left out (time off is not subtracted).
     */
    record PractitionerLoad(UUID practitionerId, String name, double bookedHours, double availableHours) {

        /** Booked over available; null when the practitioner had no working time. */
        public Double load() {
            return availableHours == 0 ? null : bookedHours / availableHours;
        }
    }

    /**
     * The appointments starting in some range of one practitioner or one service, by outcome: {@code
     * completed} sessions and their {@code completedHours}, {@code cancelled}, {@code noShows}, of {@code
     * total} (held reservations left out).
     */
    record GroupOutcome(
            UUID id, String name, long total, long completed, long cancelled, long noShows, double completedHours) {

        /** No-shows over the appointments that were due (not cancelled); null when none was. */
        public Double noShowRate() {
            long due = total - cancelled;
            return due == 0 ? null : (double) noShows / due;
        }

        /** Cancelled over all; null when there were none. */
        public Double cancellationRate() {
            return total == 0 ? null : (double) cancelled / total;
        }
    }

    /** The practitioner of each of these appointments, by appointment id (ids not found left out). */
    java.util.Map<UUID, UUID> practitionerOf(TenantId tenant, java.util.Collection<UUID> appointmentIds);

    /** Per practitioner with appointments starting in {@code [from, to)}, by name. */
    List<GroupOutcome> outcomeByPractitioner(TenantId tenant, Instant from, Instant to);

    /** Per service with appointments starting in {@code [from, to)}, by name. */
    List<GroupOutcome> outcomeByService(TenantId tenant, Instant from, Instant to);

    /** Appointments starting in {@code [from, to)} per status, every status listed (zero when none). */
    List<StatusCount> countByStatus(TenantId tenant, Instant from, Instant to);

    /** Per day of {@code zone} from {@code from} to {@code to} (both included), days without appointments included. */
    List<DayAttendance> attendancePerDay(TenantId tenant, LocalDate from, LocalDate to, ZoneId zone);

    /**
     * Every active practitioner's load over the days {@code from} to {@code to} (both included, in their zones), by
     * name: hours booked, and hours available (their working plan less their time off).
     */
    List<PractitionerLoad> practitionerLoad(TenantId tenant, LocalDate from, LocalDate to);

    /**
     * The next appointments still to attend (requested, confirmed or checked in) from {@code from}, by
     * start, at most {@code limit}: every one for whoever sees all appointments, else the caller's own as
     * patient or as practitioner.
     */
    List<AppointmentView> upcoming(CurrentUser caller, Instant from, int limit);

    /** An active practitioner, to choose from in a filter. */
    record PractitionerRef(UUID id, String name) {}

    /** The active practitioners, by name. */
    List<PractitionerRef> practitioners(TenantId tenant);
}
