package io.turno.scheduling;

import java.util.EnumSet;
import java.util.Set;

/**
 * The life of an appointment (SPEC §4): {@code REQUESTED → CONFIRMED → CHECKED_IN → IN_PROGRESS →
 * COMPLETED}, or {@code CANCELLED} before the session starts, or {@code NO_SHOW} when the patient
 * never arrived. COMPLETED, CANCELLED and NO_SHOW are final. {@code HELD} is a reservation's slot
 * while its payment is taken (seed 004): it becomes CONFIRMED when paid, or disappears.
 */
public enum AppointmentStatus {
    HELD,
    REQUESTED,
    CONFIRMED,
    CHECKED_IN,
    IN_PROGRESS,
    COMPLETED,
    CANCELLED,
    NO_SHOW;

    /** The states this one may move to. */
    public Set<AppointmentStatus> next() {
        return switch (this) {
            // Only its reservation confirms it, once paid; staff never move it.
            case HELD -> EnumSet.noneOf(AppointmentStatus.class);
            case REQUESTED -> EnumSet.of(CONFIRMED, CANCELLED);
            case CONFIRMED -> EnumSet.of(CHECKED_IN, CANCELLED, NO_SHOW);
            case CHECKED_IN -> EnumSet.of(IN_PROGRESS, CANCELLED);
            case IN_PROGRESS -> EnumSet.of(COMPLETED);
            case COMPLETED, CANCELLED, NO_SHOW -> EnumSet.noneOf(AppointmentStatus.class);
        };
    }

    public boolean canMoveTo(AppointmentStatus target) {
        return next().contains(target);
    }

    /** Still to happen: its time may be changed and it may be cancelled. */
    public boolean changeable() {
        return this == REQUESTED || this == CONFIRMED;
    }
}
