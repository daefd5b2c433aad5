package io.turno.customers;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * The rules of a {@link NewCustomer} that span fields, each reported on the field to correct: the
 * document type is known ({@code document_type}), the number has that type's shape
 * ({@code document_number}), and WhatsApp consent comes with a phone ({@code whatsapp_opt_in}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ValidNewCustomer.Check.class)
public @interface ValidNewCustomer {

    String message() default "datos del cliente no válidos";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Check implements ConstraintValidator<ValidNewCustomer, NewCustomer> {

        @Override
        public boolean isValid(NewCustomer customer, ConstraintValidatorContext context) {
            if (customer == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            boolean valid = true;
            if (customer.documentType() != null && !customer.documentType().isBlank()) {
                var type = DocumentType.parse(customer.documentType());
                if (type.isEmpty()) {
                    valid = fail(context, "documentType", "tipo de documento desconocido; usa " + DocumentType.codes());
                } else if (customer.documentNumber() != null
                        && !customer.documentNumber().isBlank()
                        && !type.get().accepts(customer.documentNumber())) {
                    valid = fail(context, "documentNumber", type.get().rule());
                }
            }
            if (Boolean.TRUE.equals(customer.whatsappOptIn())
                    && (customer.phone() == null || customer.phone().isBlank())) {
                valid = fail(context, "whatsappOptIn", "requiere un teléfono para enviar mensajes por WhatsApp");
            }
            return valid;
        }

        private static boolean fail(ConstraintValidatorContext context, String field, String message) {
            context.buildConstraintViolationWithTemplate(message)
                    .addPropertyNode(field)
                    .addConstraintViolation();
            return false;
        }
    }
}
