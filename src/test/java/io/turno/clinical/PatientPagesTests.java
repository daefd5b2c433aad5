package io.turno.clinical;

import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.turno.PageSession;
import io.turno.TestHttp;
import io.turno.TurnoTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@TurnoTest
class PatientPagesTests {

    @LocalServerPort
    int port;

    @Test
    void aTreatingTherapistReadsTheRecordAndAddsADiagnosisWhileReceptionSeesOnlyTheProfile() {
        var http = new TestHttp(port);
        String admin = http.demoToken("admin", "Admin123!");
        String reception = http.demoToken("reception", "Reception123!");
        String username = "tp" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        var user = http.call("POST", "/api/v1/users", admin, """
                {"username": "%s", "full_name": "Teresa Terapeuta", "password": "Valid-Pass-1", "roles": ["THERAPIST"]}""".formatted(username));
        String therapistId = json(user).get("id").asString();
        String name = "Paciente Página " + UUID.randomUUID().toString().substring(0, 8);
        String id = json(http.call("POST", "/api/v1/patients", reception, """
                {"customer": {"document_type": "CC", "document_number": "%d", "full_name": "%s"}, "consent_given": true,
                 "consent_given_by": "%s"}""".formatted(
                                ThreadLocalRandom.current().nextLong(10_000_000L, 99_999_999L), name, name)))
                .get("id")
                .asString();
        http.call("PUT", "/api/v1/patients/" + id + "/care-team", reception, """
                {"therapist_ids": ["%s"]}""".formatted(therapistId));

        var therapist = PageSession.signIn(http, "demo", username, "Valid-Pass-1");
        var record = therapist.get("/clinical/patients/" + id);
        assertThat(record.statusCode()).isEqualTo(200);
        assertThat(record.body()).contains(name, "id=\"diagnoses\"", "name=\"treatmentPlan\"");
        var refused = therapist.post(
                "/clinical/patients/" + id + "/diagnoses",
                "diagnosis",
                "Cervicalgia",
                "icd10Code",
                "no-es",
                "description",
                "Dolor cervical",
                "treatmentPlan",
                "Ejercicios");
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("CIE-10");
        var saved = therapist.submit(
                "/clinical/patients/" + id + "/diagnoses",
                "diagnosis",
                "Cervicalgia",
                "icd10Code",
                "m54.2",
                "description",
                "Dolor cervical",
                "treatmentPlan",
                "Ejercicios diarios");
        assertThat(saved.body()).contains("Cervicalgia", "M54.2", "Ejercicios diarios", "Teresa Terapeuta");

        var desk = PageSession.signIn(http, "demo", "reception", "Reception123!");
        var profile = desk.get("/clinical/patients/" + id);
        assertThat(profile.statusCode()).isEqualTo(200);
        assertThat(profile.body()).contains(name).doesNotContain("id=\"diagnoses\"", "Cervicalgia");
        assertThat(desk.get("/clinical/patients").body()).contains(name);
        http.call("POST", "/api/v1/auth/logout", admin, null);
        http.call("POST", "/api/v1/auth/logout", reception, null);
    }

    @Test
    void aPatientWithoutARecordSeesAFriendlyEmptyStateInEitherLanguage() {
        var http = new TestHttp(port);
        String admin = http.demoToken("admin", "Admin123!");
        String username = "pn" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        http.call("POST", "/api/v1/users", admin, """
                {"username": "%s", "full_name": "Pablo Sin Historia", "password": "Valid-Pass-1", "roles": ["PATIENT"]}""".formatted(username));

        var patient = PageSession.signIn(http, "demo", username, "Valid-Pass-1");
        var spanish = patient.get("/clinical/me");
        assertThat(spanish.statusCode()).isEqualTo(200);
        assertThat(spanish.body())
                .contains("id=\"no-record\"", "Todavía no tienes una historia clínica")
                .doesNotContain("id=\"diagnoses\"");
        var english = patient.get("/clinical/me?lang=en");
        assertThat(english.statusCode()).isEqualTo(200);
        assertThat(english.body()).contains("You have no clinical record with this organization yet.");
        http.call("POST", "/api/v1/auth/logout", admin, null);
    }
}
