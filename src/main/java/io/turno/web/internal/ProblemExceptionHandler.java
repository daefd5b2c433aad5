package io.turno.web.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import io.turno.shared.BusinessException;
import io.turno.shared.ProblemCode;
import io.turno.web.internal.ErrorResponses.Failure;
import io.turno.web.internal.ErrorResponses.FieldError;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.BindException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * The one place that decides how a failure reads: a stable {@code code}, a status, a sentence a
 * person can act on, per-field errors for validation. Unexpected exceptions are logged with the
 * request id and answered without internals.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ProblemExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    private final ErrorResponses responses;
    private final AddressParameters addressParameters;

    ProblemExceptionHandler(ErrorResponses responses, AddressParameters addressParameters) {
        this.responses = responses;
        this.addressParameters = addressParameters;
    }

    @ExceptionHandler(Exception.class)
    Object handle(Exception exception, HttpServletRequest request) {
        Locale locale = responses.localeOf(request);
        return addressParameters
                .withoutUnreadable(exception, request, locale)
                .map(Object.class::cast)
                .orElseGet(() -> responses.render(request, failureOf(exception, locale)));
    }

    Failure failureOf(Exception exception, Locale locale) {
        return switch (exception) {
            case BusinessException e ->
                new Failure(
                        e.status(),
                        e.code(),
                        e.getMessage(),
                        e.fieldErrors().entrySet().stream()
                                .map(f -> new FieldError(f.getKey(), f.getValue()))
                                .toList(),
                        headersOf(e));
            case BindException e ->
                validation(
                        locale,
                        e.getFieldErrors().stream()
                                .map(f -> new FieldError(snakeCase(f.getField()), responses.message(f, locale)))
                                .toList());
            case HandlerMethodValidationException e ->
                validation(
                        locale,
                        e.getParameterValidationResults().stream()
                                .flatMap(r -> r.getResolvableErrors().stream()
                                        .map(err -> new FieldError(
                                                requestName(r.getMethodParameter()), responses.message(err, locale))))
                                .toList());
            case ConstraintViolationException e ->
                validation(
                        locale,
                        e.getConstraintViolations().stream()
                                .map(v -> new FieldError(
                                        snakeCase(leaf(v.getPropertyPath().toString())), v.getMessage()))
                                .toList());
            case MethodArgumentTypeMismatchException e ->
                validation(
                        locale,
                        List.of(new FieldError(
                                e.getName(),
                                responses.message("problem.type_mismatch", locale, String.valueOf(e.getValue())))));
            case MissingServletRequestParameterException e ->
                validation(
                        locale,
                        List.of(new FieldError(e.getParameterName(), responses.message("problem.required", locale))));
            case HttpMessageNotReadableException e ->
                e.getMostSpecificCause() instanceof UnrecognizedPropertyException unknown
                        ? unknownProperty(unknown, locale)
                        : new Failure(
                                HttpStatus.BAD_REQUEST,
                                ProblemCode.MALFORMED_REQUEST,
                                responses.message("problem.malformed_request", locale));
            case HttpMediaTypeNotSupportedException e ->
                new Failure(
                        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                        ProblemCode.UNSUPPORTED_MEDIA_TYPE,
                        responses.message(
                                "problem.unsupported_media_type",
                                locale,
                                String.valueOf(e.getContentType()),
                                mediaTypes(e.getSupportedMediaTypes())));
            case HttpMediaTypeNotAcceptableException e ->
                new Failure(
                        HttpStatus.NOT_ACCEPTABLE,
                        ProblemCode.NOT_ACCEPTABLE,
                        responses.message("problem.not_acceptable", locale, mediaTypes(e.getSupportedMediaTypes())));
            case HttpRequestMethodNotSupportedException e -> methodNotAllowed(e, locale);
            case NoResourceFoundException e -> notFound(locale);
            case NoHandlerFoundException e -> notFound(locale);
            case ServletRequestBindingException e ->
                new Failure(HttpStatus.BAD_REQUEST, ProblemCode.MALFORMED_REQUEST, e.getMessage());
            case MaxUploadSizeExceededException e ->
                new Failure(
                        HttpStatus.CONTENT_TOO_LARGE,
                        ProblemCode.PAYLOAD_TOO_LARGE,
                        responses.message("problem.payload_too_large", locale));
            case AuthenticationException e ->
                new Failure(
                        HttpStatus.UNAUTHORIZED,
                        ProblemCode.AUTHENTICATION_REQUIRED,
                        responses.message("problem.authentication_required", locale));
            case AccessDeniedException e ->
                new Failure(
                        HttpStatus.FORBIDDEN,
                        ProblemCode.INSUFFICIENT_PERMISSIONS,
                        responses.message("problem.insufficient_permissions", locale));
            case DuplicateKeyException e ->
                new Failure(HttpStatus.CONFLICT, ProblemCode.CONFLICT, responses.message("problem.conflict", locale));
            case DataIntegrityViolationException e -> databaseRefusal(e, locale);
            default -> {
                log.error("Unexpected failure", exception);
                yield new Failure(
                        HttpStatus.INTERNAL_SERVER_ERROR,
                        ProblemCode.INTERNAL_ERROR,
                        responses.message("problem.internal_error", locale));
            }
        };
    }

    /**
     * A constraint (SQLSTATE class 23) is a conflict with existing data; a value the database cannot
     * take (class 22: too long, out of range) is bad input that slipped past validation; anything
     * else under this exception is our own fault.
     */
    private Failure databaseRefusal(DataIntegrityViolationException e, Locale locale) {
        String state = e.getMostSpecificCause() instanceof java.sql.SQLException sql ? sql.getSQLState() : null;
        // The database's words may quote the row's values: not at the default level.
        log.debug(
                "Refused by the database ({}): {}",
                state,
                e.getMostSpecificCause().getMessage());
        if (state != null && state.startsWith("22")) {
            return new Failure(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    ProblemCode.VALIDATION_FAILED,
                    responses.message("problem.bad_value", locale));
        }
        if (state == null || state.startsWith("23")) {
            return new Failure(
                    HttpStatus.CONFLICT, ProblemCode.CONFLICT, responses.message("problem.conflict", locale));
        }
        log.error("Unexpected database failure", e);
        return new Failure(
                HttpStatus.INTERNAL_SERVER_ERROR,
                ProblemCode.INTERNAL_ERROR,
                responses.message("problem.internal_error", locale));
    }

    private Failure validation(Locale locale, List<FieldError> errors) {
        return new Failure(
                HttpStatus.UNPROCESSABLE_CONTENT,
                ProblemCode.VALIDATION_FAILED,
                responses.message("problem.validation_failed", locale),
                errors,
                HttpHeaders.EMPTY);
    }

    /** Named by its path in the body ({@code hours[0].open}), which ends with the unknown property. */
    private Failure unknownProperty(UnrecognizedPropertyException e, Locale locale) {
        var path = new StringBuilder();
        for (var reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        String field = path.toString();
        return new Failure(
                HttpStatus.UNPROCESSABLE_CONTENT,
                ProblemCode.VALIDATION_FAILED,
                responses.message("problem.unknown_property", locale, field),
                List.of(new FieldError(field, responses.message("problem.unknown_property_field", locale))),
                HttpHeaders.EMPTY);
    }

    private Failure notFound(Locale locale) {
        return new Failure(HttpStatus.NOT_FOUND, ProblemCode.NOT_FOUND, responses.message("problem.not_found", locale));
    }

    private Failure methodNotAllowed(HttpRequestMethodNotSupportedException e, Locale locale) {
        var headers = new HttpHeaders();
        var allowed = new ArrayList<>(e.getSupportedHttpMethods() == null ? List.of() : e.getSupportedHttpMethods());
        headers.setAllow(new java.util.LinkedHashSet<>(allowed));
        return new Failure(
                HttpStatus.METHOD_NOT_ALLOWED,
                ProblemCode.METHOD_NOT_ALLOWED,
                responses.message(
                        "problem.method_not_allowed",
                        locale,
                        e.getMethod(),
                        allowed.stream().map(Object::toString).collect(Collectors.joining(", "))),
                List.of(),
                headers);
    }

    private static HttpHeaders headersOf(BusinessException e) {
        var headers = new HttpHeaders();
        e.headers().forEach(headers::set);
        return headers;
    }

    private static String mediaTypes(List<?> types) {
        return types.stream().map(Object::toString).collect(Collectors.joining(", "));
    }

    /** Field names as clients wrote them: the API's JSON is snake_case. */
    private static String snakeCase(String field) {
        return field.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    private static String requestName(org.springframework.core.MethodParameter parameter) {
        var param = parameter.getParameterAnnotation(org.springframework.web.bind.annotation.RequestParam.class);
        if (param != null && !param.name().isEmpty()) {
            return param.name();
        }
        return snakeCase(String.valueOf(parameter.getParameterName()));
    }

    private static String leaf(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
