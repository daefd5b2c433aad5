package io.turno.web.internal;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.validation.BindException;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A page asked for with a query parameter it cannot read ({@code ?date=2026-13-45},
 * {@code ?therapist=abc}) is shown anyway: the browser is sent to the same address without that
 * parameter, so the page takes its default, and the page says what was left out
 * ({@code addressProblem}, shown by the layout). The API keeps answering such a request with a 422
 * problem naming the parameter.
 */
@Component
class AddressParameters {

    /** The model (and flash) attribute the layout shows above the page. */
    static final String ATTRIBUTE = "addressProblem";

    private final MessageSource messages;

    AddressParameters(MessageSource messages) {
        this.messages = messages;
    }

    /** The page without the parameters {@code exception} could not read, if it is such a page request. */
    Optional<ModelAndView> withoutUnreadable(Exception exception, HttpServletRequest request, Locale locale) {
        if (!"GET".equals(request.getMethod()) || !ErrorResponses.wantsPage(request)) {
            return Optional.empty();
        }
        Map<String, Class<?>> unreadable = new LinkedHashMap<>();
        if (exception instanceof MethodArgumentTypeMismatchException e && isQueryParameter(e, request)) {
            unreadable.put(e.getName(), e.getRequiredType());
        } else if (exception instanceof BindException e
                && e.getGlobalErrorCount() == 0
                && e.getFieldErrors().stream().allMatch(f -> f.isBindingFailure())) {
            e.getFieldErrors().forEach(f -> unreadable.put(f.getField(), e.getFieldType(f.getField())));
        }
        if (unreadable.isEmpty()) {
            return Optional.empty();
        }
        var target = UriComponentsBuilder.fromPath(ErrorResponses.originalPath(request))
                .query(request.getQueryString());
        StringBuilder said = new StringBuilder();
        unreadable.forEach((name, type) -> {
            String typed = request.getParameter(name);
            target.replaceQueryParam(name);
            said.append(said.isEmpty() ? "" : " ").append(message(name, typed, type, locale));
        });
        RequestContextUtils.getOutputFlashMap(request).put(ATTRIBUTE, said.toString());
        return Optional.of(new ModelAndView("redirect:" + target.build(true).toUriString()));
    }

    private String message(String name, String typed, Class<?> type, Locale locale) {
        String key =
                type != null && LocalDate.class.isAssignableFrom(type) ? "form.badParameter.date" : "form.badParameter";
        return messages.getMessage(key, new Object[] {name, typed == null ? "" : typed}, locale);
    }

    /** A path variable that cannot be read names no page: that stays an error answer. */
    private static boolean isQueryParameter(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        return e.getParameter().hasParameterAnnotation(RequestParam.class) && request.getParameter(e.getName()) != null;
    }
}
