package io.turno.billing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.turno.TestHttp.assertProblem;
import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.turno.MutableClock;
import io.turno.TestHttp;
import io.turno.TestServers;
import io.turno.TurnoTest;
import io.turno.billing.Payments.ChargeRequest;
import io.turno.billing.Payments.ChargeResult;
import io.turno.billing.Payments.ChargeStatus;
import io.turno.customers.Customers;
import io.turno.customers.NewCustomer;
import io.turno.scheduling.SchedulingFixture;
import io.turno.shared.Actor;
import io.turno.shared.TenantId;
import io.turno.shared.TenantScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import tools.jackson.databind.JsonNode;

/**
 * Payments, receipts, tills and the daily reports on the real database, with a clock the test sets
 * (payments around the organization's midnight) and a card provider played by WireMock.
 */
@TurnoTest
@RecordApplicationEvents
class BillingTests {

    /** Its key (sk_test_turno) and read timeout (2 s) are the test configuration's. */
    static WireMockServer provider = TestServers.cardGateway();

    record TestActor(UUID userId, TenantId tenantId, String username) implements Actor {}

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    Payments payments;

    @Autowired
    Customers customers;

    @Autowired
    PastPayments past;

    @Autowired
    ApplicationEvents events;

    @Autowired
    javax.sql.DataSource dataSource;

    JdbcClient owner;
    TestHttp http;
    TenantId demo;
    Actor reception;
    final List<String> tokens = new ArrayList<>();
    SchedulingFixture scheduling;
    int booked;

    @Autowired
    void ownerConnection(javax.sql.DataSource dataSource) {
        owner = io.turno.TestDatabase.owner(dataSource);
    }

    @BeforeEach
    void setUp() {
        http = new TestHttp(port);
        demo = new TenantId(owner.sql("SELECT id FROM tenants WHERE slug = 'demo'")
                .query(UUID.class)
                .single());
        UUID receptionId = owner.sql("SELECT id FROM users WHERE tenant_id = :t AND username = 'reception'")
                .param("t", demo.value())
                .query(UUID.class)
                .single();
        reception = new TestActor(receptionId, demo, "reception");
        provider.resetAll();
    }

    @AfterEach
    void tearDown() {
        if (scheduling != null) {
            scheduling.signOut();
        }
        tokens.forEach(token -> http.call("POST", "/api/v1/auth/logout", token, null));
    }

    @Test
    void theDailyCashReportAddsUpTheDaysPaymentsPerMethodInTheOrganizationsTimeZone() {
        ZoneId bogota = ZoneId.of("America/Bogota");
        LocalDate day = LocalDate.of(2041, 3, ThreadLocalRandom.current().nextInt(1, 28));
        UUID customer = customer();
        pay(day.minusDays(1), LocalTime.of(23, 59, 30), customer, "10.00", PaymentMethod.CASH);
        UUID firstCash = pay(day, LocalTime.of(0, 0, 30), customer, "20.00", PaymentMethod.CASH)
                .id();
        pay(day, LocalTime.of(0, 0, 30), customer, "30.00", PaymentMethod.CARD);
        pay(day, LocalTime.of(0, 1), customer, "40.50", PaymentMethod.TRANSFER);
        pay(day, LocalTime.of(12, 0), customer, "5.25", PaymentMethod.CASH);
        pay(day, LocalTime.of(23, 59, 30), customer, "7.00", PaymentMethod.OTHER);
        pay(day.plusDays(1), LocalTime.of(0, 0, 30), customer, "100.00", PaymentMethod.CARD);
        clock.reset();
        String supervisor = signIn("supervisor", "Supervisor123!");
        var refunded = http.call("POST", "/api/v1/payments/" + firstCash + "/refunds", supervisor, """
                {"amount": "2.00", "reason": "cobro de más"}""");
        assertThat(refunded.statusCode()).as(refunded.body()).isEqualTo(200);
        // The refund happened today, not on the report's day: move it there, as if made at noon that day.
        owner.sql("UPDATE billing_refunds SET refunded_at = :at WHERE payment_id = :p")
                .param(
                        "at",
                        java.sql.Timestamp.from(day.atTime(13, 0).atZone(bogota).toInstant()))
                .param("p", firstCash)
                .update();

        JsonNode report =
                json(http.call("POST", "/api/v1/reports/improved-daily-cash", supervisor, """
                {"date": "%s"}""".formatted(day)));
        assertThat(report.get("time_zone").asString()).isEqualTo("America/Bogota");
        Map<String, JsonNode> rows = new HashMap<>();
        report.get("methods").forEach(row -> rows.put(row.get("method").asString(), row));
        assertThat(rows).containsOnlyKeys("CASH", "CARD", "TRANSFER", "OTHER");
        assertThat(rows.get("CASH").get("count").asLong()).isEqualTo(2);
        assertThat(rows.get("CASH").get("received").asString()).isEqualTo("25.25");
        assertThat(rows.get("CASH").get("refunded").asString()).isEqualTo("2.00");
        assertThat(rows.get("CASH").get("net").asString()).isEqualTo("23.25");
        assertThat(rows.get("CARD").get("received").asString())
                .as("not the card of the next day")
                .isEqualTo("30.00");
        assertThat(rows.get("TRANSFER").get("received").asString()).isEqualTo("40.50");
        assertThat(rows.get("OTHER").get("received").asString())
                .as("a minute before midnight")
                .isEqualTo("7.00");
        assertThat(report.get("totals").get(0).get("received").asString()).isEqualTo("102.75");
        assertThat(report.get("totals").get(0).get("net").asString()).isEqualTo("100.75");

        // The same sums, computed independently from the rows, per method of the local day.
        Map<String, BigDecimal> expected = new HashMap<>();
        owner.sql("""
                SELECT method, sum(amount) AS s FROM billing_payments
                WHERE tenant_id = :t AND (received_at AT TIME ZONE 'America/Bogota')::date = :d GROUP BY method""")
                .param("t", demo.value())
                .param("d", java.sql.Date.valueOf(day))
                .query((rs, n) -> expected.put(rs.getString("method"), rs.getBigDecimal("s")))
                .list();
        rows.forEach(
                (method, row) -> assertThat(new BigDecimal(row.get("received").asString()))
                        .isEqualByComparingTo(expected.getOrDefault(method, BigDecimal.ZERO)));

        JsonNode some = json(http.call("POST", "/api/v1/reports/improved-daily-cash", supervisor, """
                {"date": "%s", "payment_methods": ["OTHER", "CASH"]}""".formatted(day)));
        assertThat(some.get("methods").valueStream().map(r -> r.get("method").asString()))
                .containsExactly("CASH", "OTHER");

        JsonNode tickets =
                json(http.call("POST", "/api/v1/reports/daily-paid-tickets", supervisor, """
                {"date": "%s"}""".formatted(day)));
        assertThat(tickets.get("count").asLong()).isEqualTo(5);
        List<Long> numbers = tickets.get("tickets")
                .valueStream()
                .map(t -> t.get("receipt_number").asLong())
                .toList();
        assertThat(numbers).isSorted().doesNotHaveDuplicates();
        assertThat(tickets.get("totals").get(0).get("received").asString()).isEqualTo("102.75");

        assertThat(owner.sql("""
                SELECT kind FROM audit_query_log WHERE tenant_id = :t AND username = 'supervisor'
                  AND filters ->> 'date' = :d ORDER BY id""")
                        .param("t", demo.value())
                        .param("d", day.toString())
                        .query(String.class)
                        .list())
                .containsExactly(
                        "billing.improved_daily_cash", "billing.improved_daily_cash", "billing.daily_paid_tickets");
        assertProblem(
                http.call(
                        "POST",
                        "/api/v1/reports/daily-paid-tickets",
                        signIn("reception", "Reception123!"),
                        "{\"date\": \"" + day + "\"}"),
                403,
                "INSUFFICIENT_PERMISSIONS");
    }

    /** Two instances on one database, 16 threads each: the receipt counter is a row, not a JVM's memory. */
    @Test
    void concurrentPaymentsOnTwoInstancesGetDistinctReceiptNumbersWithoutGaps() throws Exception {
        UUID customer = customer();
        String sharedKey = "dup-" + UUID.randomUUID();
        var second = io.turno.TestDatabase.secondInstance(dataSource);
        Payments other = second.getBean(Payments.class);
        List<Callable<ChargeResult>> calls = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            // Every fourth call repeats one key: those writes fail after taking a number, which must come back.
            String key = i % 4 == 0 ? sharedKey : "k-" + UUID.randomUUID();
            Payments instance = i % 2 == 0 ? payments : other;
            calls.add(() -> TenantScope.call(
                    demo,
                    () -> instance.charge(
                            demo,
                            new ChargeRequest(
                                    null,
                                    customer,
                                    new BigDecimal("1000.00"),
                                    null,
                                    PaymentMethod.CASH,
                                    null,
                                    key,
                                    "Consulta"),
                            reception)));
        }
        List<ChargeResult> results = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(32)) {
            for (Future<ChargeResult> f : pool.invokeAll(calls)) {
                results.add(f.get());
            }
        }
        assertThat(results).allSatisfy(r -> assertThat(r.status()).isEqualTo(ChargeStatus.APPROVED));
        assertThat(results.stream().map(r -> r.payment().id()).distinct())
                .as("one payment per key")
                .hasSize(49);
        List<Long> numbers = owner.sql("SELECT receipt_number FROM billing_payments WHERE tenant_id = :t ORDER BY 1")
                .param("t", demo.value())
                .query(Long.class)
                .list();
        assertThat(numbers).doesNotHaveDuplicates();
        assertThat(numbers.getFirst()).isEqualTo(1);
        assertThat(numbers.getLast()).as("no gaps").isEqualTo(numbers.size());
    }

    @Test
    void aTillSessionCountsItsMoneyPerMethodAndClosesWithTheDifference() {
        String reception = signIn("reception", "Reception123!");
        String supervisor = signIn("supervisor", "Supervisor123!");
        String till = "Caja " + UUID.randomUUID().toString().substring(0, 6);
        UUID customer = customer();
        var opened = http.call("POST", "/api/v1/cash-sessions", reception, """
                {"till": "%s", "opening_balance": "100000.00"}""".formatted(till));
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        String session = json(opened).get("id").asString();
        assertProblem(
                http.call("POST", "/api/v1/cash-sessions", supervisor, """
                {"till": "%s", "opening_balance": "0"}""".formatted(till.toUpperCase())),
                409,
                "CONFLICT");

        String cash =
                json(desk(reception, customer, "CASH", "50000", till)).get("id").asString();
        desk(reception, customer, "CARD", "30000", till);
        var partial = http.call("POST", "/api/v1/payments", reception, """
                {"customer_id": "%s", "appointment_id": "%s", "method": "TRANSFER", "amount": "1.001"}""".formatted(customer, appointment(customer)));
        assertProblem(partial, 422, "VALIDATION_FAILED");
        assertProblem(
                http.call("POST", "/api/v1/payments/" + cash + "/refunds", supervisor, """
                {"amount": "50000.01", "reason": "x"}"""),
                409,
                "BUSINESS_RULE_VIOLATION");
        var refund = http.call("POST", "/api/v1/payments/" + cash + "/refunds", supervisor, """
                {"amount": "10000", "reason": "sesión no realizada", "till": "%s"}""".formatted(till));
        assertThat(json(refund).get("refunded_amount").asString()).isEqualTo("10000.00");
        assertProblem(
                http.call("POST", "/api/v1/payments/" + cash + "/refunds", supervisor, """
                {"amount": "40000.01", "reason": "x"}"""),
                409,
                "BUSINESS_RULE_VIOLATION");

        JsonNode live = json(http.call("GET", "/api/v1/cash-sessions/" + session, reception, null));
        assertThat(live.get("status").asString()).isEqualTo("OPEN");
        assertThat(live.get("expected_cash").asString()).isEqualTo("140000.00");
        var closed = http.call("POST", "/api/v1/cash-sessions/" + session + "/close", reception, """
                {"counted_cash": "139000"}""");
        assertThat(closed.statusCode()).as(closed.body()).isEqualTo(200);
        JsonNode done = json(closed);
        assertThat(done.get("status").asString()).isEqualTo("CLOSED");
        assertThat(done.get("difference").asString()).isEqualTo("-1000.00");
        Map<String, String> income = new HashMap<>();
        done.get("income")
                .forEach(
                        r -> income.put(r.get("method").asString(), r.get("net").asString()));
        assertThat(income).containsEntry("CASH", "40000.00").containsEntry("CARD", "30000.00");
        assertProblem(
                http.call("POST", "/api/v1/cash-sessions/" + session + "/close", reception, """
                {"counted_cash": "1"}"""), 409, "CONFLICT");
        assertProblem(desk(reception, customer, "CASH", "1", till), 409, "BUSINESS_RULE_VIOLATION");
        assertThat(owner.sql("SELECT count(*) FROM audit_log WHERE entity_type = 'cash_session' AND entity_id = :id")
                        .param("id", session)
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
    }

    @Test
    void aPaymentForAnAppointmentTheOrganizationDoesNotHaveIsRefusedBeforeAnyCharge() {
        String reception = signIn("reception", "Reception123!");
        UUID customer = customer();
        UUID unknown = UUID.randomUUID();
        var refused = http.call("POST", "/api/v1/payments", reception, """
                {"customer_id": "%s", "appointment_id": "%s", "method": "CARD", "amount": "45000", "card_token": "tok_visa"}""".formatted(customer, unknown));
        assertProblem(refused, 422, "BUSINESS_RULE_VIOLATION");
        assertThat(json(refused).get("detail").asString())
                .contains(unknown.toString())
                .contains("no existe");
        provider.verify(0, postRequestedFor(urlEqualTo("/v1/charges")));
        assertThat(paymentsOf(customer)).isZero();

        // The database refuses it too, whoever writes the row.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> owner.sql("""
                INSERT INTO billing_payments (id, tenant_id, receipt_number, appointment_id, customer_id, customer_name,
                                              customer_document, concept, method, amount, received_at)
                VALUES (gen_random_uuid(), :t, 999999999, :a, :c, 'x', 'x', 'x', 'CASH', 1, now())""")
                        .param("t", demo.value())
                        .param("a", unknown)
                        .param("c", customer)
                        .update())
                .hasMessageContaining("billing_payments_appointment_fk");

        UUID real = appointment(customer);
        var paid = http.call("POST", "/api/v1/payments", reception, """
                {"customer_id": "%s", "appointment_id": "%s", "method": "CASH", "amount": "45000"}""".formatted(customer, real));
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(201);
        assertThat(json(paid).get("appointment_id").asString()).isEqualTo(real.toString());
    }

    @Test
    void anApprovedCardChargeIsRecordedOnceWithItsReceiptAndSendsTheIdempotencyKey() {
        provider.stubFor(post(urlEqualTo("/v1/charges"))
                .withHeader("Authorization", equalTo("Bearer sk_test_turno"))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"id\": \"ch_123\", \"status\": \"approved\"}")));
        UUID customer = customer();
        UUID appointment = appointment(customer);
        String key = "res-" + UUID.randomUUID();
        var request = new ChargeRequest(
                appointment, customer, new BigDecimal("45000"), "COP", PaymentMethod.CARD, "tok_visa", key, null);

        ChargeResult result = TenantScope.call(demo, () -> payments.charge(demo, request, reception));
        assertThat(result.status()).isEqualTo(ChargeStatus.APPROVED);
        assertThat(result.payment().reference()).isEqualTo("ch_123");
        assertThat(result.payment().receiptNumber()).isPositive();
        provider.verify(
                1,
                postRequestedFor(urlEqualTo("/v1/charges"))
                        .withHeader("Idempotency-Key", equalTo(key))
                        .withRequestBody(equalToJson("""
                        {"amount": "45000.00", "currency": "COP", "card_token": "tok_visa", "reference": "%s"}""".formatted(appointment), true, true)));
        assertThat(events.stream(PaymentReceived.class)
                        .filter(e -> e.paymentId().equals(result.payment().id())))
                .singleElement()
                .satisfies(e -> assertThat(e.appointmentId()).isEqualTo(appointment));

        ChargeResult again = TenantScope.call(demo, () -> payments.charge(demo, request, reception));
        assertThat(again.payment().id())
                .as("the same key answers the same payment")
                .isEqualTo(result.payment().id());
        provider.verify(1, postRequestedFor(urlEqualTo("/v1/charges")));
        assertThat(TenantScope.call(demo, () -> payments.netPaid(demo, appointment)))
                .isEqualByComparingTo("45000");
        var otherAmount = new ChargeRequest(
                appointment, customer, new BigDecimal("1"), "COP", PaymentMethod.CARD, "tok_visa", key, null);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> TenantScope.call(demo, () -> payments.charge(demo, otherAmount, reception)))
                .as("a key names one charge")
                .hasMessageContaining("idempotencia");
        provider.verify(1, postRequestedFor(urlEqualTo("/v1/charges")));
    }

    @Test
    void aDeclinedOrUnansweredCardChargeRecordsNothing() {
        TestServers.stubDeclinedAndUnansweredCards(provider);
        provider.stubFor(post(urlEqualTo("/v1/charges"))
                .withRequestBody(matchingJsonPath("$.card_token", equalTo("tok_broken")))
                .willReturn(aResponse().withStatus(503)));
        UUID customer = customer();
        long before = paymentsOf(customer);

        ChargeResult declined = charge(customer, "tok_declined");
        assertThat(declined.status()).isEqualTo(ChargeStatus.DECLINED);
        assertThat(declined.reason()).isEqualTo("insufficient_funds");
        assertThat(declined.payment()).isNull();

        long started = System.nanoTime();
        ChargeResult slow = charge(customer, "tok_slow");
        assertThat(slow.status()).isEqualTo(ChargeStatus.TIMED_OUT);
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("the read timeout, not the provider's delay")
                .isLessThan(Duration.ofMillis(5000));
        assertThat(charge(customer, "tok_broken").status()).isEqualTo(ChargeStatus.TIMED_OUT);

        assertThat(paymentsOf(customer)).as("nothing recorded").isEqualTo(before);
        provider.verify(
                3,
                postRequestedFor(urlEqualTo("/v1/charges"))
                        .withHeader(
                                "Idempotency-Key",
                                com.github.tomakehurst.wiremock.client.WireMock.matching("decl-.*")));

        String reception = signIn("reception", "Reception123!");
        assertProblem(
                http.call("POST", "/api/v1/payments", reception, """
                {"customer_id": "%s", "method": "CARD", "amount": "10", "card_token": "tok_declined"}""".formatted(customer)),
                402,
                "BUSINESS_RULE_VIOLATION");
    }

    @Test
    void everyBillingTableIsIsolatedByRowLevelSecurity() {
        assertThat(owner.sql("""
                SELECT relname || ':' || relrowsecurity FROM pg_class
                WHERE relkind = 'r' AND (relname LIKE 'billing\\_%' OR relname LIKE 'clinical\\_%') ORDER BY 1""").query(String.class).list())
                .hasSize(7)
                .allSatisfy(row -> assertThat(row).endsWith(":true"));
    }

    @Test
    void pastPaymentsTakeTheNextReceiptsInTheOrderTheMoneyCameInOnceEachAndCountOnTheirDay() {
        ZoneId bogota = ZoneId.of("America/Bogota");
        LocalDate day = LocalDate.of(
                2019,
                1 + ThreadLocalRandom.current().nextInt(12),
                1 + ThreadLocalRandom.current().nextInt(28));
        Instant nine = day.atTime(9, 0).atZone(bogota).toInstant();
        UUID customer = customer();
        String key = "past-" + UUID.randomUUID();
        var later = new PastPayments.PastPayment(
                null,
                customer,
                new BigDecimal("30000"),
                null,
                PaymentMethod.CARD,
                "Voucher 1",
                nine.plusSeconds(3600),
                key + "-2");
        var earlier = new PastPayments.PastPayment(
                null, customer, new BigDecimal("20000"), "cop", PaymentMethod.CASH, null, nine, key + "-1");
        long lastBefore = owner.sql("SELECT last_number FROM billing_receipt_counters WHERE tenant_id = :t")
                .param("t", demo.value())
                .query(Long.class)
                .optional()
                .orElse(0L);

        List<PaymentView> recorded =
                TenantScope.call(demo, () -> past.recordPast(demo, List.of(later, earlier, later), reception));
        assertThat(recorded).extracting(PaymentView::method).containsExactly(PaymentMethod.CASH, PaymentMethod.CARD);
        assertThat(recorded)
                .extracting(PaymentView::receiptNumber)
                .as("the next numbers, in the order the money came in")
                .containsExactly(lastBefore + 1, lastBefore + 2);
        assertThat(recorded.getFirst().receivedAt()).isEqualTo(nine);
        assertThat(recorded.getFirst().currency()).isEqualTo("COP");
        assertThat(recorded.getFirst().amount()).isEqualTo(new BigDecimal("20000.00"));
        assertThat(events.stream(PaymentReceived.class)
                        .filter(e -> e.customerId().equals(customer)))
                .as("nobody is sent a receipt for money taken long ago")
                .isEmpty();
        assertThat(TenantScope.call(demo, () -> past.recordPast(demo, List.of(earlier, later), reception)))
                .as("a key recorded is recorded once")
                .isEmpty();
        assertThat(paymentsOf(customer)).isEqualTo(2);

        JsonNode report = json(http.call(
                "POST", "/api/v1/reports/improved-daily-cash", signIn("supervisor", "Supervisor123!"), """
                {"date": "%s"}""".formatted(
                                day)));
        Map<String, String> received = new HashMap<>();
        report.get("methods")
                .forEach(row -> received.put(
                        row.get("method").asString(), row.get("received").asString()));
        assertThat(received).containsEntry("CASH", "20000.00").containsEntry("CARD", "30000.00");

        var tomorrow = new PastPayments.PastPayment(
                null,
                customer,
                new BigDecimal("1"),
                null,
                PaymentMethod.CASH,
                null,
                clock.instant().plusSeconds(3600),
                key + "-3");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(
                        () -> TenantScope.call(demo, () -> past.recordPast(demo, List.of(tomorrow), reception))))
                .isInstanceOf(io.turno.shared.BusinessException.class)
                .hasMessageContaining("antes de ahora");
        assertThat(paymentsOf(customer)).isEqualTo(2);
    }

    private ChargeResult charge(UUID customer, String token) {
        UUID appointment = appointment(customer);
        return TenantScope.call(
                demo,
                () -> payments.charge(
                        demo,
                        new ChargeRequest(
                                appointment,
                                customer,
                                new BigDecimal("45000"),
                                "COP",
                                PaymentMethod.CARD,
                                token,
                                "decl-" + UUID.randomUUID(),
                                null),
                        reception));
    }

    private long paymentsOf(UUID customer) {
        return owner.sql("SELECT count(*) FROM billing_payments WHERE customer_id = :c")
                .param("c", customer)
                .query(Long.class)
                .single();
    }

    private java.net.http.HttpResponse<String> desk(
            String token, UUID customer, String method, String amount, String till) {
        return http.call("POST", "/api/v1/payments", token, """
                {"customer_id": "%s", "method": "%s", "amount": "%s", "till": "%s", "concept": "Consulta"}""".formatted(customer, method, amount, till));
    }

    /** A payment received at {@code time} on {@code date}, Bogotá time. */
    private PaymentView pay(LocalDate date, LocalTime time, UUID customer, String amount, PaymentMethod method) {
        Instant at = date.atTime(time).atZone(ZoneId.of("America/Bogota")).toInstant();
        clock.advance(Duration.between(clock.instant(), at));
        ChargeResult result = TenantScope.call(
                demo,
                () -> payments.charge(
                        demo,
                        new ChargeRequest(null, customer, new BigDecimal(amount), null, method, null, null, null),
                        reception));
        return result.payment();
    }

    /** A real appointment of the customer (payments reference scheduling's appointments). */
    private UUID appointment(UUID customer) {
        if (scheduling == null) {
            scheduling = new SchedulingFixture(http, signIn("admin", "Admin123!"), "America/Bogota", 45);
        }
        return scheduling.bookAppointment(scheduling.admin, customer, 1 + booked++, "09:00");
    }

    private UUID customer() {
        String number = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L));
        return TenantScope.call(
                        demo,
                        () -> customers.findOrCreate(
                                demo, new NewCustomer("CC", number, "Paciente " + number), reception))
                .id();
    }

    private String signIn(String username, String password) {
        String token = http.demoToken(username, password);
        tokens.add(token);
        return token;
    }
}
