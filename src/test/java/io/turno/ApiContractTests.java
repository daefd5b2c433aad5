package io.turno;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The check every API test's exchanges go through ({@link ApiContract}) refuses what the wire must not carry. */
@TurnoTest
class ApiContractTests {

    private static final String TICKET = "/api/v1/tickets/0b7f7a4e-3d7c-4f53-9d1e-6f7d2b0c1a11";

    @LocalServerPort
    int port;

    OpenApiInteractionValidator validator;

    @BeforeEach
    void document() {
        validator = ApiContract.validator("http://127.0.0.1:" + port);
    }

    /** A waiting ticket: every field a ticket always carries, none of those it may leave out. */
    private static final String WAITING = """
            "id": "0b7f7a4e-3d7c-4f53-9d1e-6f7d2b0c1a11", "number": "A-001",
            "branch_id": "0b7f7a4e-3d7c-4f53-9d1e-6f7d2b0c1a12", "queue_id": "0b7f7a4e-3d7c-4f53-9d1e-6f7d2b0c1a13",
            "queue_name": "Caja", "service_id": "0b7f7a4e-3d7c-4f53-9d1e-6f7d2b0c1a14",
            "priority_id": "0b7f7a4e-3d7c-4f53-9d1e-6f7d2b0c1a15", "weight": 1, "status": "WAITING",
            "recalls": 0, "status_url": "/api/v1/public/tickets/x\"""";

    @Test
    void aPropertyTheDocumentDoesNotNameIsAMismatch() {
        assertThat(keys(answer(TICKET, 200, "{" + WAITING + ", \"issued_at\": \"2026-01-01T10:00:00Z\"}")))
                .isEmpty();
        assertThat(keys(answer(TICKET, 200, "{" + WAITING + ", \"issuedAt\": \"2026-01-01T10:00:00Z\"}")))
                .contains("validation.response.body.schema.additionalProperties");
    }

    /**
     * The one convention ({@code WireSchemas}): a response record's component is required unless it is
     * marked {@code @Nullable}. A ticket always has its status link; it has a desk only once called.
     */
    @Test
    void aPropertyAResponseAlwaysCarriesIsRequiredAndANullableOneMayBeAbsentOrNull() {
        String issued = ", \"issued_at\": \"2026-01-01T10:00:00Z\"}";
        assertThat(keys(answer(
                        TICKET,
                        200,
                        "{" + WAITING.replace(", \"status_url\": \"/api/v1/public/tickets/x\"", "") + issued)))
                .contains("validation.response.body.schema.required");
        assertThat(keys(answer(TICKET, 200, "{" + WAITING + ", \"desk_name\": \"Caja 1\"" + issued)))
                .isEmpty();
        assertThat(keys(answer(TICKET, 200, "{" + WAITING + ", \"desk_name\": null" + issued)))
                .isEmpty();
        assertThat(keys(answer(TICKET, 200, "{" + WAITING.replace("\"Caja\"", "null") + issued)))
                .as("a component that is not marked is not null either")
                .isNotEmpty();
    }

    @Test
    void aStatusTheOperationDoesNotAnswerIsAMismatchAndAFailureIsAProblem() {
        var issue = SimpleRequest.Builder.post("/api/v1/tickets")
                .withContentType("application/json")
                .withBody("{}")
                .build();
        var ok = SimpleResponse.Builder.status(200)
                .withContentType("application/json")
                .withBody("{}")
                .build();
        assertThat(keys(ApiContract.validate(validator, issue, ok, false)))
                .contains("validation.response.status.unknown");
        var problem = SimpleResponse.Builder.status(422)
                .withContentType("application/problem+json")
                .withBody("""
                        {"type": "https://turno.io/problems/validation-failed", "title": "Unprocessable Content",
                         "status": 422, "detail": "…", "code": "VALIDATION_FAILED",
                         "errors": [{"field": "branch_id", "message": "es obligatorio"}]}""")
                .build();
        assertThat(keys(ApiContract.validate(validator, issue, problem, false))).isEmpty();
        var notAProblem = SimpleResponse.Builder.status(422)
                .withContentType("application/problem+json")
                .withBody("{\"message\": \"bad\"}")
                .build();
        assertThat(keys(ApiContract.validate(validator, issue, notAProblem, false)))
                .isNotEmpty();
    }

    private ValidationReport answer(String path, int status, String body) {
        return ApiContract.validate(
                validator,
                SimpleRequest.Builder.get(path).build(),
                SimpleResponse.Builder.status(status)
                        .withContentType("application/json")
                        .withBody(body)
                        .build(),
                false);
    }

    private static java.util.List<String> keys(ValidationReport report) {
        return report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(ValidationReport.Message::getKey)
                .toList();
    }
}
