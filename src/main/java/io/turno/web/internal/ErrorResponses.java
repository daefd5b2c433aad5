package io.turno.web.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.turno.shared.Problems;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.MDC;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Turns a failure into what the caller can read: problem+json for API clients, an error page for
 * browsers. Used by the exception handler and by the {@code /error} controller alike.
 */
@Component
class ErrorResponses {

    /** A per-field error of a {@code VALIDATION_FAILED} problem. */
    record FieldError(String field, String message) {}

    record Failure(HttpStatus status, String code, String detail, List<FieldError> errors, HttpHeaders headers) {

        Failure(HttpStatus status, String code, String detail) {
            this(status, code, detail, List.of(), HttpHeaders.EMPTY);
        }
    }

    private final MessageSource messages;
    private final LocaleResolver locales;

    ErrorResponses(MessageSource messages, LocaleResolver locales) {
        this.messages = messages;
        this.locales = locales;
    }

    /** Resolved here, not by Spring MVC, because security failures are rendered before MVC runs. */
    Locale localeOf(HttpServletRequest request) {
        return locales.resolveLocale(request);
    }

    String message(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }

    /**
     * A binding or validation error in our words: its codes ({@code typeMismatch.java.util.UUID} …)
     * looked up in our messages first, else the validator's message, already ours.
     */
    String message(MessageSourceResolvable error, Locale locale) {
        return messages.getMessage(error, locale);
    }

    Object render(HttpServletRequest request, Failure failure) {
        if (wantsPage(request)) {
            var page = new ModelAndView(
                    pageFor(failure.status()),
                    Map.of(
                            "status",
                            failure.status().value(),
                            "detail",
                            failure.detail(),
                            "requestId",
                            String.valueOf(MDC.get(Problems.REQUEST_ID_MDC))));
            page.setStatus(failure.status());
            return page;
        }
        ProblemDetail problem = Problems.problem(failure.status(), failure.code(), failure.detail());
        problem.setTitle(failure.status().getReasonPhrase());
        problem.setInstance(java.net.URI.create(originalPath(request)));
        if (!failure.errors().isEmpty()) {
            problem.setProperty("errors", failure.errors());
        }
        return ResponseEntity.status(failure.status())
                .headers(failure.headers())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /** Browsers asking for a page get a page; API paths and programmatic clients always get problem+json. */
    static boolean wantsPage(HttpServletRequest request) {
        if (originalPath(request).startsWith("/api/")) {
            return false;
        }
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.contains(MediaType.TEXT_HTML_VALUE);
    }

    static String originalPath(HttpServletRequest request) {
        Object forwarded = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String uri = forwarded instanceof String s ? s : request.getRequestURI();
        String context = request.getContextPath();
        return uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }

    private static String pageFor(HttpStatus status) {
        return switch (status.value()) {
            case 403, 404, 500 -> "error/" + status.value();
            default -> "error/error";
        };
    }
}
