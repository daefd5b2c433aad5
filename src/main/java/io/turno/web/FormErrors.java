package io.turno.web;

import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import org.springframework.beans.BeanWrapperImpl;
import org.springframework.validation.BindingResult;

/**
 * Puts refusals on a page form, next to the field they concern: the API's own request validation
 * (so a page and the API accept exactly the same input) and the domain's refusals, which name
 * their field as the API does ({@code branch_id}). What names no field of the form is shown for
 * the form as a whole.
 */
public final class FormErrors {

    private FormErrors() {}

    /**
     * Validates {@code request} (an API request record) and rejects each violation on the form's
     * property of the same name. Answers whether anything was rejected.
     */
    public static boolean validate(Validator validator, Object request, BindingResult binding) {
        Set<ConstraintViolation<Object>> violations = validator.validate(request);
        for (ConstraintViolation<Object> violation : violations) {
            String field = null;
            for (Path.Node node : violation.getPropertyPath()) {
                if (node.getName() != null) {
                    field = node.getName();
                    break;
                }
            }
            reject(binding, field, violation.getMessage());
        }
        return !violations.isEmpty();
    }

    /**
     * Rejects {@code message} on the form's property {@code field}, given in the API's snake_case
     * or the form's camelCase; on the form as a whole when it has
     * no such property.
     */
    public static void reject(BindingResult binding, String field, String message) {
        String property = field == null ? null : camelCase(field);
        if (property != null
                && binding.getTarget() != null
                && new BeanWrapperImpl(binding.getTarget()).isReadableProperty(property)) {
            binding.rejectValue(property, "invalid", message);
        } else {
            binding.reject("invalid", message);
        }
    }

    private static String camelCase(String field) {
        StringBuilder camel = new StringBuilder();
        boolean upper = false;
        for (char c : field.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                camel.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return camel.toString();
    }
}
