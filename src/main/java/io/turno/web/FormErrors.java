package io.turno.web;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.turno.shared.BusinessException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import org.springframework.beans.BeanWrapperImpl;
import org.springframework.validation.BindingResult;

/**
 * The server half of the one form pattern (docs/web.md#forms; the page half is
 * {@code fragments :: errorSummary / fieldError} and {@code form:field}). A page's POST binds a form
 * object, collects every refusal on it — what cannot be read ({@link #parse}), the API's own
 * request validation ({@link #validate}, so a page and the API accept exactly the same input), then
 * the domain's refusals ({@link #reject}), which name their field as the API does
 * ({@code branch_id}) — and, when any, renders the same form object again: what was typed stays,
 * each message is next to its field, and what names no field of the form is shown for the form as
 * a whole. What could not be read is not validated again ("required" would only repeat it).
 */
public final class FormErrors {

    private FormErrors() {}

    /**
     * Validates {@code request} (an API request record) and rejects each violation on the form's
     * property of the same name, unless that field was already refused. Answers whether the request
     * broke any constraint. The validator's messages are
     * ours (messages*.properties), in the request's language.
     */
    public static boolean validate(Validator validator, Object request, BindingResult binding) {
        return validate(validator, request, binding, Map.of());
    }

    /**
     * As {@link #validate(Validator, Object, BindingResult)}, with the form fields that stand for a
     * request property of another name: {@code customerId} is what the {@code documentNumber} typed
     * found.
     */
    public static boolean validate(
            Validator validator, Object request, BindingResult binding, Map<String, String> formFields) {
        Set<ConstraintViolation<Object>> violations = validator.validate(request);
        for (ConstraintViolation<Object> violation : violations) {
            String field = null;
            for (Path.Node node : violation.getPropertyPath()) {
                if (node.getName() != null) {
                    field = formFields.getOrDefault(node.getName(), node.getName());
                    break;
                }
            }
            String property = property(binding, field);
            if (property == null || !binding.hasFieldErrors(property)) {
                reject(binding, field, violation.getMessage());
            }
        }
        return !violations.isEmpty();
    }

    /**
     * Rejects {@code message} (already in words: a domain refusal, a validator message) on the form's
     * property {@code field}, given in the API's snake_case or the form's camelCase; on the form as a
     * whole when it has no such property.
     */
    public static void reject(BindingResult binding, String field, String message) {
        String property = property(binding, field);
        if (property == null) {
            binding.reject("refused", message);
        } else {
            binding.rejectValue(property, "refused", message);
        }
    }

    /**
     * Puts a domain refusal on the form: on each field it names ({@link BusinessException#fieldErrors()}),
     * or, when it names none, on {@code field} (given as {@link #reject} takes it; {@code null} for the
     * form as a whole).
     */
    public static void refuse(BindingResult binding, BusinessException refused, String field) {
        if (refused.fieldErrors().isEmpty()) {
            reject(binding, field, refused.getMessage());
        } else {
            refused.fieldErrors().forEach((named, message) -> reject(binding, named, message));
        }
    }

    /**
     * Rejects our message {@code key} (with {@code args}) on the form's property {@code field}, or on
     * the form as a whole; the page resolves it in its language.
     */
    public static void rejectKey(BindingResult binding, String field, String key, Object... args) {
        String property = property(binding, field);
        if (property == null) {
            binding.reject(key, args, null);
        } else if (!binding.hasFieldErrors(property)) {
            binding.rejectValue(property, key, args, null);
        }
    }

    /**
     * Reads what was typed in {@code field} with {@code parser}: blank is {@code null} (the validation
     * that follows says whether it is required), what the parser refuses is rejected with our message
     * {@code key} and read as {@code null}, so the form goes on collecting the other errors.
     */
    public static <T> T parse(
            BindingResult binding, String field, String typed, Function<String, T> parser, String key) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        try {
            return parser.apply(typed.strip());
        } catch (RuntimeException unreadable) {
            rejectKey(binding, field, key);
            return null;
        }
    }

    /** The form's property for {@code field} (snake_case or camelCase), or null when the form has none. */
    private static String property(BindingResult binding, String field) {
        String property = field == null ? null : camelCase(field);
        return property != null
                        && binding.getTarget() != null
                        && new BeanWrapperImpl(binding.getTarget()).isReadableProperty(property)
                ? property
                : null;
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
