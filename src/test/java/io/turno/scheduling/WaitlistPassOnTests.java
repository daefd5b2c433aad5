package io.turno.scheduling;

import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import io.turno.Inbox;
import io.turno.MutableClock;
import io.turno.SignedIn;
import io.turno.TestDatabase;
import io.turno.TestHttp;
import io.turno.TestServers;
import io.turno.TurnoTest;
import io.turno.notifications.internal.Dispatcher;
import io.turno.scheduling.internal.Waitlist;
import io.turno.scheduling.internal.WaitlistOffers;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A waitlist offer left to expire goes to the next patient waiting, through the notifications
 * module's message, once; the time is not offered again when someone booked it meanwhile.
 */
@TurnoTest
class WaitlistPassOnTests {

    static GreenMail smtp = TestServers.startSmtp();

    @AfterAll
    static void stop() {
        smtp.stop();
    }

    @RegisterExtension
    final SignedIn signedIn = new SignedIn();

    @LocalServerPort
    int port;

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    Waitlist waitlist;

    @Autowired
    WaitlistOffers offers;

    @Autowired
    MutableClock clock;

    JdbcClient owner;
    TestHttp http;
    SchedulingFixture scheduling;

    @Autowired
    void ownerConnection(javax.sql.DataSource dataSource) {
        owner = TestDatabase.owner(dataSource);
    }

    Inbox inbox;

    @BeforeEach
    void setUp() {
        inbox = new Inbox(smtp, dispatcher, owner);
        http = new TestHttp(port);
        scheduling = new SchedulingFixture(http, signedIn.demo("admin", "Admin123!"), "America/Bogota", 45);
    }

    @Test
    void anExpiredOfferGoesToTheNextPatientWaitingOnce() throws Exception {
        LocalDate day = scheduling.day(4);
        UUID booked = scheduling.bookAppointment(scheduling.admin, scheduling.customer(), 4, "08:00");
        String first = email();
        UUID firstEntry = join(patient(first), day);
        String second = email();
        UUID secondEntry = join(patient(second), day);
        cancel(booked);
        String firstSecret = secret(inbox.receive(first, "WAITLIST_SLOT_OFFERED"));

        clock.advance(Duration.ofHours(2).plusMinutes(1));
        assertThat(waitlist.passOnExpired()).isPositive();
        // The job running again (another instance, the next minute) passes nothing on twice.
        waitlist.passOnExpired();

        assertThat(status(firstEntry)).isEqualTo("EXPIRED");
        assertThat(status(secondEntry)).isEqualTo("OFFERED");
        assertThat(offers.show(firstSecret).state()).isEqualTo(WaitlistOffers.State.EXPIRED);
        String secondSecret = secret(inbox.receive(second, "WAITLIST_SLOT_OFFERED"));
        inbox.dispatchAll();
        assertThat(inbox.to(second)).as("one offer message to the next in line").hasSize(1);
        assertThat(offered(second)).isEqualTo(1);

        var view = offers.show(secondSecret);
        assertThat(view.state()).isEqualTo(WaitlistOffers.State.VALID);
        assertThat(view.start().toLocalDate()).isEqualTo(day);
        assertThat(view.start().toLocalTime()).hasToString("08:00");
        assertThat(offers.accept(secondSecret).state()).isEqualTo(WaitlistOffers.State.BOOKED);
        assertThat(status(secondEntry)).isEqualTo("BOOKED");
    }

    @Test
    void anExpiredOfferWhoseTimeWasBookedMeanwhileIsNotPassedOn() throws Exception {
        LocalDate day = scheduling.day(5);
        UUID booked = scheduling.bookAppointment(scheduling.admin, scheduling.customer(), 5, "08:00");
        String first = email();
        UUID firstEntry = join(patient(first), day);
        String second = email();
        UUID secondEntry = join(patient(second), day);
        cancel(booked);
        inbox.receive(first, "WAITLIST_SLOT_OFFERED");
        // Reception gives the freed time to someone at the desk before the offer is taken up.
        scheduling.bookAppointment(scheduling.admin, scheduling.customer(), 5, "08:00");

        clock.advance(Duration.ofHours(2).plusMinutes(1));
        waitlist.passOnExpired();

        assertThat(status(firstEntry)).isEqualTo("EXPIRED");
        assertThat(status(secondEntry)).isEqualTo("WAITING");
        assertThat(offered(second)).isZero();
    }

    private static String email() {
        return "espera-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    private UUID patient(String email) {
        String number = String.valueOf(1_000_000_000L + (long) (Math.random() * 8_000_000_000L));
        var created = http.call("POST", "/api/v1/customers", scheduling.admin, """
                {"document_type": "CC", "document_number": "%s", "full_name": "Espera %s", "email": "%s"}""".formatted(number, number, email));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return UUID.fromString(json(created).get("id").asString());
    }

    private UUID join(UUID patient, LocalDate day) {
        var joined = http.call("POST", "/api/v1/appointments/waitlist", scheduling.admin, """
                {"patient_id": "%s", "therapist_id": "%s", "service_id": "%s", "date_from": "%s", "date_to": "%s"}""".formatted(
                        patient, scheduling.practitioner, scheduling.service, day, day));
        assertThat(joined.statusCode()).as(joined.body()).isEqualTo(201);
        return UUID.fromString(json(joined).get("id").asString());
    }

    private void cancel(UUID appointment) {
        assertThat(http.call("DELETE", "/api/v1/appointments/" + appointment, scheduling.admin, null)
                        .statusCode())
                .isEqualTo(200);
    }

    private String status(UUID entry) {
        return owner.sql("SELECT status FROM scheduling_waitlist WHERE id = :id")
                .param("id", entry)
                .query(String.class)
                .single();
    }

    /** The offer notifications created for {@code email}. */
    private long offered(String email) {
        return owner.sql("""
                        SELECT count(*) FROM notifications
                        WHERE lower(recipient_email) = lower(:e) AND template_code = 'WAITLIST_SLOT_OFFERED'""").param("e", email).query(Long.class).single();
    }

    private static String secret(MimeMessage message) {
        String body = Inbox.text(message);
        Matcher link = Pattern.compile("/waitlist/offers/([A-Za-z0-9_-]+)").matcher(body);
        assertThat(link.find()).as(body).isTrue();
        return link.group(1);
    }
}
