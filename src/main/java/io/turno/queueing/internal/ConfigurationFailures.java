package io.turno.queueing.internal;

import io.turno.shared.BusinessException;
import io.turno.shared.ProblemCode;
import org.springframework.http.HttpStatus;

/** Why a change to branches, priorities, queues or desks is refused; pages show each on its field. */
public final class ConfigurationFailures {

    private ConfigurationFailures() {}

    /** A refusal a form can show next to one of its fields ({@code field} in snake_case, as the API names it). */
    public abstract static sealed class FieldFailure extends BusinessException permits Taken, Unacceptable {

        private final String field;

        FieldFailure(HttpStatus status, String code, String field, String message) {
            super(status, code, message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** A name, prefix or operator already in use where it must be unique: 409. */
    public static final class Taken extends FieldFailure {
        Taken(String field, String message) {
            super(HttpStatus.CONFLICT, ProblemCode.CONFLICT, field, message);
        }
    }

    /** The body names something the organization does not have or cannot use here: 422. */
    public static final class Unacceptable extends FieldFailure {
        Unacceptable(String field, String message) {
            super(HttpStatus.UNPROCESSABLE_CONTENT, ProblemCode.VALIDATION_FAILED, field, message);
        }
    }

    /** A rule of the configuration as a whole (one default priority, always active): 409. */
    public static final class RuleViolation extends BusinessException {
        RuleViolation(String message) {
            super(HttpStatus.CONFLICT, ProblemCode.BUSINESS_RULE_VIOLATION, message);
        }
    }
}
