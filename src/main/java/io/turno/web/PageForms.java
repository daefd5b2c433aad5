package io.turno.web;

import java.util.function.Function;
import java.util.function.Supplier;

import io.turno.shared.BusinessException;
import jakarta.validation.Validator;
import org.springframework.stereotype.Component;
import org.springframework.validation.BindingResult;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The end of a form's POST in the one form pattern (docs/web.md#forms), for a page whose form stands
 * for one API request: validate it, check what needs no write, and only when nothing at all was
 * refused, save; a save redirects with a notice in the reader's language, a refusal goes on its field
 * and the same form is rendered again. {@link FormErrors} is the half that collects the refusals; a
 * page reads what was typed with it ({@link FormErrors#parse}) before it builds the request.
 */
@Component
public class PageForms {

    private final Validator validator;
    private final Notices notices;

    PageForms(Validator validator, Notices notices) {
        this.validator = validator;
        this.notices = notices;
    }

    /**
     * Validates {@code request} (the API's request record) on {@code binding}; when nothing was refused,
     * neither what could not be read nor the request, runs {@code save}, which answers the view to go to
     * (usually {@link #saved}). Its {@link BusinessException} is put on the fields it names, or on the
     * field {@code refusedOn} names for it ({@code null}: the form as a whole). On any refusal the answer
     * is {@code form}'s: the same form again, with what was typed.
     */
    public String submit(
            Object request,
            BindingResult binding,
            Supplier<String> save,
            Function<BusinessException, String> refusedOn,
            Supplier<String> form) {
        return submit(request, binding, () -> {}, save, refusedOn, form);
    }

    /**
     * As {@link #submit(Object, BindingResult, Supplier, Function, Supplier)}, with the page's own
     * {@code checks} that need no write (docs/web.md#forms, step 3), run after the validation: they reject
     * on {@code binding} with {@link FormErrors}.
     */
    public String submit(
            Object request,
            BindingResult binding,
            Runnable checks,
            Supplier<String> save,
            Function<BusinessException, String> refusedOn,
            Supplier<String> form) {
        FormErrors.validate(validator, request, binding);
        checks.run();
        if (!binding.hasErrors()) {
            try {
                return save.get();
            } catch (BusinessException refused) {
                FormErrors.refuse(binding, refused, refusedOn.apply(refused));
            }
        }
        return form.get();
    }

    /** A redirect to {@code path} that shows our message {@code key} (with {@code args}) there. */
    public String saved(RedirectAttributes redirect, String path, String key, Object... args) {
        notices.success(redirect, key, args);
        return "redirect:" + path;
    }
}
