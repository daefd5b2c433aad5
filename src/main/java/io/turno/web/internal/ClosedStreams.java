package io.turno.web.internal;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;

/**
 * A stream (a board's, a dashboard's) whose screen went away (tab closed, page left, TV switched off)
 * fails its next write; there is nobody left to answer, so that is not an error to log or render.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ClosedStreams {

    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void gone(HttpServletResponse response) {
        // Taking the response marks the request handled: nothing is written to the closed connection.
    }
}
