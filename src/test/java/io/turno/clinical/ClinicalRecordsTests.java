package io.turno.clinical;

import static io.turno.TestHttp.assertProblem;
import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.turno.SignedIn;
import io.turno.TestHttp;
import io.turno.TurnoTest;
import io.turno.scheduling.AppointmentBooked;
import io.turno.scheduling.AppointmentStatus;
import io.turno.scheduling.SchedulingFixture;
import io.turno.shared.TenantId;
import io.turno.shared.TenantScope;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.EnableScenarios;
import org.springframework.modulith.test.Scenario;
import tools.jackson.databind.JsonNode;

@TurnoTest
@EnableScenarios
class ClinicalRecordsTests {

    @LocalServerPort
    int port;

    JdbcClient jdbc;

    @Autowired
    void ownerConnection(javax.sql.DataSource dataSource) {
        jdbc = io.turno.TestDatabase.owner(dataSource);
    }

    @Autowired
    ClinicalRecords records;

    TestHttp http;

    @RegisterExtension
    final SignedIn signedIn = new SignedIn();

    @BeforeEach
    void setUp() {
        http = new TestHttp(port);
    }

    @Test
    void onlyTheCareTeamThePatientAndAdministratorsReadDiagnosesAndEveryReadIsAudited() {
        String admin = signedIn.demo("admin", "Admin123!");
        String reception = signedIn.demo("reception", "Reception123!");
        String suffix = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000, 9_999_999));
        UUID therapistId = user(admin, "ter" + suffix, "THERAPIST");
        UUID outsiderId = user(admin, "otra" + suffix, "THERAPIST");
        UUID patientUserA = user(admin, "pa" + suffix, "PATIENT");
        UUID patientUserB = user(admin, "pb" + suffix, "PATIENT");

        var createdA = http.call("POST", "/api/v1/patients", reception, """
                {"customer": {"document_type": "CC", "document_number": "%s", "full_name": "Ana Paciente",
                              "phone": "+573001112233"},
                 "birth_date": "1990-04-01", "emergency_contact_name": "Luis", "emergency_contact_phone": "+573004445566",
                 "consent_given": true, "consent_given_by": "Ana Paciente", "user_id": "%s"}""".formatted(digits(10), patientUserA));
        assertThat(createdA.statusCode()).as(createdA.body()).isEqualTo(201);
        JsonNode patientA = json(createdA);
        String a = patientA.get("id").asString();
        assertThat(patientA.get("customer").get("full_name").asString()).isEqualTo("Ana Paciente");
        assertThat(patientA.get("consent_given").asBoolean()).isTrue();
        assertThat(patientA.get("consent_at").asString()).isNotBlank();
        assertThat(jdbc.sql("SELECT user_id FROM customers WHERE id = :id")
                        .param("id", UUID.fromString(a))
                        .query(UUID.class)
                        .single())
                .as("one registry: the account is linked there")
                .isEqualTo(patientUserA);

        var customerB = json(http.call("POST", "/api/v1/customers", reception, """
                {"document_type": "CC", "document_number": "%s", "full_name": "Beto Paciente"}""".formatted(digits(10))));
        String b = customerB.get("id").asString();
        var createdB = http.call("POST", "/api/v1/patients", reception, """
                {"customer_id": "%s", "user_id": "%s"}""".formatted(b, patientUserB));
        assertThat(createdB.statusCode()).as(createdB.body()).isEqualTo(201);
        assertThat(json(createdB).get("id").asString())
                .as("a patient's id is their customer id")
                .isEqualTo(b);
        assertProblem(http.call("POST", "/api/v1/patients", reception, """
                {"customer_id": "%s"}""".formatted(b)), 409, "CONFLICT");

        var team = http.call("PUT", "/api/v1/patients/" + a + "/care-team", reception, """
                {"therapist_ids": ["%s"]}""".formatted(therapistId));
        assertThat(team.statusCode()).as(team.body()).isEqualTo(200);

        String therapist = signedIn.demo("ter" + suffix, "Valid-Pass-1");
        String outsider = signedIn.demo("otra" + suffix, "Valid-Pass-1");
        String patient1 = signedIn.demo("pa" + suffix, "Valid-Pass-1");
        String patient2 = signedIn.demo("pb" + suffix, "Valid-Pass-1");

        var written = http.call("POST", "/api/v1/diagnoses", therapist, """
                {"patient_id": "%s", "diagnosis": "Lumbalgia", "icd10_code": "m54.5",
                 "description": "Dolor lumbar de 3 semanas", "treatment_plan": "10 sesiones de fisioterapia"}""".formatted(a));
        assertThat(written.statusCode()).as(written.body()).isEqualTo(201);
        assertThat(json(written).get("icd10_code").asString()).isEqualTo("M54.5");
        JsonNode invalid = assertProblem(
                http.call("POST", "/api/v1/diagnoses", therapist, """
                {"patient_id": "%s", "diagnosis": "X", "icd10_code": "54-M", "description": "d", "treatment_plan": "p"}""".formatted(a)), 422, "VALIDATION_FAILED");
        assertThat(invalid.get("errors").get(0).get("field").asString()).isEqualTo("icd10_code");
        assertProblem(http.call("POST", "/api/v1/diagnoses", outsider, """
                {"patient_id": "%s", "diagnosis": "X", "description": "d", "treatment_plan": "p"}""".formatted(a)), 404, "NOT_FOUND");

        String diagnosesOfA = "/api/v1/patients/" + a + "/diagnoses";
        assertThat(json(http.call("GET", diagnosesOfA, therapist, null))
                        .get(0)
                        .get("diagnosis")
                        .asString())
                .isEqualTo("Lumbalgia");
        assertThat(json(http.call("GET", diagnosesOfA, patient1, null))).hasSize(1);
        assertThat(json(http.call("GET", diagnosesOfA, admin, null))).hasSize(1);
        assertProblem(http.call("GET", diagnosesOfA, outsider, null), 404, "NOT_FOUND");
        assertProblem(http.call("GET", diagnosesOfA, patient2, null), 404, "NOT_FOUND");
        assertProblem(http.call("GET", "/api/v1/patients/" + b + "/diagnoses", patient1, null), 404, "NOT_FOUND");
        assertProblem(http.call("GET", diagnosesOfA, reception, null), 403, "INSUFFICIENT_PERMISSIONS");
        assertThat(json(http.call("GET", "/api/v1/patients/me", patient2, null))
                        .get("id")
                        .asString())
                .isEqualTo(b);

        assertThat(jdbc.sql("""
                SELECT actor_name FROM audit_log
                WHERE entity_type = 'patient' AND entity_id = :id AND action = 'READ' AND summary ->> 'read' = 'diagnoses'
                ORDER BY id""").param("id", a).query(String.class).list())
                .as("each read by who read it; refused attempts read nothing")
                .containsExactly("ter" + suffix, "pa" + suffix, "admin");

        // What the listener of scheduling's AppointmentBooked calls: idempotent.
        TenantId demo = new TenantId(jdbc.sql("SELECT id FROM tenants WHERE slug = 'demo'")
                .query(UUID.class)
                .single());
        assertProblem(http.call("GET", "/api/v1/patients/" + b + "/diagnoses", outsider, null), 404, "NOT_FOUND");
        TenantScope.run(demo, () -> records.addToCareTeam(demo, UUID.fromString(b), outsiderId));
        TenantScope.run(demo, () -> records.addToCareTeam(demo, UUID.fromString(b), outsiderId));
        assertThat(http.call("GET", "/api/v1/patients/" + b + "/diagnoses", outsider, null)
                        .statusCode())
                .isEqualTo(200);
        assertThat(TenantScope.call(demo, () -> records.findPatient(demo, UUID.fromString(b)))
                        .orElseThrow()
                        .careTeam())
                .containsExactly(outsiderId);
    }

    /** The listener of scheduling's AppointmentBooked: booking is what joins a therapist to the care team. */
    @Test
    void aBookingPutsItsTherapistInThePatientsCareTeam() throws InterruptedException {
        String admin = signedIn.demo("admin", "Admin123!");
        String reception = signedIn.demo("reception", "Reception123!");
        var scheduling = new SchedulingFixture(http, admin, "America/Bogota", 30);
        try {
            String therapist = scheduling.therapistToken();
            var created = http.call("POST", "/api/v1/patients", reception, """
                    {"customer": {"document_type": "CC", "document_number": "%s", "full_name": "Bea Paciente"}}""".formatted(digits(10)));
            UUID patient = UUID.fromString(json(created).get("id").asString());
            var written = http.call("POST", "/api/v1/diagnoses", admin, """
                    {"patient_id": "%s", "diagnosis": "Cervicalgia", "description": "d", "treatment_plan": "p"}""".formatted(patient));
            assertThat(written.statusCode()).as(written.body()).isEqualTo(201);
            String diagnoses = "/api/v1/patients/" + patient + "/diagnoses";
            assertProblem(http.call("GET", diagnoses, therapist, null), 404, "NOT_FOUND");

            scheduling.bookAppointment(reception, patient, 2, "10:00");
            var read = await().atMost(Duration.ofSeconds(10))
                    .until(
                            () -> http.call("GET", diagnoses, therapist, null),
                            response -> response.statusCode() == 200);
            assertThat(json(read).get(0).get("diagnosis").asString()).isEqualTo("Cervicalgia");
        } finally {
            scheduling.signOut();
        }
    }

    /**
     * The listener alone, fed scheduling's event as Spring Modulith delivers it once the publishing
     * transaction commits: the booked therapist, and only they, join the care team.
     */
    @Test
    void theBookingListenerAddsTheBookedTherapistToTheCareTeam(Scenario scenario) {
        String admin = signedIn.demo("admin", "Admin123!");
        String reception = signedIn.demo("reception", "Reception123!");
        var scheduling = new SchedulingFixture(http, admin, "America/Bogota", 30);
        try {
            var created = http.call("POST", "/api/v1/patients", reception, """
                    {"customer": {"document_type": "CC", "document_number": "%s", "full_name": "Eva Paciente"}}""".formatted(digits(10)));
            UUID patient = UUID.fromString(json(created).get("id").asString());
            TenantId demo = new TenantId(jdbc.sql("SELECT id FROM tenants WHERE slug = 'demo'")
                    .query(UUID.class)
                    .single());
            Instant start = Instant.now().plus(Duration.ofDays(2));
            var booked = new AppointmentBooked(
                    demo,
                    UUID.randomUUID(),
                    patient,
                    scheduling.practitioner,
                    scheduling.therapistUser,
                    scheduling.service,
                    start,
                    start.plus(Duration.ofMinutes(30)),
                    scheduling.zone,
                    AppointmentStatus.CONFIRMED,
                    null);

            scenario.publish(booked)
                    .andWaitForStateChange(() -> careTeamOf(patient), team -> !team.isEmpty())
                    .andVerify(team -> assertThat(team).containsExactly(scheduling.therapistUser));
        } finally {
            scheduling.signOut();
        }
    }

    private java.util.List<UUID> careTeamOf(UUID patient) {
        return jdbc.sql("SELECT therapist_user_id FROM clinical_care_team WHERE patient_id = :p")
                .param("p", patient)
                .query(UUID.class)
                .list();
    }

    @Test
    void aPatientProfileReadIsAuditedAndACustomerWithoutAPatientRecordIsNotFound() {
        String reception = signedIn.demo("reception", "Reception123!");
        var created = http.call("POST", "/api/v1/patients", reception, """
                {"customer": {"document_type": "CC", "document_number": "%s", "full_name": "Carla"},
                 "birth_date": "2999-01-01"}""".formatted(digits(10)));
        assertThat(assertProblem(created, 422, "VALIDATION_FAILED")
                        .get("errors")
                        .get(0)
                        .get("field")
                        .asString())
                .isEqualTo("birth_date");
        var ok = http.call("POST", "/api/v1/patients", reception, """
                {"customer": {"document_type": "CC", "document_number": "%s", "full_name": "Carla"}}""".formatted(digits(10)));
        String id = json(ok).get("id").asString();
        assertThat(http.call("GET", "/api/v1/patients/" + id, reception, null).statusCode())
                .isEqualTo(200);
        assertThat(jdbc.sql("""
                SELECT count(*) FROM audit_log WHERE entity_type = 'patient' AND entity_id = :id AND action = 'READ'
                  AND actor_name = 'reception'""").param("id", id).query(Long.class).single()).isOne();
        assertProblem(http.call("GET", "/api/v1/patients/" + UUID.randomUUID(), reception, null), 404, "NOT_FOUND");
        var page = json(http.call("GET", "/api/v1/patients?size=5", reception, null));
        assertThat(page.get("size").asInt()).isEqualTo(5);
        assertThat(page.get("total").asLong()).isPositive();
    }

    private UUID user(String admin, String username, String role) {
        var created = http.call("POST", "/api/v1/users", admin, """
                {"username": "%s", "full_name": "%s", "password": "Valid-Pass-1", "roles": ["%s"]}""".formatted(username, username, role));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return UUID.fromString(json(created).get("id").asString());
    }

    private static String digits(int n) {
        var random = ThreadLocalRandom.current();
        StringBuilder digits = new StringBuilder().append(random.nextInt(1, 10));
        while (digits.length() < n) {
            digits.append(random.nextInt(10));
        }
        return digits.toString();
    }
}
