package io.turno.web;

import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ColorScheme;
import io.turno.Inbox;
import io.turno.MutableClock;
import io.turno.SignedIn;
import io.turno.TestDatabase;
import io.turno.TestHttp;
import io.turno.TestServers;
import io.turno.TurnoTest;
import io.turno.notifications.internal.Dispatcher;
import io.turno.scheduling.SchedulingFixture;
import io.turno.scheduling.internal.WaitlistOffers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A waitlist offer from the cancellation that frees a slot to the page its email links to: the link
 * books the slot once (a second use, an expired link and a concurrent second accept are refused), and
 * the page passes axe at a phone's width in both themes.
 */
@TurnoTest
class WaitlistOfferBrowserTests {

    static GreenMail smtp = TestServers.startSmtp();

    @AfterAll
    static void stop() {
        smtp.stop();
    }

    @RegisterExtension
    final HeadlessChromium chromium = new HeadlessChromium();

    @RegisterExtension
    final SignedIn signedIn = new SignedIn();

    @LocalServerPort
    int port;

    @Autowired
    Dispatcher dispatcher;

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

    /** An offer's link secret and its patient. */
    record Offered(String secret, UUID patient, LocalDate day) {}

    @Test
    void theEmailedLinkBooksTheSlotOnceAndASecondUseIsRefused() throws Exception {
        var offered = offer(4);
        assertThat(owner.sql("SELECT count(*) FROM scheduling_waitlist WHERE offer_token_hash = :t")
                        .param("t", offered.secret())
                        .query(Long.class)
                        .single())
                .as("only a hash of the secret is stored")
                .isZero();

        Page page = chromium.page();
        page.navigate("/waitlist/offers/" + offered.secret());
        assertThat(page.locator("main").textContent()).contains("Terapeuta").contains("8:00");
        page.click("main form button[type=submit]");
        assertThat(page.locator("main .alert.ok").textContent()).contains("reservado");
        assertThat(appointmentsOf(offered.patient())).isEqualTo(1);

        page.navigate("/waitlist/offers/" + offered.secret());
        String used = page.locator("main .alert.error").textContent();
        assertThat(used).contains("ya se usó");
        assertThat(page.locator("main form button").count()).isZero();
        // An unknown link answers the very same.
        page.navigate("/waitlist/offers/" + "x".repeat(43));
        assertThat(page.locator("main .alert.error").textContent()).isEqualTo(used);
        assertThat(appointmentsOf(offered.patient())).isEqualTo(1);
    }

    @Test
    void anExpiredLinkIsRefused() throws Exception {
        var offered = offer(5);
        Page page = chromium.page();
        page.navigate("/waitlist/offers/" + offered.secret());
        clock.advance(Duration.ofHours(2).plusMinutes(1));
        page.click("main form button[type=submit]");
        assertThat(page.locator("main .alert.error").textContent()).contains("venció");
        assertThat(appointmentsOf(offered.patient())).isZero();
    }

    @Test
    void twoConcurrentAcceptsBookOnce() throws Exception {
        var offered = offer(6);
        var start = new CountDownLatch(1);
        Callable<WaitlistOffers.State> accept = () -> {
            start.await();
            return offers.accept(offered.secret()).state();
        };
        try (var threads = Executors.newFixedThreadPool(2)) {
            Future<WaitlistOffers.State> first = threads.submit(accept);
            Future<WaitlistOffers.State> second = threads.submit(accept);
            start.countDown();
            assertThat(List.of(first.get(), second.get()))
                    .containsExactlyInAnyOrder(WaitlistOffers.State.BOOKED, WaitlistOffers.State.GONE);
        }
        assertThat(appointmentsOf(offered.patient())).isEqualTo(1);
    }

    @Test
    void theOfferPageFitsAPhoneAndPassesAxeInBothThemes() throws Exception {
        var offered = offer(7);
        List<PageAudit.Problem> problems = new ArrayList<>();
        var timings = new PageAudit.Timings();
        var scanned = new HashSet<String>();
        for (ColorScheme theme : List.of(ColorScheme.LIGHT, ColorScheme.DARK)) {
            var context = chromium.context(
                    new Browser.NewContextOptions().setColorScheme(theme).setViewportSize(390, 844));
            Page page = chromium.page(context);
            var audit = new PageAudit(context, page, timings, null, scanned);
            String who = "anonymous " + theme;
            for (String path : List.of("/waitlist/offers/" + offered.secret(), "/waitlist/offers/" + "x".repeat(43))) {
                String at = audit.open(page, path, problems, who);
                audit.check(page, problems, who, at + " " + theme, 390);
                audit.logs(problems, who, at);
            }
        }
        assertThat(problems).isEmpty();
    }

    /**
     * A patient with an email waits for the fixture's practitioner; the 08:00 appointment {@code days}
     * ahead is cancelled, so the slot is offered to them; answers the secret of the emailed link.
     */
    private Offered offer(int days) throws Exception {
        String email = "espera-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String number = String.valueOf(1_000_000_000L + (long) (Math.random() * 8_000_000_000L));
        var created = http.call("POST", "/api/v1/customers", scheduling.admin, """
                {"document_type": "CC", "document_number": "%s", "full_name": "Espera %s", "email": "%s"}""".formatted(number, number, email));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        UUID patient = UUID.fromString(json(created).get("id").asString());
        LocalDate day = scheduling.day(days);
        UUID booked = scheduling.bookAppointment(scheduling.admin, scheduling.customer(), days, "08:00");
        var joined = http.call("POST", "/api/v1/appointments/waitlist", scheduling.admin, """
                {"patient_id": "%s", "therapist_id": "%s", "service_id": "%s", "date_from": "%s", "date_to": "%s"}""".formatted(
                        patient, scheduling.practitioner, scheduling.service, day, day));
        assertThat(joined.statusCode()).as(joined.body()).isEqualTo(201);
        assertThat(http.call("DELETE", "/api/v1/appointments/" + booked, scheduling.admin, null)
                        .statusCode())
                .isEqualTo(200);

        String body = Inbox.text(inbox.receive(email, "WAITLIST_SLOT_OFFERED"));
        Matcher link = Pattern.compile("/waitlist/offers/([A-Za-z0-9_-]+)").matcher(body);
        assertThat(link.find()).as(body).isTrue();
        assertThat(body).contains("sirve una vez, hasta el ");
        return new Offered(link.group(1), patient, day);
    }

    private long appointmentsOf(UUID patient) {
        return owner.sql(
                        "SELECT count(*) FROM scheduling_appointments WHERE customer_id = :c AND status <> 'CANCELLED'")
                .param("c", patient)
                .query(Long.class)
                .single();
    }
}
