package io.turno.queueing.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Map;

import io.turno.queueing.internal.OpeningHours;
import io.turno.queueing.internal.OpeningHours.Interval;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** Opening hours by day name, each interval {@code HH:mm} with open before close, none overlapping. */
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ValidOpeningHours.Check.class)
public @interface ValidOpeningHours {

    String message() default "horario de atención no válido";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Check implements ConstraintValidator<ValidOpeningHours, Map<String, List<Interval>>> {

        @Override
        public boolean isValid(Map<String, List<Interval>> hours, ConstraintValidatorContext context) {
            List<String> problems = OpeningHours.problems(hours);
            if (problems.isEmpty()) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            problems.forEach(problem -> context.buildConstraintViolationWithTemplate(Templates.literal(problem))
                    .addConstraintViolation());
            return false;
        }
    }
}
