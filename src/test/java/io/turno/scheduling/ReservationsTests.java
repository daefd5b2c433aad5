package io.turno.scheduling;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.turno.TestHttp.assertProblem;
import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.turno.TestDatabase;
import io.turno.TestHttp;
import io.turno.TestServers;
import io.turno.TurnoTest;
import io.turno.scheduling.internal.Reservations;
import io.turno.shared.TenantId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reservations with payment (seed 004) against a card provider played by WireMock: hold, charge
 * with no transaction open, confirm; a declined or unanswered charge frees the slot at once and
 * leaves no appointment; an abandoned hold frees itself when it expires.
 */
@TurnoTest
class ReservationsTests {

    /** Its read timeout (2 s) is the test configuration's. */
    static WireMockServer provider = TestServers.cardGateway();

    @LocalServerPort
    int port;

    @Autowired
    Reservations reservations;

    @Autowired
    Appointments appointments;

    @Autowired
    io.turno.customers.Customers registry;

    JdbcClient owner;
    TestHttp http;
    String admin;
    String reception;
    TenantId demo;
    final List<SchedulingFixture> fixtures = new ArrayList<>();

    @Autowired
    void ownerConnection(javax.sql.DataSource dataSource) {
        owner = TestDatabase.owner(dataSource);
    }

    @BeforeEach
    void setUp() {
        http = new TestHttp(port);
        admin = http.demoToken("admin", "Admin123!");
        reception = http.demoToken("reception", "Reception123!");
        demo = new TenantId(owner.sql("SELECT id FROM tenants WHERE slug = 'demo'")
                .query(UUID.class)
                .single());
        provider.resetAll();
        provider.stubFor(post(urlEqualTo("/v1/charges"))
                .withRequestBody(matchingJsonPath("$.card_token", equalTo("tok_visa")))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withFixedDelay(200)
                        .withBody("{\"id\": \"ch_ok\", \"status\": \"approved\"}")));
        TestServers.stubDeclinedAndUnansweredCards(provider);
    }

    @AfterEach
    void signOut() {
        fixtures.forEach(SchedulingFixture::signOut);
        for (String token : List.of(admin, reception)) {
            http.call("POST", "/api/v1/auth/logout", token, null);
        }
    }

    private SchedulingFixture fixture() {
        var fixture = new SchedulingFixture(http, admin, "America/Bogota", 45);
        fixtures.add(fixture);
        return fixture;
    }

    private String reservation(SchedulingFixture f, UUID patient, String start, String card) {
        return """
                {"patient_id": "%s", "therapist_id": "%s", "service_id": "%s", "start": "%s", "method": "CARD",
                 "card_token": "%s"}""".formatted(patient, f.practitioner, f.service, start, card);
    }

    private long appointmentsOf(UUID patient) {
        return owner.sql("SELECT count(*) FROM scheduling_appointments WHERE customer_id = :c")
                .param("c", patient)
                .query(Long.class)
                .single();
    }

    @Test
    void aPaidReservationIsConfirmedWithItsReceiptAndItsTherapistJoinsTheCareTeam() throws Exception {
        var f = fixture();
        UUID patient = f.customer();
        var reserved = http.call(
                "POST",
                "/api/v1/reservations",
                reception,
                reservation(f, patient, f.at(f.day(3), "09:00"), "tok_visa"));
        assertThat(reserved.statusCode()).as(reserved.body()).isEqualTo(201);
        var body = json(reserved);
        String appointment = body.get("appointment").get("id").asString();
        assertThat(body.get("appointment").get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(body.get("payment").get("appointment_id").asString()).isEqualTo(appointment);
        assertThat(body.get("payment").get("amount").asString()).isEqualTo("45000.00");
        assertThat(body.get("payment").get("receipt_number").asLong()).isPositive();
        assertThat(body.get("payment").get("reference").asString()).isEqualTo("ch_ok");

        var payments = json(http.call("GET", "/api/v1/payments?appointment_id=" + appointment, reception, null));
        assertThat(payments.get("items")).hasSize(1);
        assertThat(owner.sql(
                                "SELECT action FROM audit_log WHERE entity_type = 'appointment' AND entity_id = :id ORDER BY id")
                        .param("id", appointment)
                        .query(String.class)
                        .list())
                .containsExactly("HOLD", "CREATE");

        // The booking made the therapist one of the patient's care team (clinical listens to AppointmentBooked).
        String therapist = f.therapistToken();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            var diagnoses = http.call("GET", "/api/v1/patients/" + patient + "/diagnoses", therapist, null);
            assertThat(diagnoses.statusCode()).as(diagnoses.body()).isEqualTo(200);
        });
    }

    @Test
    void aDeclinedPaymentFreesTheSlotAtOnceAndLeavesNoAppointment() {
        var f = fixture();
        UUID patient = f.customer();
        String start = f.at(f.day(4), "10:00");
        assertProblem(
                http.call("POST", "/api/v1/reservations", reception, reservation(f, patient, start, "tok_declined")),
                402,
                "BUSINESS_RULE_VIOLATION");
        assertThat(appointmentsOf(patient)).isZero();
        assertThat(owner.sql("SELECT count(*) FROM billing_payments WHERE customer_id = :c")
                        .param("c", patient)
                        .query(Long.class)
                        .single())
                .isZero();
        var booked = http.call("POST", "/api/v1/appointments", reception, f.book(reception, f.customer(), start));
        assertThat(booked.statusCode())
                .as("the slot is bookable again at once: " + booked.body())
                .isEqualTo(201);
    }

    @Test
    void anUnansweredPaymentFreesTheSlot() {
        var f = fixture();
        UUID patient = f.customer();
        String start = f.at(f.day(4), "14:00");
        assertProblem(
                http.call("POST", "/api/v1/reservations", reception, reservation(f, patient, start, "tok_slow")),
                504,
                "BUSINESS_RULE_VIOLATION");
        assertThat(appointmentsOf(patient)).isZero();
        var again = http.call("POST", "/api/v1/reservations", reception, reservation(f, patient, start, "tok_visa"));
        assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
    }

    @Test
    void twoReservationsOfOneSlotAtOnceGiveOneAppointment() throws Exception {
        var f = fixture();
        String start = f.at(f.day(5), "08:00");
        var patients = List.of(f.customer(), f.customer());
        var barrier = new CyclicBarrier(2);
        var calls = patients.stream()
                .map(p -> CompletableFuture.supplyAsync(() -> {
                    try {
                        barrier.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return http.call("POST", "/api/v1/reservations", reception, reservation(f, p, start, "tok_visa"));
                }))
                .toList();
        var codes = calls.stream()
                .map(CompletableFuture::join)
                .map(HttpResponse::statusCode)
                .sorted()
                .toList();
        assertThat(codes).containsExactly(201, 409);
        assertThat(owner.sql("SELECT count(*) FROM scheduling_appointments WHERE practitioner_id = :p")
                        .param("p", f.practitioner)
                        .query(Long.class)
                        .single())
                .isOne();
        assertThat(owner.sql("SELECT count(*) FROM billing_payments WHERE customer_id IN (:a, :b)")
                        .param("a", patients.get(0))
                        .param("b", patients.get(1))
                        .query(Long.class)
                        .single())
                .isOne();
    }

    @Test
    void aPatientReservesForThemselvesOnlyAndAViewerNotAtAll() {
        var f = fixture();
        UUID other = f.customer();
        String patient = (String) f.patient(registry, demo)[1];
        String start = f.at(f.day(8), "11:00");
        String own = """
                {"therapist_id": "%s", "service_id": "%s", "start": "%s", "card_token": "tok_visa"}""".formatted(f.practitioner, f.service, start);
        assertProblem(
                http.call("POST", "/api/v1/reservations", patient, reservation(f, other, start, "tok_visa")),
                404,
                "NOT_FOUND");
        String viewer = http.demoToken("viewer", "Viewer123!");
        try {
            assertProblem(http.call("POST", "/api/v1/reservations", viewer, own), 403, "INSUFFICIENT_PERMISSIONS");
        } finally {
            http.call("POST", "/api/v1/auth/logout", viewer, null);
        }
        var reserved = http.call("POST", "/api/v1/reservations", patient, own);
        assertThat(reserved.statusCode()).as(reserved.body()).isEqualTo(201);
        assertThat(json(reserved).get("appointment").get("status").asString()).isEqualTo("CONFIRMED");
    }

    @Test
    void anAbandonedHoldExpiresAndFreesItsSlot() {
        var f = fixture();
        String start = f.at(f.day(6), "09:00");
        UUID abandoned = hold(f, f.customer(), start, Instant.now().minusSeconds(60));
        var booked = http.call("POST", "/api/v1/appointments", reception, f.book(reception, f.customer(), start));
        assertThat(booked.statusCode())
                .as("an expired hold does not keep the slot: " + booked.body())
                .isEqualTo(201);
        assertThat(owner.sql("SELECT count(*) FROM scheduling_appointments WHERE id = :id")
                        .param("id", abandoned)
                        .query(Long.class)
                        .single())
                .isZero();

        // Nor does it keep an appointment from moving onto its time.
        String moveTo = f.at(f.day(6), "11:00");
        hold(f, f.customer(), moveTo, Instant.now().minusSeconds(60));
        var moved = http.call(
                "PUT",
                "/api/v1/appointments/" + json(booked).get("id").asString(),
                reception,
                "{\"start\": \"%s\"}".formatted(moveTo));
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);

        String later = f.at(f.day(6), "15:00");
        UUID live = hold(f, f.customer(), later, Instant.now().plusSeconds(600));
        assertProblem(
                http.call("POST", "/api/v1/appointments", reception, f.book(reception, f.customer(), later)),
                409,
                "CONFLICT");
        UUID expired =
                hold(f, f.customer(), f.at(f.day(7), "09:00"), Instant.now().minusSeconds(1));
        assertThat(reservations.sweep()).isGreaterThanOrEqualTo(1);
        assertThat(owner.sql("SELECT id FROM scheduling_appointments WHERE id IN (:a, :b)")
                        .param("a", live)
                        .param("b", expired)
                        .query(UUID.class)
                        .list())
                .containsExactly(live);
    }

    @Test
    void startingBetweenListsAppointmentsStillToAttendButNotHolds() {
        var f = fixture();
        String start = f.at(f.day(9), "08:00");
        var booked = http.call("POST", "/api/v1/appointments", reception, f.book(reception, f.customer(), start));
        UUID appointment = UUID.fromString(json(booked).get("id").asString());
        UUID held = hold(f, f.customer(), f.at(f.day(9), "09:00"), Instant.now().plusSeconds(600));
        Instant from = java.time.OffsetDateTime.parse(start).toInstant();
        var found = io.turno.shared.TenantScope.call(
                demo, () -> appointments.startingBetween(demo, from, from.plusSeconds(3 * 3600)));
        assertThat(found).extracting(AppointmentView::id).contains(appointment).doesNotContain(held);
    }

    /** A hold as a reservation that crashed after holding would leave it. */
    private UUID hold(SchedulingFixture f, UUID patient, String start, Instant expires) {
        UUID id = UUID.randomUUID();
        var begin = java.time.OffsetDateTime.parse(start);
        owner.sql("""
                INSERT INTO scheduling_appointments (id, tenant_id, practitioner_id, customer_id, service_id, starts_at,
                                                     ends_at, status, hold_expires_at)
                VALUES (:id, :t, :p, :c, :s, :start, :end, 'HELD', :exp)
                """)
                .param("id", id)
                .param("t", demo.value())
                .param("p", f.practitioner)
                .param("c", patient)
                .param("s", f.service)
                .param("start", begin)
                .param("end", begin.plusMinutes(45))
                .param("exp", java.time.OffsetDateTime.ofInstant(expires, java.time.ZoneOffset.UTC))
                .update();
        return id;
    }
}
