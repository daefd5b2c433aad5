package io.turno.clinical.internal;

import io.turno.shared.BusinessException;
import io.turno.shared.ProblemCode;
import org.springframework.http.HttpStatus;

/** Why the clinic refuses a change; pages show a refusal next to the field it names. */
public final class ClinicalFailures {

    private ClinicalFailures() {}

    /** The body names a customer or user the organization does not have: 422 on that field (snake_case). */
    public static final class Unacceptable extends BusinessException {

        private final String field;

        Unacceptable(String field, String message) {
            super(HttpStatus.UNPROCESSABLE_CONTENT, ProblemCode.VALIDATION_FAILED, message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** The customer already is a patient: one clinical record per person. */
    static final class AlreadyPatient extends BusinessException {
        AlreadyPatient() {
            super(
                    HttpStatus.CONFLICT,
                    ProblemCode.CONFLICT,
                    "Esa persona ya tiene historia clínica en la organización.");
        }
    }
}
