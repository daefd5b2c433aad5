package io.turno.scheduling;

import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.turno.TestHttp;
import io.turno.customers.Customers;
import io.turno.shared.TenantId;
import io.turno.shared.TenantScope;

/**
 * A practitioner of the demo tenant made through the API as an administrator would: a new THERAPIST
 * account, a bookable service of {@code minutes}, and a plan of every day 08:00–17:00 with a break at
 * 12:00–13:00 (every day, so tests may pick any future date). The service costs 45000.00 COP.
 * Public so that other modules' tests book real appointments ({@link #bookAppointment}).
 */
public final class SchedulingFixture {

    static final String PASSWORD = "Sesion-Segura-2027!";

    public final TestHttp http;
    public final String admin;
    public final String suffix = UUID.randomUUID().toString().substring(0, 8);
    public final ZoneId zone;
    public final UUID service;
    public final UUID therapistUser;
    public final String therapistUsername;
    public final UUID practitioner;
    final List<String> tokens = new ArrayList<>();

    public SchedulingFixture(TestHttp http, String admin, String timeZone, int minutes) {
        this.http = http;
        this.admin = admin;
        this.zone = ZoneId.of(timeZone);
        this.service = service(minutes);
        this.therapistUsername = "th-" + suffix;
        this.therapistUser = user(therapistUsername, "THERAPIST");
        var created = http.call(
                "POST", "/api/v1/practitioners", admin, """
                {"user_id": "%s", "display_name": "Terapeuta %s", "time_zone": "%s", "service_ids": ["%s"]}""".formatted(therapistUser, suffix, timeZone, service));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        this.practitioner = UUID.fromString(json(created).get("id").asString());
        var days = new StringBuilder();
        var breaks = new StringBuilder();
        for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")) {
            days.append(days.isEmpty() ? "" : ",")
                    .append("\"%s\": [{\"start\": \"08:00\", \"end\": \"17:00\"}]".formatted(day));
            breaks.append(breaks.isEmpty() ? "" : ",")
                    .append("\"%s\": [{\"start\": \"12:00\", \"end\": \"13:00\"}]".formatted(day));
        }
        var schedule = http.call(
                "PUT",
                "/api/v1/practitioners/" + practitioner + "/schedule",
                admin,
                "{\"weekly\": {%s}, \"breaks\": {%s}}".formatted(days, breaks));
        assertThat(schedule.statusCode()).as(schedule.body()).isEqualTo(200);
    }

    UUID service(int minutes) {
        String code = "T-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        var created = http.call("POST", "/api/v1/services", admin, """
                {"code": "%s", "name": "Terapia %s", "walk_in": false, "bookable": true, "duration_minutes": %d,
                 "price": "45000.00", "currency": "COP"}""".formatted(code, code, minutes));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return UUID.fromString(json(created).get("id").asString());
    }

    UUID user(String username, String role) {
        var created = http.call("POST", "/api/v1/users", admin, """
                {"username": "%s", "full_name": "Persona %s", "password": "%s", "roles": ["%s"]}""".formatted(username, username, PASSWORD, role));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return UUID.fromString(json(created).get("id").asString());
    }

    public UUID customer() {
        String number = String.valueOf(1_000_000_000L + (long) (Math.random() * 8_000_000_000L));
        var created = http.call("POST", "/api/v1/customers", admin, """
                {"document_type": "CC", "document_number": "%s", "full_name": "Paciente %s"}""".formatted(number, number));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return UUID.fromString(json(created).get("id").asString());
    }

    /** A PATIENT account linked to a new customer: {customer id, token}. */
    public Object[] patient(Customers registry, TenantId demo) {
        UUID customer = customer();
        String username = "pa-" + UUID.randomUUID().toString().substring(0, 8);
        UUID user = user(username, "PATIENT");
        TenantScope.run(demo, () -> registry.linkUser(demo, customer, user, null));
        return new Object[] {customer, token(username)};
    }

    public String token(String username) {
        String token = http.demoToken(username, PASSWORD);
        tokens.add(token);
        return token;
    }

    public String therapistToken() {
        return token(therapistUsername);
    }

    /** A future date, {@code days} from today in the practitioner's zone. */
    public LocalDate day(int days) {
        return LocalDate.now(zone).plusDays(days);
    }

    /** {@code date} at {@code time} in the practitioner's zone, as the API takes it. */
    public String at(LocalDate date, String time) {
        return date.atTime(java.time.LocalTime.parse(time))
                .atZone(zone)
                .format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    public String book(String token, UUID patient, String start) {
        return """
                {"patient_id": "%s", "therapist_id": "%s", "service_id": "%s", "start": "%s"}""".formatted(patient, practitioner, service, start);
    }

    /** A REQUESTED appointment of the customer, {@code days} from today at {@code time}, booked by {@code token}. */
    public UUID bookAppointment(String token, UUID customer, int days, String time) {
        var booked = http.call("POST", "/api/v1/appointments", token, book(token, customer, at(day(days), time)));
        assertThat(booked.statusCode()).as(booked.body()).isEqualTo(201);
        return UUID.fromString(json(booked).get("id").asString());
    }

    public void signOut() {
        tokens.forEach(token -> http.call("POST", "/api/v1/auth/logout", token, null));
    }
}
