package io.turno.notifications.web;

import java.util.LinkedHashMap;
import java.util.Map;

import io.turno.web.FormErrors;
import org.springframework.beans.BeanWrapperImpl;
import org.springframework.validation.BindException;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;

/** What the notifications module's forms share: variables typed one per line, and the services' field refusals. */
final class NotificationForms {

    private NotificationForms() {}

    /**
     * Reads {@code name=value} lines (blank lines skipped) as the variables of a template; a line
     * without {@code =} is refused on {@code field}, and null is answered when nothing was typed.
     */
    static Map<String, String> variables(BindingResult binding, String field, String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        var variables = new LinkedHashMap<String, String>();
        for (String line : typed.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int equals = line.indexOf('=');
            if (equals <= 0) {
                FormErrors.rejectKey(binding, field, "notifications.form.error.variables");
                return null;
            }
            variables.put(
                    line.substring(0, equals).strip(),
                    line.substring(equals + 1).strip());
        }
        return variables;
    }

    /** Whether the form's {@code property} is a map ({@code settings[host]} names one of its entries). */
    private static boolean isMap(BindingResult binding, String property) {
        var form = new BeanWrapperImpl(binding.getTarget());
        return form.isReadableProperty(property) && Map.class.isAssignableFrom(form.getPropertyType(property));
    }

    /**
     * Puts a service's field refusals on the form: a nested field ({@code recipient.phone},
     * {@code variables.name}) on the form field of its first part (or, when that is a map, on its entry:
     * {@code settings[host]}), or on what {@code formFields} names
     * for it; what the form has no field for, on the form as a whole.
     */
    static void reject(BindingResult binding, BindException refused, Map<String, String> formFields) {
        for (var error : refused.getAllErrors()) {
            String field = error instanceof FieldError f ? f.getField() : null;
            String head = field != null && field.contains(".") ? field.substring(0, field.indexOf('.')) : field;
            if (head != null && !head.equals(field) && isMap(binding, head)) {
                // The entry's key as it is (access_token): FormErrors would read it as snake_case.
                binding.rejectValue(
                        head + "[" + field.substring(head.length() + 1) + "]", "refused", error.getDefaultMessage());
            } else {
                FormErrors.reject(
                        binding, head == null ? null : formFields.getOrDefault(head, head), error.getDefaultMessage());
            }
        }
    }
}
