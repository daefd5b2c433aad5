package io.turno.billing.internal;

import java.math.BigDecimal;

import io.turno.shared.BusinessException;
import io.turno.shared.ProblemCode;
import org.springframework.http.HttpStatus;

/** Why billing refuses something; each names the field a form shows it on (snake_case), if any. */
public final class BillingFailures {

    private BillingFailures() {}

    public abstract static class BillingFailure extends BusinessException {

        private final String field;

        BillingFailure(HttpStatus status, String code, String field, String message) {
            super(status, code, message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    static final class RefundExceedsPaid extends BillingFailure {
        RefundExceedsPaid(BigDecimal refundable, String currency) {
            super(
                    HttpStatus.CONFLICT,
                    ProblemCode.BUSINESS_RULE_VIOLATION,
                    "amount",
                    "La devolución supera lo pagado: se pueden devolver como máximo " + refundable.toPlainString() + " "
                            + currency + ".");
        }
    }

    static final class TillNotOpen extends BillingFailure {
        TillNotOpen(String till) {
            super(
                    HttpStatus.CONFLICT,
                    ProblemCode.BUSINESS_RULE_VIOLATION,
                    "till",
                    "La caja " + till + " no tiene una sesión abierta: ábrela antes de registrar dinero en ella.");
        }
    }

    static final class TillAlreadyOpen extends BillingFailure {
        TillAlreadyOpen(String till) {
            super(
                    HttpStatus.CONFLICT,
                    ProblemCode.CONFLICT,
                    "till",
                    "La caja " + till + " ya tiene una sesión abierta.");
        }
    }

    static final class SessionClosed extends BillingFailure {
        SessionClosed() {
            super(HttpStatus.CONFLICT, ProblemCode.CONFLICT, null, "La sesión de caja ya está cerrada.");
        }
    }

    static final class NoProvider extends BillingFailure {
        NoProvider() {
            super(
                    HttpStatus.CONFLICT,
                    ProblemCode.BUSINESS_RULE_VIOLATION,
                    "method",
                    "No hay un proveedor de pagos configurado para cobrar esta tarjeta en línea.");
        }
    }

    static final class KeyReused extends BillingFailure {
        KeyReused() {
            super(
                    HttpStatus.CONFLICT,
                    ProblemCode.CONFLICT,
                    "idempotency_key",
                    "Esa clave de idempotencia ya se usó para otro cobro.");
        }
    }

    static final class Invalid extends BillingFailure {
        Invalid(String field, String message) {
            super(HttpStatus.UNPROCESSABLE_CONTENT, ProblemCode.VALIDATION_FAILED, field, message);
        }
    }

    /** The payment names an appointment the organization does not have (the foreign key would refuse it too). */
    static final class UnknownAppointment extends BillingFailure {
        UnknownAppointment(java.util.UUID id) {
            super(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    ProblemCode.BUSINESS_RULE_VIOLATION,
                    "appointment_id",
                    "La cita " + id
                            + " no existe en la organización; un pago solo se registra para una cita existente.");
        }
    }
}
