package io.turno.shared;

import java.net.URI;

import org.slf4j.MDC;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** Builds the RFC 9457 bodies every module answers errors with. */
public final class Problems {

    /** MDC key and response header carrying the id that ties a response to its log lines. */
    public static final String REQUEST_ID_HEADER = "X-Request-Id";

    public static final String REQUEST_ID_MDC = "request_id";

    private Problems() {}

    public static ProblemDetail problem(HttpStatusCode status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(
                URI.create("https://turno.io/problems/" + code.toLowerCase().replace('_', '-')));
        problem.setProperty("code", code);
        String requestId = MDC.get(REQUEST_ID_MDC);
        if (requestId != null) {
            problem.setProperty("request_id", requestId);
        }
        return problem;
    }
}
