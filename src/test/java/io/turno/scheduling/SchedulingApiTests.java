package io.turno.scheduling;

import static io.turno.TestHttp.assertProblem;
import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.turno.RecordedEvents;
import io.turno.TestDatabase;
import io.turno.TestHttp;
import io.turno.TurnoTest;
import io.turno.customers.Customers;
import io.turno.shared.TenantId;
import io.turno.shared.TenantScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@TurnoTest
class SchedulingApiTests {

    @Autowired
    RecordedEvents events;

    @LocalServerPort
    int port;

    @Autowired
    Customers registry;

    @Autowired
    Appointments appointments;

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
    void signIn() {
        http = new TestHttp(port);
        admin = http.demoToken("admin", "Admin123!");
        reception = http.demoToken("reception", "Reception123!");
        demo = new TenantId(owner.sql("SELECT id FROM tenants WHERE slug = 'demo'")
                .query(UUID.class)
                .single());
    }

    @AfterEach
    void signOut() {
        fixtures.forEach(SchedulingFixture::signOut);
        for (String token : List.of(admin, reception)) {
            http.call("POST", "/api/v1/auth/logout", token, null);
        }
    }

    private SchedulingFixture fixture(String zone, int minutes) {
        var fixture = new SchedulingFixture(http, admin, zone, minutes);
        fixtures.add(fixture);
        return fixture;
    }

    @Test
    void aPractitionerHasAPlanTimeOffAndAvailabilityFollowsThem() {
        var f = fixture("America/Bogota", 45);
        var practitioner = json(http.call("GET", "/api/v1/practitioners/" + f.practitioner, reception, null));
        assertThat(practitioner.get("time_zone").asString()).isEqualTo("America/Bogota");
        assertThat(practitioner.get("service_ids").get(0).asString()).isEqualTo(f.service.toString());
        var schedule = json(http.call("GET", "/api/v1/practitioners/" + f.practitioner + "/schedule", reception, null));
        assertThat(schedule.get("weekly").get("MONDAY").get(0).get("start").asString())
                .isEqualTo("08:00");
        assertThat(schedule.get("breaks").get("MONDAY").get(0).get("end").asString())
                .isEqualTo("13:00");

        LocalDate day = f.day(3);
        var slots = slots(f, day, day);
        // 08:00–12:00 holds five 45-minute slots, 13:00–17:00 five more; none crosses the break.
        assertThat(slots).hasSize(10);
        assertThat(slots.getFirst()).isEqualTo(f.at(day, "08:00"));
        assertThat(slots).contains(f.at(day, "13:00")).doesNotContain(f.at(day, "11:45"));

        var off = http.call("POST", "/api/v1/practitioners/" + f.practitioner + "/time-off", admin, """
                {"start": "%s", "end": "%s", "reason": "Congreso"}""".formatted(
                        f.at(day, "13:00"), f.at(day, "17:00")));
        assertThat(off.statusCode()).as(off.body()).isEqualTo(201);
        assertThat(slots(f, day, day)).hasSize(5);

        // A closed date (an exception without intervals) offers nothing.
        http.call("PUT", "/api/v1/practitioners/" + f.practitioner + "/schedule", admin, """
                {"weekly": {"%s": [{"start": "09:00", "end": "11:00"}]}, "exceptions": [{"date": "%s", "intervals": []}]}""".formatted(
                        day.plusDays(7).getDayOfWeek(), day.plusDays(7)));
        assertThat(slots(f, day.plusDays(7), day.plusDays(7))).isEmpty();
        assertThat(slots(f, day.plusDays(14), day.plusDays(14)))
                .containsExactly(f.at(day.plusDays(14), "09:00"), f.at(day.plusDays(14), "09:45"));

        assertThat(owner.sql("SELECT count(*) FROM audit_log WHERE entity_type = 'practitioner' AND entity_id = :id")
                        .param("id", f.practitioner.toString())
                        .query(Long.class)
                        .single())
                .isGreaterThanOrEqualTo(4);
        // Therapists and viewers read practitioners but do not change them.
        assertProblem(
                http.call("DELETE", "/api/v1/practitioners/" + f.practitioner, reception, null),
                403,
                "INSUFFICIENT_PERMISSIONS");
    }

    @Test
    void availabilityFollowsTheLocalPlanAcrossADaylightSavingChange() {
        var f = fixture("Europe/Madrid", 60);
        ZoneId madrid = ZoneId.of("Europe/Madrid");
        var transition =
                madrid.getRules().nextTransition(java.time.Instant.now().plus(Duration.ofDays(2)));
        LocalDate change = transition.getInstant().atZone(madrid).toLocalDate();
        // The day of the change works through the night, across the change itself.
        http.call("PUT", "/api/v1/practitioners/" + f.practitioner + "/schedule", admin, """
                {"weekly": {"MONDAY": [{"start": "08:00", "end": "10:00"}], "TUESDAY": [{"start": "08:00", "end": "10:00"}],
                 "WEDNESDAY": [{"start": "08:00", "end": "10:00"}], "THURSDAY": [{"start": "08:00", "end": "10:00"}],
                 "FRIDAY": [{"start": "08:00", "end": "10:00"}], "SATURDAY": [{"start": "08:00", "end": "10:00"}],
                 "SUNDAY": [{"start": "08:00", "end": "10:00"}]},
                 "exceptions": [{"date": "%s", "intervals": [{"start": "01:00", "end": "05:00"}, {"start": "08:00", "end": "10:00"}]}]}""".formatted(change));

        var slots = slots(f, change.minusDays(1), change.plusDays(1));
        var before = slots.stream()
                .filter(s -> s.startsWith(change.minusDays(1).toString()))
                .toList();
        var after = slots.stream()
                .filter(s -> s.startsWith(change.plusDays(1).toString()))
                .toList();
        var onTheDay =
                slots.stream().filter(s -> s.startsWith(change.toString())).toList();
        // 08:00 local on either side, with each side's own offset: the same wall clock, an hour apart in UTC.
        assertThat(before).containsExactly(f.at(change.minusDays(1), "08:00"), f.at(change.minusDays(1), "09:00"));
        assertThat(after).containsExactly(f.at(change.plusDays(1), "08:00"), f.at(change.plusDays(1), "09:00"));
        assertThat(OffsetDateTime.parse(before.getFirst()).getOffset())
                .isNotEqualTo(OffsetDateTime.parse(after.getFirst()).getOffset());
        // 01:00–05:00 that night is three or five real hours: as many one-hour slots.
        long nightHours = Duration.between(
                        ZonedDateTime.of(change, LocalTime.of(1, 0), madrid),
                        ZonedDateTime.of(change, LocalTime.of(5, 0), madrid))
                .toHours();
        assertThat(nightHours).isNotEqualTo(4);
        assertThat(onTheDay).hasSize((int) nightHours + 2);
        for (int i = 1; i < nightHours; i++) {
            assertThat(Duration.between(
                            OffsetDateTime.parse(onTheDay.get(i - 1)), OffsetDateTime.parse(onTheDay.get(i))))
                    .isEqualTo(Duration.ofHours(1));
        }
        // A booked slot is no longer offered, and the booking keeps the local wall-clock time.
        UUID patient = f.customer();
        var booked = http.call("POST", "/api/v1/appointments", reception, f.book(reception, patient, after.getFirst()));
        assertThat(booked.statusCode()).as(booked.body()).isEqualTo(201);
        assertThat(json(booked).get("start").asString()).isEqualTo(after.getFirst());
        assertThat(slots(f, change.plusDays(1), change.plusDays(1))).containsExactly(after.get(1));
    }

    @Test
    void anAppointmentMovesThroughItsStatesAndRefusesAnyOtherMoveNamingItsState() {
        var f = fixture("America/Bogota", 45);
        UUID patient = f.customer();
        LocalDate day = f.day(2);
        var created =
                http.call("POST", "/api/v1/appointments", reception, f.book(reception, patient, f.at(day, "09:00")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode appointment = json(created);
        String id = appointment.get("id").asString();
        assertThat(appointment.get("status").asString()).isEqualTo("REQUESTED");
        assertThat(appointment.get("end").asString()).isEqualTo(f.at(day, "09:45"));
        assertThat(appointment.get("therapist_user_id").asString()).isEqualTo(f.therapistUser.toString());

        var skipped = assertProblem(status(reception, id, "COMPLETED"), 409, "CONFLICT");
        assertThat(skipped.get("detail").asString()).contains("REQUESTED");
        for (String next : List.of("CONFIRMED", "CHECKED_IN", "IN_PROGRESS", "COMPLETED")) {
            var moved = status(f.therapistToken(), id, next);
            assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
            assertThat(json(moved).get("status").asString()).isEqualTo(next);
        }
        var done = assertProblem(http.call("DELETE", "/api/v1/appointments/" + id, reception, null), 409, "CONFLICT");
        assertThat(done.get("detail").asString()).contains("COMPLETED");

        assertThat(events.all())
                .filteredOn(e -> e instanceof AppointmentBooked b
                        && b.appointmentId().toString().equals(id))
                .singleElement()
                .satisfies(e -> {
                    var booked = (AppointmentBooked) e;
                    assertThat(booked.tenantId()).isEqualTo(demo);
                    assertThat(booked.patientId()).isEqualTo(patient);
                    assertThat(booked.therapistUserId()).isEqualTo(f.therapistUser);
                    assertThat(booked.zone()).isEqualTo(ZoneId.of("America/Bogota"));
                    assertThat(Duration.between(booked.start(), booked.end())).isEqualTo(Duration.ofMinutes(45));
                });
        assertThat(events.all())
                .filteredOn(e -> e instanceof AppointmentStatusChanged c
                        && c.appointmentId().toString().equals(id))
                .hasSize(4);
        assertThat(owner.sql("SELECT count(*) FROM audit_log WHERE entity_type = 'appointment' AND entity_id = :id")
                        .param("id", id)
                        .query(Long.class)
                        .single())
                .isEqualTo(5);
        assertThat(TenantScope.call(demo, () -> appointments.hasAppointmentOn(demo, patient, day)))
                .isFalse();
    }

    @Test
    void aTakenTimeIsAConflictAndTimesOutsideThePlanAreRefused() {
        var f = fixture("America/Bogota", 60);
        LocalDate day = f.day(4);
        var first = http.call(
                "POST", "/api/v1/appointments", reception, f.book(reception, f.customer(), f.at(day, "09:00")));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        var overlap = assertProblem(
                http.call(
                        "POST", "/api/v1/appointments", reception, f.book(reception, f.customer(), f.at(day, "09:30"))),
                409,
                "CONFLICT");
        assertThat(overlap.get("detail").asString()).contains("ya tiene una cita en ese horario");
        // Back to back is fine.
        assertThat(http.call(
                                "POST",
                                "/api/v1/appointments",
                                reception,
                                f.book(reception, f.customer(), f.at(day, "10:00")))
                        .statusCode())
                .isEqualTo(201);
        assertProblem(
                http.call(
                        "POST", "/api/v1/appointments", reception, f.book(reception, f.customer(), f.at(day, "11:30"))),
                422,
                "BUSINESS_RULE_VIOLATION");
        assertProblem(
                http.call(
                        "POST", "/api/v1/appointments", reception, f.book(reception, f.customer(), f.at(day, "06:00"))),
                422,
                "BUSINESS_RULE_VIOLATION");
        assertProblem(
                http.call(
                        "POST",
                        "/api/v1/appointments",
                        reception,
                        f.book(reception, UUID.randomUUID(), f.at(day, "14:00"))),
                404,
                "NOT_FOUND");

        // Cancelling frees the time; moving onto a taken time is the same conflict.
        String firstId = json(first).get("id").asString();
        var cancelled = http.call("DELETE", "/api/v1/appointments/" + firstId + "?reason=Viaje", reception, null);
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        assertThat(json(cancelled).get("cancel_reason").asString()).isEqualTo("Viaje");
        var again = http.call(
                "POST", "/api/v1/appointments", reception, f.book(reception, f.customer(), f.at(day, "09:00")));
        assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
        var other = json(http.call(
                "POST", "/api/v1/appointments", reception, f.book(reception, f.customer(), f.at(day, "14:00"))));
        assertProblem(
                http.call(
                        "PUT",
                        "/api/v1/appointments/" + other.get("id").asString(),
                        reception,
                        "{\"start\": \"%s\"}".formatted(f.at(day, "10:30"))),
                409,
                "CONFLICT");
        var moved = http.call(
                "PUT",
                "/api/v1/appointments/" + other.get("id").asString(),
                reception,
                "{\"start\": \"%s\"}".formatted(f.at(day, "15:00")));
        assertThat(json(moved).get("start").asString()).isEqualTo(f.at(day, "15:00"));
        assertThat(events.all())
                .anyMatch(e -> e instanceof AppointmentRescheduled r
                        && r.appointmentId().toString().equals(other.get("id").asString()));
    }

    @Test
    void aPatientSeesAndChangesOnlyTheirOwnAndAViewerChangesNothing() {
        var f = fixture("America/Bogota", 30);
        Object[] alice = f.patient(registry, demo);
        Object[] bob = f.patient(registry, demo);
        String aliceToken = (String) alice[1];
        String bobToken = (String) bob[1];
        LocalDate day = f.day(5);
        // A patient books for themselves without naming themselves.
        var own = http.call("POST", "/api/v1/appointments", aliceToken, """
                {"therapist_id": "%s", "service_id": "%s", "start": "%s"}""".formatted(
                        f.practitioner, f.service, f.at(day, "08:00")));
        assertThat(own.statusCode()).as(own.body()).isEqualTo(201);
        assertThat(json(own).get("patient_id").asString()).isEqualTo(alice[0].toString());
        String bobs = json(http.call(
                        "POST",
                        "/api/v1/appointments",
                        reception,
                        f.book(reception, (UUID) bob[0], f.at(day, "09:00"))))
                .get("id")
                .asString();

        assertProblem(http.call("GET", "/api/v1/appointments/" + bobs, aliceToken, null), 404, "NOT_FOUND");
        assertProblem(http.call("DELETE", "/api/v1/appointments/" + bobs, aliceToken, null), 404, "NOT_FOUND");
        assertProblem(
                http.call(
                        "POST",
                        "/api/v1/appointments",
                        aliceToken,
                        f.book(aliceToken, (UUID) bob[0], f.at(day, "10:00"))),
                404,
                "NOT_FOUND");
        var list = json(http.call("GET", "/api/v1/appointments?size=200", aliceToken, null));
        assertThat(list.get("total").asLong()).isEqualTo(1);
        assertThat(list.get("items").get(0).get("patient_id").asString()).isEqualTo(alice[0].toString());
        assertThat(http.call("GET", "/api/v1/appointments/" + bobs, bobToken, null)
                        .statusCode())
                .isEqualTo(200);
        assertProblem(
                http.call("PATCH", "/api/v1/appointments/" + bobs + "/status", bobToken, "{\"status\": \"CONFIRMED\"}"),
                403,
                "INSUFFICIENT_PERMISSIONS");

        // The therapist sees their agenda, not another's.
        String therapist = f.therapistToken();
        var agenda = json(http.call(
                "GET",
                "/api/v1/appointments/therapist/" + f.practitioner + "?date_from=" + day + "&date_to=" + day,
                therapist,
                null));
        assertThat(agenda).hasSize(2);
        var other = fixture("America/Bogota", 30);
        assertProblem(
                http.call("GET", "/api/v1/appointments/therapist/" + other.practitioner, therapist, null),
                404,
                "NOT_FOUND");

        String viewer = http.demoToken("viewer", "Viewer123!");
        try {
            assertThat(http.call("GET", "/api/v1/appointments/" + bobs, viewer, null)
                            .statusCode())
                    .isEqualTo(200);
            assertProblem(
                    http.call(
                            "PATCH", "/api/v1/appointments/" + bobs + "/status", viewer, "{\"status\": \"CONFIRMED\"}"),
                    403,
                    "INSUFFICIENT_PERMISSIONS");
            assertProblem(
                    http.call("PUT", "/api/v1/appointments/" + bobs, viewer, "{\"notes\": \"x\"}"),
                    403,
                    "INSUFFICIENT_PERMISSIONS");
            assertProblem(
                    http.call("DELETE", "/api/v1/appointments/" + bobs, viewer, null), 403, "INSUFFICIENT_PERMISSIONS");
        } finally {
            http.call("POST", "/api/v1/auth/logout", viewer, null);
        }
        var cancelled = http.call(
                "DELETE",
                "/api/v1/appointments/" + json(own).get("id").asString(),
                aliceToken,
                "{\"reason\": \"No puedo ir\"}");
        assertThat(json(cancelled).get("status").asString()).isEqualTo("CANCELLED");
    }

    @Test
    void aSeriesWithOneTakenDateBooksNothingAndNamesThatDate() {
        var f = fixture("America/Bogota", 60);
        LocalDate first = f.day(3);
        String taken = json(http.call(
                        "POST",
                        "/api/v1/appointments",
                        reception,
                        f.book(reception, f.customer(), f.at(first.plusWeeks(2), "10:30"))))
                .get("id")
                .asString();
        assertThat(taken).isNotBlank();
        UUID patient = f.customer();
        var refused = assertProblem(
                http.call("POST", "/api/v1/appointments/series", reception, """
                {"patient_id": "%s", "therapist_id": "%s", "service_id": "%s", "start": "%s", "sessions": 4, "every": "WEEKLY"}""".formatted(
                                patient, f.practitioner, f.service, f.at(first, "10:00"))),
                409,
                "CONFLICT");
        assertThat(refused.get("detail").asString())
                .contains(first.plusWeeks(2).toString())
                .doesNotContain(first.toString())
                .doesNotContain(first.plusWeeks(1).toString());
        assertThat(owner.sql("SELECT count(*) FROM scheduling_appointments WHERE customer_id = :c")
                        .param("c", patient)
                        .query(Long.class)
                        .single())
                .isZero();

        var series = http.call("POST", "/api/v1/appointments/series", reception, """
                {"patient_id": "%s", "therapist_id": "%s", "service_id": "%s", "start": "%s", "sessions": 3, "every": "BIWEEKLY"}""".formatted(
                        patient, f.practitioner, f.service, f.at(first, "14:00")));
        assertThat(series.statusCode()).as(series.body()).isEqualTo(201);
        var sessions = json(series).get("appointments");
        assertThat(sessions).hasSize(3);
        assertThat(sessions.get(2).get("start").asString()).isEqualTo(f.at(first.plusWeeks(4), "14:00"));
        assertThat(sessions.get(0).get("series_id").asString())
                .isEqualTo(json(series).get("series_id").asString());
        assertThat(TenantScope.call(demo, () -> appointments.hasAppointmentOn(demo, patient, first.plusWeeks(2))))
                .isTrue();
    }

    @Test
    void aCancellationOffersTheSlotToTheFirstPatientWaiting() {
        var f = fixture("America/Bogota", 45);
        LocalDate day = f.day(6);
        String booked = json(http.call(
                        "POST", "/api/v1/appointments", reception, f.book(reception, f.customer(), f.at(day, "08:00"))))
                .get("id")
                .asString();
        Object[] waiting = f.patient(registry, demo);
        var entry = http.call("POST", "/api/v1/appointments/waitlist", (String) waiting[1], """
                {"therapist_id": "%s", "service_id": "%s", "date_from": "%s", "date_to": "%s"}""".formatted(
                        f.practitioner, f.service, day.minusDays(1), day.plusDays(1)));
        assertThat(entry.statusCode()).as(entry.body()).isEqualTo(201);
        UUID second = f.customer();
        http.call("POST", "/api/v1/appointments/waitlist", reception, """
                {"patient_id": "%s", "therapist_id": "%s", "service_id": "%s", "date_from": "%s", "date_to": "%s"}""".formatted(
                        second, f.practitioner, f.service, day, day));

        assertThat(http.call("DELETE", "/api/v1/appointments/" + booked, reception, null)
                        .statusCode())
                .isEqualTo(200);

        var mine = json(http.call("GET", "/api/v1/appointments/waitlist", (String) waiting[1], null));
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).get("status").asString()).isEqualTo("OFFERED");
        assertThat(mine.get(0).get("offered_start").asString()).isEqualTo(f.at(day, "08:00"));
        assertThat(owner.sql("SELECT status FROM scheduling_waitlist WHERE customer_id = :c")
                        .param("c", second)
                        .query(String.class)
                        .single())
                .isEqualTo("WAITING");
        assertThat(events.all())
                .anyMatch(e -> e instanceof WaitlistSlotOffered o
                        && o.patientId().equals(waiting[0])
                        && o.start()
                                .equals(OffsetDateTime.parse(f.at(day, "08:00")).toInstant()));
        assertThat(events.all())
                .anyMatch(e -> e instanceof AppointmentCancelled c
                        && c.appointmentId().toString().equals(booked));
    }

    private java.net.http.HttpResponse<String> status(String token, String id, String status) {
        return http.call(
                "PATCH", "/api/v1/appointments/" + id + "/status", token, "{\"status\": \"%s\"}".formatted(status));
    }

    private List<String> slots(SchedulingFixture f, LocalDate from, LocalDate to) {
        var response = http.call(
                "GET",
                "/api/v1/appointments/available?therapist_id=%s&service_id=%s&date_from=%s&date_to=%s"
                        .formatted(f.practitioner, f.service, from, to),
                reception,
                null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        var result = new ArrayList<String>();
        json(response).get("slots").forEach(slot -> result.add(slot.get("start").asString()));
        return result;
    }
}
