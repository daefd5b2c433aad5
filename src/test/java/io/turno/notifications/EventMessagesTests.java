package io.turno.notifications;

import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.turno.Inbox;
import io.turno.MutableClock;
import io.turno.TestDatabase;
import io.turno.TestHttp;
import io.turno.TestServers;
import io.turno.TurnoTest;
import io.turno.billing.PaymentMethod;
import io.turno.billing.PaymentReceived;
import io.turno.notifications.internal.Dispatcher;
import io.turno.production.DowntimeDetected;
import io.turno.scheduling.AppointmentStatus;
import io.turno.scheduling.AppointmentStatusChanged;
import io.turno.scheduling.WaitlistSlotOffered;
import io.turno.shared.TenantId;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The events notifications hears beyond appointments booked, moved and cancelled, from the event to
 * a real SMTP server (GreenMail): each message arrives once even when its event is delivered twice,
 * as Modulith's registry does with a publication a restart left incomplete.
 */
@TurnoTest
class EventMessagesTests {

    static GreenMail smtp = TestServers.startSmtp();

    @AfterAll
    static void stop() {
        smtp.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    MutableClock clock;

    JdbcClient owner;
    TestHttp http;
    String admin;
    TenantId tenant;

    @Autowired
    void ownerConnection(javax.sql.DataSource dataSource) {
        owner = TestDatabase.owner(dataSource);
    }

    Inbox inbox;

    @BeforeEach
    void setUp() {
        inbox = new Inbox(smtp, dispatcher, owner);
        http = new TestHttp(port);
        admin = http.demoToken("admin", "Admin123!");
        tenant = new TenantId(owner.sql("SELECT id FROM tenants WHERE slug = 'demo'")
                .query(UUID.class)
                .single());
    }

    @AfterEach
    void signOut() {
        http.call("POST", "/api/v1/auth/logout", admin, null);
    }

    @Test
    void aWaitlistOfferReachesThePatientOnceWithItsLink() throws Exception {
        String email = email();
        UUID patient = customer(email);
        var offered = new WaitlistSlotOffered(
                tenant,
                UUID.randomUUID(),
                patient,
                UUID.randomUUID(),
                null,
                service(),
                Instant.parse("2031-03-04T14:00:00Z"),
                Instant.parse("2031-03-04T14:45:00Z"),
                ZoneId.of("America/Bogota"),
                "/waitlist/offers/s3cr3t-offer-link-value",
                Instant.parse("2031-03-04T13:30:00Z"));

        publishTwice(offered, offered.waitlistEntryId());

        MimeMessage mail = single(email);
        assertThat(mail.getSubject()).isEqualTo("Se liberó un espacio para usted");
        assertThat(GreenMailUtil.getBody(mail))
                .contains("2031-03-04")
                .contains("09:00")
                .contains("/waitlist/offers/s3cr3t-offer-link-value")
                .contains("2031-03-04 08:30");
        assertThat(offered.toString()).doesNotContain("s3cr3t");
    }

    @Test
    void aRequestedAppointmentConfirmedByTheClinicIsAnnouncedOnceAndOtherMovesAreNot() throws Exception {
        String email = email();
        UUID patient = customer(email);
        var checkedIn = changed(patient, AppointmentStatus.CONFIRMED, AppointmentStatus.CHECKED_IN);
        publishTwice(checkedIn, checkedIn.appointmentId());
        var confirmed = changed(patient, AppointmentStatus.REQUESTED, AppointmentStatus.CONFIRMED);

        publishTwice(confirmed, confirmed.appointmentId());

        assertThat(single(email).getSubject()).isEqualTo("Su cita fue confirmada");
    }

    @Test
    void aPaymentsReceiptReachesTheCustomerOnce() throws Exception {
        String email = email();
        UUID customer = customer(email);
        long receipt = ThreadLocalRandom.current().nextLong(100_000, 999_999);
        var received = new PaymentReceived(
                tenant,
                UUID.randomUUID(),
                receipt,
                null,
                customer,
                PaymentMethod.CASH,
                new BigDecimal("80000"),
                "COP",
                Instant.parse("2031-03-04T15:30:00Z"));

        publishTwice(received, received.paymentId());

        MimeMessage mail = single(email);
        assertThat(mail.getSubject()).isEqualTo("Recibo de pago " + receipt);
        assertThat(GreenMailUtil.getBody(mail))
                .contains("80.000")
                .contains("efectivo")
                .contains("2031-03-04 10:30");
    }

    @Test
    void aStoppedLineAlertsTheSupervisorsOnceWithinTheThrottle() throws Exception {
        String line = "L-" + UUID.randomUUID().toString().substring(0, 8);
        UUID lineId = UUID.randomUUID();
        var first = downtime(lineId, line);
        publishTwice(first, first.downtimeId());
        // The same line stopping again right after: the supervisors already know.
        var again = downtime(lineId, line);
        publishTwice(again, again.downtimeId());

        MimeMessage alert = single("supervisor@demo.turno.local", "Parada en " + line);
        assertThat(GreenMailUtil.getBody(alert)).contains(line).contains("min");

        clock.advance(Duration.ofMinutes(16));
        var later = downtime(lineId, line);
        publishTwice(later, later.downtimeId());
        inbox.dispatchAll();
        assertThat(inbox.to("supervisor@demo.turno.local", "Parada en " + line))
                .as("a new alert once the throttle's interval passed")
                .hasSize(2);
    }

    @Test
    void eachMessageIsInTheRecipientsLanguage() throws Exception {
        String email = email();
        UUID english = customer(email, "en");
        var offered = new WaitlistSlotOffered(
                tenant,
                UUID.randomUUID(),
                english,
                UUID.randomUUID(),
                null,
                service(),
                Instant.parse("2031-03-06T14:00:00Z"),
                Instant.parse("2031-03-06T14:45:00Z"),
                ZoneId.of("America/Bogota"),
                "/waitlist/offers/an-english-offer-link-value",
                Instant.parse("2031-03-06T13:30:00Z"));
        publishTwice(offered, offered.waitlistEntryId());
        assertThat(single(email, "A slot opened up for you")).isNotNull();

        var confirmed = changed(english, AppointmentStatus.REQUESTED, AppointmentStatus.CONFIRMED);
        publishTwice(confirmed, confirmed.appointmentId());
        assertThat(single(email, "Your appointment was confirmed")).isNotNull();

        long receipt = ThreadLocalRandom.current().nextLong(100_000, 999_999);
        var received = new PaymentReceived(
                tenant,
                UUID.randomUUID(),
                receipt,
                null,
                english,
                PaymentMethod.CASH,
                new BigDecimal("80000"),
                "COP",
                Instant.parse("2031-03-06T15:30:00Z"));
        publishTwice(received, received.paymentId());
        assertThat(GreenMailUtil.getBody(single(email, "Payment receipt " + receipt)))
                .contains("80,000")
                .contains("by cash");

        // A supervisor who reads English is alerted in English; the demo's supervisor still in Spanish.
        String supervisor = email();
        var created = http.call("POST", "/api/v1/users", admin, """
                {"username": "sup-%s", "full_name": "Supervisor EN", "email": "%s", "password": "Sesion-Segura-2027!",
                 "roles": ["SUPERVISOR"], "language": "en"}""".formatted(supervisor.substring(8, 16), supervisor));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(json(created).get("language").asString()).isEqualTo("en");
        String line = "L-" + UUID.randomUUID().toString().substring(0, 8);
        var stopped = downtime(UUID.randomUUID(), line);
        publishTwice(stopped, stopped.downtimeId());
        assertThat(single(supervisor, "Downtime on " + line)).isNotNull();
        assertThat(single("supervisor@demo.turno.local", "Parada en " + line)).isNotNull();
        http.call("DELETE", "/api/v1/users/" + json(created).get("id").asString(), admin, null);
    }

    @Test
    void aLanguageOtherThanSpanishOrEnglishIsRefusedNamingTheField() {
        var refused = http.call("POST", "/api/v1/customers", admin, """
                {"document_type": "CC", "document_number": "1234509876", "full_name": "Cliente FR", "language": "fr"}""");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(refused.body()).contains("language");
    }

    private DowntimeDetected downtime(UUID lineId, String line) {
        Instant end = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        return new DowntimeDetected(tenant, UUID.randomUUID(), lineId, line, end.minusSeconds(600), end, 600);
    }

    private AppointmentStatusChanged changed(UUID patient, AppointmentStatus from, AppointmentStatus to) {
        return new AppointmentStatusChanged(
                tenant,
                UUID.randomUUID(),
                patient,
                UUID.randomUUID(),
                null,
                service(),
                Instant.parse("2031-03-05T14:00:00Z"),
                Instant.parse("2031-03-05T14:45:00Z"),
                ZoneId.of("America/Bogota"),
                from,
                to);
    }

    /**
     * Publishes the event, waits until it was handled, and publishes it again, as the registry
     * resubmits a publication whose completion a restart lost; then waits until that was handled too.
     */
    private void publishTwice(Object event, UUID marker) {
        for (int delivery = 0; delivery < 2; delivery++) {
            transactions.executeWithoutResult(status -> events.publishEvent(event));
            await("the listeners of " + event.getClass().getSimpleName())
                    .atMost(Duration.ofSeconds(15))
                    .until(() -> owner.sql("SELECT count(*) FROM event_publication WHERE serialized_event LIKE :m")
                                    .param("m", "%" + marker + "%")
                                    .query(Long.class)
                                    .single()
                            == 0);
        }
    }

    private MimeMessage single(String email) {
        return single(email, null);
    }

    /** Dispatches what is due and answers the one message to {@code email} (with the subject, when given). */
    private MimeMessage single(String email, String subject) {
        await("the message to " + email).atMost(Duration.ofSeconds(10)).until(() -> {
            dispatcher.runOnce();
            return !inbox.to(email, subject).isEmpty();
        });
        inbox.dispatchAll();
        List<MimeMessage> messages = inbox.to(email, subject);
        assertThat(messages).as("messages to " + email).hasSize(1);
        return messages.getFirst();
    }

    private UUID service() {
        return owner.sql("SELECT id FROM catalog_services WHERE tenant_id = :t ORDER BY created_at LIMIT 1")
                .param("t", tenant.value())
                .query(UUID.class)
                .single();
    }

    private static String email() {
        return "cliente-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    private UUID customer(String email) {
        return customer(email, null);
    }

    private UUID customer(String email, String language) {
        String number = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L));
        var created = http.call("POST", "/api/v1/customers", admin, """
                {"document_type": "CC", "document_number": "%s", "full_name": "Cliente %s", "email": "%s", "language": %s}""".formatted(
                        number, number, email, language == null ? "null" : "\"" + language + "\""));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return UUID.fromString(json(created).get("id").asString());
    }
}
