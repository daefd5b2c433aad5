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

    /**
     * Reception's edit form for a person of the registry the clinic has no record of yet: a bad email
     * comes back on its field with what was typed, another person's document is refused naming them,
     * and a good form replaces the registry's data and opens the record with the consent, in one go.
     */
    @Test
    void receptionEditsAPersonOfTheRegistryAndOpensTheirRecordWithConsent() {
        var http = new TestHttp(port);
        String reception = http.demoToken("reception", "Reception123!");
        String number = Long.toString(ThreadLocalRandom.current().nextLong(10_000_000L, 99_999_999L));
        String other = Long.toString(ThreadLocalRandom.current().nextLong(10_000_000L, 99_999_999L));
        String id = json(http.call("POST", "/api/v1/customers", reception, """
                {"document_type": "CC", "document_number": "%s", "full_name": "Elena Registro"}""".formatted(number)))
                .get("id")
                .asString();
        http.call("POST", "/api/v1/customers", reception, """
                {"document_type": "CC", "document_number": "%s", "full_name": "Otra Dueña"}""".formatted(other));
        var desk = PageSession.signIn(http, "demo", "reception", "Reception123!");
        String edit = "/clinical/patients/" + id + "/edit";
        assertThat(desk.get(edit).body()).contains("Elena Registro", "value=\"" + number + "\"");

        var refused = desk.post(
                edit,
                "documentType",
                "CC",
                "documentNumber",
                other,
                "fullName",
                "Elena Registro",
                "email",
                "no-es-un-correo",
                "phone",
                "+573005556677",
                "language",
                "fr");
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body())
                .contains("id=\"email-error\"", "value=\"no-es-un-correo\"", "value=\"+573005556677\"")
                .contains("id=\"documentNumber-error\"", "Otra Dueña")
                .contains("id=\"language-error\"");
        assertThat(json(http.call("GET", "/api/v1/customers/" + id, reception, null))
                        .get("document_number")
                        .asString())
                .as("nothing written")
                .isEqualTo(number);

        var saved = desk.submit(
                edit,
                "documentType",
                "CC",
                "documentNumber",
                number,
                "fullName",
                "Elena Registro",
                "email",
                "elena@example.com",
                "phone",
                "+573005556677",
                "birthDate",
                "1979-03-02",
                "consentGiven",
                "true",
                "consentGivenBy",
                "Elena Registro",
                "language",
                "en");
        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(saved.body()).contains("Elena Registro", "elena@example.com", "+573005556677");
        var patient = json(http.call("GET", "/api/v1/patients/" + id, reception, null));
        assertThat(patient.get("consent_given").asBoolean()).isTrue();
        assertThat(patient.get("birth_date").asString()).isEqualTo("1979-03-02");
        assertThat(patient.get("customer").get("email").asString()).isEqualTo("elena@example.com");
        assertThat(patient.get("customer").get("language").asString())
                .as("her messages in English")
                .isEqualTo("en");
        assertThat(desk.get(edit).body()).contains("<option value=\"en\" lang=\"en\" selected=\"selected\">");
        assertThat(desk.get("/clinical/patients/new?lang=en").body()).contains("Register a patient");
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
