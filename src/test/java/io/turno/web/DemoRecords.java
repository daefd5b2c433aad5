package io.turno.web;

import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import io.turno.SignedIn;
import io.turno.TestHttp;
import tools.jackson.databind.JsonNode;

/**
 * What a working demo organization has beyond its seed, made through the API as staff would, so
 * that the detail pages have something to show: the demo patient's appointment with the demo
 * therapist, a patient record, a paid visit, a case with a notification, a ticket in the queue.
 */
record DemoRecords(String appointment, String practitioner, LocalDate day, String branch, String ticketStatusPath) {

    static DemoRecords make(TestHttp http, SignedIn signedIn) {
        String admin = signedIn.demo("admin", "Admin123!");
        String reception = signedIn.demo("reception", "Reception123!");
        String patient = signedIn.demo("patient", "Patient123!");
        String therapistUser = json(http.call(
                        "GET", "/api/v1/auth/me", signedIn.demo("therapist", "Therapist123!"), null))
                .get("user_id")
                .asString();
        JsonNode practitioner = json(http.call("GET", "/api/v1/practitioners?size=200", admin, null))
                .get("items")
                .valueStream()
                .filter(p -> p.get("user_id").asString().equals(therapistUser))
                .findFirst()
                .orElseThrow();
        String service = practitioner.get("service_ids").get(0).asString();
        LocalDate day = LocalDate.now(ZoneId.of(practitioner.get("time_zone").asString()))
                .plusDays(1);
        JsonNode slots = json(http.call(
                        "GET",
                        "/api/v1/appointments/available?therapist_id=%s&service_id=%s&date_from=%s&date_to=%s"
                                .formatted(practitioner.get("id").asString(), service, day, day.plusDays(14)),
                        patient,
                        null))
                .get("slots");
        String start = slots.get(0).get("start").asString();
        var booked = created(http.call("POST", "/api/v1/appointments", patient, """
                {"therapist_id": "%s", "service_id": "%s", "start": "%s", "notes": "Primera sesión: traer exámenes"}""".formatted(
                        practitioner.get("id").asString(), service, start)));

        String document = Long.toString(3_000_000_000L + (long) (Math.random() * 6_000_000_000L));
        var record = created(http.call("POST", "/api/v1/patients", reception, """
                {"customer": {"document_type": "CC", "document_number": "%s", "full_name": "Rosa Páginas",
                              "phone": "+573001112233"},
                 "birth_date": "1988-02-11", "emergency_contact_name": "Luis Páginas",
                 "emergency_contact_phone": "+573004445566", "consent_given": true, "consent_given_by": "Rosa Páginas"}""".formatted(document)));
        created(http.call("POST", "/api/v1/payments", reception, """
                {"customer_id": "%s", "method": "CARD", "amount": "80000.00", "concept": "Consulta"}""".formatted(
                        record.get("id").asString())));

        String number = "PG-" + UUID.randomUUID().toString().substring(0, 8);
        var kase = created(http.call("POST", "/api/v1/cases", admin, """
                {"number": "%s", "type": "Tutela", "parties": [{"name": "Ana Demandante", "role": "Demandante",
                 "email": "ana@example.com"}], "notes": "Primera audiencia el lunes"}""".formatted(number)));
        created(http.call("POST", "/api/v1/notifications", admin, """
                {"case_id": "%s", "recipient": {"name": "Ana Demandante", "email": "ana@example.com"},
                 "channel": "EMAIL", "subject": "Audiencia %s", "body": "La audiencia es el lunes a las 9:00."}""".formatted(
                        kase.get("id").asString(), number)));
        // A provider for its page to show; disabled, so the demo's mail still goes through the default server.
        created(http.call("POST", "/api/v1/notification-providers", admin, """
                {"channel": "EMAIL", "kind": "SMTP", "name": "Correo %s", "priority": %d, "enabled": false,
                 "settings": {"host": "smtp.example.com", "port": "587"}}""".formatted(
                number, 50 + java.util.concurrent.ThreadLocalRandom.current().nextInt(50))));

        String branch = only(json(http.call("GET", "/api/v1/branches?q=Sede%20Centro", reception, null)));
        String walkIn = only(json(http.call("GET", "/api/v1/services?q=CONS-GEN", reception, null)));
        var ticket = created(http.call("POST", "/api/v1/tickets", reception, """
                {"branch_id": "%s", "service_id": "%s"}""".formatted(branch, walkIn)));

        return new DemoRecords(
                booked.get("id").asString(),
                practitioner.get("id").asString(),
                LocalDate.parse(start.substring(0, 10)),
                branch,
                // The API gives the ticket's JSON status; its page for the customer's phone is /t/{token}.
                "/t/" + ticket.get("status_url").asString().replaceAll(".*/", ""));
    }

    private static JsonNode created(java.net.http.HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response);
    }

    private static String only(JsonNode page) {
        assertThat(page.get("items").size()).isEqualTo(1);
        return page.get("items").get(0).get("id").asString();
    }
}
