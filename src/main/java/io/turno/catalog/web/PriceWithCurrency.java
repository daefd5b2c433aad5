package io.turno.catalog.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.math.BigDecimal;

import io.turno.catalog.internal.CatalogService;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A price comes with a known ISO-4217 currency and at most that currency's usual decimals; each
 * failure is reported on the field to correct ({@code price} or {@code currency}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = PriceWithCurrency.Check.class)
public @interface PriceWithCurrency {

    String message() default "precio y moneda no concuerdan";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Check implements ConstraintValidator<PriceWithCurrency, ServicesApi.ServiceRequest> {

        @Override
        public boolean isValid(ServicesApi.ServiceRequest request, ConstraintValidatorContext context) {
            if (request == null) {
                return true;
            }
            String price = request.price();
            String currency = request.currency();
            if (price == null && currency == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            if (price == null) {
                return fail(context, "price", "es obligatorio cuando se indica la moneda");
            }
            if (currency == null) {
                return fail(
                        context, "currency", "es obligatoria cuando se indica un precio (código ISO-4217, p. ej. COP)");
            }
            if (!currency.matches("[A-Z]{3}")) {
                return true; // the field's own @Pattern reports it
            }
            int decimals = CatalogService.decimalsOf(currency);
            if (decimals < 0) {
                return fail(context, "currency", "no es una moneda ISO-4217 conocida");
            }
            if (!price.matches(ServicesApi.PRICE)) {
                return true; // the field's own @Pattern reports it
            }
            if (new BigDecimal(price).stripTrailingZeros().scale() > decimals) {
                return fail(
                        context,
                        "price",
                        decimals == 0
                                ? currency + " no admite decimales"
                                : currency + " admite como máximo " + decimals + " decimales");
            }
            return true;
        }

        private static boolean fail(ConstraintValidatorContext context, String field, String message) {
            context.buildConstraintViolationWithTemplate(message)
                    .addPropertyNode(field)
                    .addConstraintViolation();
            return false;
        }
    }
}
