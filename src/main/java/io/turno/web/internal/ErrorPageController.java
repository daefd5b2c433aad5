package io.turno.web.internal;

import java.util.Locale;

import io.turno.shared.ProblemCode;
import io.turno.web.internal.ErrorResponses.Failure;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Errors raised outside Spring MVC (a filter, the servlet container) end up at {@code /error};
 * they read exactly like those the exception handler renders.
 */
@Controller
class ErrorPageController implements ErrorController {

    private final ErrorResponses responses;
    private final ProblemExceptionHandler handler;

    ErrorPageController(ErrorResponses responses, ProblemExceptionHandler handler) {
        this.responses = responses;
        this.handler = handler;
    }

    @PermitAll
    @RequestMapping("/error")
    Object error(HttpServletRequest request) {
        Locale locale = responses.localeOf(request);
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Exception exception) {
            return responses.render(request, handler.failureOf(exception, locale));
        }
        HttpStatus status = statusOf(request);
        return responses.render(
                request, new Failure(status, codeOf(status), responses.message(messageKey(status), locale)));
    }

    private static HttpStatus statusOf(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        return status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status;
    }

    private static String codeOf(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> ProblemCode.NOT_FOUND;
            case UNAUTHORIZED -> ProblemCode.AUTHENTICATION_REQUIRED;
            case FORBIDDEN -> ProblemCode.INSUFFICIENT_PERMISSIONS;
            case METHOD_NOT_ALLOWED -> ProblemCode.METHOD_NOT_ALLOWED;
            case UNSUPPORTED_MEDIA_TYPE -> ProblemCode.UNSUPPORTED_MEDIA_TYPE;
            case CONTENT_TOO_LARGE -> ProblemCode.PAYLOAD_TOO_LARGE;
            case TOO_MANY_REQUESTS -> ProblemCode.RATE_LIMITED;
            case SERVICE_UNAVAILABLE -> ProblemCode.SERVICE_UNAVAILABLE;
            default -> status.is4xxClientError() ? ProblemCode.MALFORMED_REQUEST : ProblemCode.INTERNAL_ERROR;
        };
    }

    private static String messageKey(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> "problem.not_found";
            case UNAUTHORIZED -> "problem.authentication_required";
            case FORBIDDEN -> "problem.insufficient_permissions";
            default -> status.is4xxClientError() ? "problem.bad_request" : "problem.internal_error";
        };
    }
}
