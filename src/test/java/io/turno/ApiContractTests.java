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

    @Test
    void aPropertyTheDocumentDoesNotNameIsAMismatch() {
        assertThat(keys(answer(TICKET, 200, """
                        {"id": "0b7f7a4e-3d7c-4f53-9d1e-6f7d2b0c1a11", "number": "A-001", "weight": 1, "recalls": 0,
                         "issued_at": "2026-01-01T10:00:00Z"}"""))).isEmpty();
        assertThat(keys(answer(TICKET, 200, """
                        {"id": "0b7f7a4e-3d7c-4f53-9d1e-6f7d2b0c1a11", "number": "A-001", "weight": 1, "recalls": 0,
                         "issuedAt": "2026-01-01T10:00:00Z"}"""))).contains("validation.response.body.schema.additionalProperties");
    }

    @Test
    void aPropertyAResponseAlwaysCarriesIsRequired() {
        assertThat(keys(answer(TICKET, 200, """
                        {"id": "0b7f7a4e-3d7c-4f53-9d1e-6f7d2b0c1a11", "number": "A-001", "weight": 1}"""))).contains("validation.response.body.schema.required");
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
