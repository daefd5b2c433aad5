package io.turno.queueing.internal;

import io.turno.shared.BusinessException;
import io.turno.shared.ProblemCode;
import org.springframework.http.HttpStatus;

/** The ways a queueing request can be refused, each a fact a person can act on. */
final class QueueingFailures {

    private QueueingFailures() {}

    /** Input that names something unusable (an inactive branch, a service not served by turn). */
    static final class Unusable extends BusinessException {
        Unusable(String message) {
            super(HttpStatus.UNPROCESSABLE_CONTENT, ProblemCode.VALIDATION_FAILED, message);
        }
    }

    static final class InvalidTransition extends BusinessException {
        InvalidTransition(String number, TicketStatus current, String action) {
            super(
                    HttpStatus.CONFLICT,
                    ProblemCode.BUSINESS_RULE_VIOLATION,
                    "El turno " + number + " está " + label(current) + " (" + current + "): no se puede " + action
                            + ".");
        }
    }

    static final class DeskBusy extends BusinessException {
        DeskBusy(String desk, String number, TicketStatus status) {
            super(
                    HttpStatus.CONFLICT,
                    ProblemCode.BUSINESS_RULE_VIOLATION,
                    "La ventanilla " + desk + " tiene el turno " + number + " " + label(status)
                            + "; complétalo, márcalo como no presentado o transfiérelo antes de llamar otro.");
        }
    }

    /** The chosen ticket was called by another desk (or left the queue) first. */
    static final class AlreadyTaken extends BusinessException {
        AlreadyTaken(String number, TicketStatus status) {
            super(
                    HttpStatus.CONFLICT,
                    ProblemCode.BUSINESS_RULE_VIOLATION,
                    "El turno " + number + " ya no está en espera (" + label(status)
                            + "): otra ventanilla lo llamó primero o salió de la fila. Elija otro.");
        }
    }

    static String label(TicketStatus status) {
        return switch (status) {
            case WAITING -> "en espera";
            case CALLED -> "llamado";
            case IN_SERVICE -> "en atención";
            case COMPLETED -> "atendido";
            case NO_SHOW -> "cerrado por no presentarse";
            case CANCELLED -> "cancelado";
            case EXPIRED -> "vencido";
        };
    }
}
