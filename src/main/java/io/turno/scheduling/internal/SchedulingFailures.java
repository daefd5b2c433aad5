package io.turno.scheduling.internal;

import java.util.List;
import java.util.stream.Collectors;

import io.turno.scheduling.AppointmentStatus;
import io.turno.shared.BusinessException;
import io.turno.shared.ProblemCode;
import org.springframework.http.HttpStatus;

/** Why a scheduling request is refused, in words a receptionist can act on. */
final class SchedulingFailures {

    private SchedulingFailures() {}

    /** The practitioner already has an appointment at that time. */
    static final class SlotTaken extends BusinessException {
        SlotTaken() {
            super(
                    HttpStatus.CONFLICT,
                    ProblemCode.CONFLICT,
                    "El terapeuta ya tiene una cita en ese horario; elige otro horario disponible.");
        }
    }

    /** Sessions of a series whose time is already taken; nothing of the series was booked. */
    static final class SeriesConflict extends BusinessException {
        SeriesConflict(List<String> dates) {
            super(
                    HttpStatus.CONFLICT,
                    ProblemCode.CONFLICT,
                    "No se reservó ninguna sesión de la serie: "
                            + (dates.size() == 1 ? "la fecha " : "las fechas ") + String.join(", ", dates)
                            + (dates.size() == 1 ? " no está disponible." : " no están disponibles."));
        }
    }

    static final class InvalidTransition extends BusinessException {
        InvalidTransition(AppointmentStatus current, AppointmentStatus wanted) {
            super(
                    HttpStatus.CONFLICT,
                    ProblemCode.CONFLICT,
                    "La cita está en estado " + current
                            + " y no puede pasar a " + wanted
                            + (current.next().isEmpty()
                                    ? "; ese estado es final."
                                    : "; desde " + current + " puede pasar a "
                                            + current.next().stream()
                                                    .map(Enum::name)
                                                    .collect(Collectors.joining(", ")) + "."));
        }
    }

    static final class NotChangeable extends BusinessException {
        NotChangeable(AppointmentStatus current) {
            super(
                    HttpStatus.CONFLICT,
                    ProblemCode.CONFLICT,
                    "La cita está en estado " + current
                            + ": solo se cambian o cancelan citas en estado REQUESTED o CONFIRMED.");
        }
    }

    /** A rule of the practice refuses the request (outside working hours, a service not given...). */
    static final class Refused extends BusinessException {
        Refused(String message) {
            super(HttpStatus.UNPROCESSABLE_CONTENT, ProblemCode.BUSINESS_RULE_VIOLATION, message);
        }
    }

    static final class AlreadyPractitioner extends BusinessException {
        AlreadyPractitioner() {
            super(HttpStatus.CONFLICT, ProblemCode.CONFLICT, "Ese usuario ya es un terapeuta de la organización.");
        }
    }
}
