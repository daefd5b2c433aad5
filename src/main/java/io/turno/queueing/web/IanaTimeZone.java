package io.turno.queueing.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.turno.queueing.internal.BranchService;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** An IANA time zone such as {@code America/Bogota}; null and blank are left to {@code @NotBlank}. */
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = IanaTimeZone.Check.class)
public @interface IanaTimeZone {

    String message() default "no es una zona horaria IANA";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Check implements ConstraintValidator<IanaTimeZone, String> {

        @Override
        public boolean isValid(String zone, ConstraintValidatorContext context) {
            String problem = BranchService.timeZoneProblem(zone);
            if (problem == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(Templates.literal(problem))
                    .addConstraintViolation();
            return false;
        }
    }
}
