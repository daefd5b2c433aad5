package io.turno.scheduling;

import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.turno.TestDatabase;
import io.turno.TestHttp;
import io.turno.TurnoTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The demo's therapist gives TERAPIA on weekdays, and its patient books and cancels their own appointment;
 * the therapist's week around today is seeded once, with every outcome, and its completed appointments are
 * paid on their day, so the income widget and the daily cash reports agree.
 */
@TurnoTest
class SchedulingDemoTests {

    @LocalServerPort
    int port;

    @Autowired
    List<ApplicationRunner> runners;

    @Autowired
    ApplicationContext context;

    JdbcClient owner;

    @Autowired
    void ownerConnection(javax.sql.DataSource dataSource) {
        owner = TestDatabase.owner(dataSource);
    }

    @Test
    void theDemoPatientBooksTheDemoTherapistOnAWeekday() throws Exception {
        // Loading again changes nothing.
        for (ApplicationRunner runner : runners) {
            runner.run(new DefaultApplicationArguments());
        }
        assertThat(owner.sql("""
                SELECT count(*) FROM scheduling_practitioners p JOIN users u ON u.id = p.user_id
                WHERE u.username = 'therapist'""").query(Long.class).single()).isEqualTo(1);

        var http = new TestHttp(port);
        String patient = http.demoToken("patient", "Patient123!");
        try {
            String id = owner.sql("""
                    SELECT p.id FROM scheduling_practitioners p JOIN users u ON u.id = p.user_id
                    WHERE u.username = 'therapist'""").query(String.class).single();
            var therapist = json(http.call("GET", "/api/v1/practitioners/" + id, patient, null));
            String service = therapist.get("service_ids").get(0).asString();
            assertThat(owner.sql("SELECT code FROM catalog_services WHERE id = CAST(:id AS uuid)")
                            .param("id", service)
                            .query(String.class)
                            .single())
                    .isEqualTo("TERAPIA");
            ZoneId zone = ZoneId.of("America/Bogota");
            LocalDate day = LocalDate.now(zone).plusDays(7);
            while (day.getDayOfWeek() != DayOfWeek.WEDNESDAY) {
                day = day.plusDays(1);
            }
            var slots = json(http.call(
                            "GET",
                            "/api/v1/appointments/available?therapist_id=%s&service_id=%s&date_from=%s"
                                    .formatted(therapist.get("id").asString(), service, day),
                            patient,
                            null))
                    .get("slots");
            assertThat(slots.get(0).get("start").asString())
                    .isEqualTo(
                            day.atTime(LocalTime.of(8, 0)).atZone(zone).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
            assertThat(slots.valueStream().map(s -> s.get("start").asString())).noneMatch(s -> s.contains("T12:"));
            var booked = http.call("POST", "/api/v1/appointments", patient, """
                    {"therapist_id": "%s", "service_id": "%s", "start": "%s"}""".formatted(
                            therapist.get("id").asString(),
                            service,
                            slots.get(3).get("start").asString()));
            assertThat(booked.statusCode()).as(booked.body()).isEqualTo(201);
            var cancelled = http.call(
                    "DELETE", "/api/v1/appointments/" + json(booked).get("id").asString(), patient, null);
            assertThat(json(cancelled).get("status").asString()).isEqualTo("CANCELLED");
        } finally {
            http.call("POST", "/api/v1/auth/logout", patient, null);
        }
    }

    /** The demo therapist's appointments, one line each: local day, local time, status, payments and their methods. */
    private static final String WEEK = """
            SELECT format('%s %s %s paid=%s %s', CAST(a.starts_at AT TIME ZONE p.time_zone AS date),
                          to_char(a.starts_at AT TIME ZONE p.time_zone, 'HH24:MI'), a.status,
                          (SELECT count(*) FROM billing_payments b WHERE b.tenant_id = a.tenant_id AND b.appointment_id = a.id
                             AND CAST(b.received_at AT TIME ZONE p.time_zone AS date)
                                 = CAST(a.starts_at AT TIME ZONE p.time_zone AS date)),
                          (SELECT coalesce(string_agg(b.method, ','), '-') FROM billing_payments b
                           WHERE b.tenant_id = a.tenant_id AND b.appointment_id = a.id))
            FROM scheduling_appointments a
            JOIN scheduling_practitioners p ON p.id = a.practitioner_id
            JOIN users u ON u.id = p.user_id
            JOIN tenants t ON t.id = a.tenant_id
            WHERE t.slug = 'demo' AND u.username = 'therapist' AND a.starts_at < :before
            ORDER BY a.starts_at
            """;

    @Test
    void theDemoTherapistsPastWeekHasEveryOutcomeAndEachCompletedSessionIsPaidOnItsDay() {
        ZoneId zone = ZoneId.of("America/Bogota");
        LocalDate today = LocalDate.now(zone);
        List<String> past = week(today);
        assertThat(past).as("the seven days before today").hasSizeGreaterThan(20);
        assertThat(past).allSatisfy(line -> {
            LocalDate day = LocalDate.parse(line.substring(0, 10));
            assertThat(day).isBetween(today.minusDays(7), today.minusDays(1));
            assertThat(day.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
            LocalTime time = LocalTime.parse(line.substring(11, 16));
            assertThat(time).as("within the plan, lunch left free").isBetween(LocalTime.of(8, 0), LocalTime.of(16, 15));
            assertThat(time.isBefore(LocalTime.of(11, 15)) || !time.isBefore(LocalTime.of(13, 0)))
                    .as(line)
                    .isTrue();
            assertThat(line.substring(17, line.indexOf(" paid=")))
                    .as("only outcomes before today")
                    .isIn("COMPLETED", "NO_SHOW", "CANCELLED");
            assertThat(line)
                    .as("paid once on its day when completed, never otherwise")
                    .containsPattern(line.contains("COMPLETED") ? " paid=1 (CASH|CARD|TRANSFER)$" : " paid=0 -$");
        });
        assertThat(past)
                .anyMatch(l -> l.contains(" COMPLETED "))
                .anyMatch(l -> l.contains(" NO_SHOW "))
                .anyMatch(l -> l.contains(" CANCELLED "));
        assertThat(past.stream().filter(l -> l.contains(" COMPLETED ")).count())
                .as("most were completed")
                .isGreaterThan(past.size() / 2);
        assertThat(past)
                .anyMatch(l -> l.endsWith(" CASH"))
                .anyMatch(l -> l.endsWith(" CARD"))
                .anyMatch(l -> l.endsWith(" TRANSFER"));
        assertThat(owner.sql("""
                        SELECT count(*) FROM scheduling_appointments a JOIN tenants t ON t.id = a.tenant_id
                        JOIN scheduling_practitioners p ON p.id = a.practitioner_id JOIN users u ON u.id = p.user_id
                        WHERE t.slug = 'demo' AND u.username = 'therapist' AND a.status IN ('CONFIRMED', 'REQUESTED')
                          AND a.starts_at >= :tomorrow AND a.starts_at < :tomorrow + interval '3 days'""")
                        .param("tomorrow", today.plusDays(1).atStartOfDay(zone).toOffsetDateTime())
                        .query(Long.class)
                        .single())
                .as("a few appointments in the next days")
                .isPositive();
        // The demo's receipts are numbered as any: consecutive, in the order the money came in.
        List<Long> numbers = owner.sql("""
                        SELECT b.receipt_number FROM billing_payments b JOIN tenants t ON t.id = b.tenant_id
                        WHERE t.slug = 'demo' AND b.idempotency_key LIKE 'demo-appointment-%' ORDER BY b.received_at""").query(Long.class).list();
        assertThat(numbers).isSorted();
        assertThat(numbers.getLast() - numbers.getFirst()).isEqualTo(numbers.size() - 1);
    }

    @Test
    void theIncomeWidgetOfThePastWeekIsTheSumOfItsDailyCashReports() {
        ZoneId zone = ZoneId.of("America/Bogota");
        LocalDate today = LocalDate.now(zone);
        LocalDate first = today.minusDays(7);
        LocalDate last = today.minusDays(1);
        var http = new TestHttp(port);
        String manager = http.demoToken("manager", "Manager123!");
        try {
            JsonNode income = json(http.call(
                            "GET",
                            "/api/v1/dashboard/widgets?types=income_by_method,no_show_rate&from=" + first + "&to="
                                    + last,
                            manager,
                            null))
                    .get("widgets")
                    .valueStream()
                    .filter(w -> w.get("widget").asString().equals("income_by_method"))
                    .findFirst()
                    .orElseThrow()
                    .get("data");
            Map<String, BigDecimal> widget = new HashMap<>();
            List<String> labels =
                    income.get("labels").valueStream().map(JsonNode::asString).toList();
            for (JsonNode currency : income.get("datasets")) {
                for (int i = 0; i < labels.size(); i++) {
                    widget.merge(
                            labels.get(i) + " " + currency.get("label").asString(),
                            BigDecimal.valueOf(currency.get("data").get(i).asDouble()),
                            BigDecimal::add);
                }
            }
            Map<String, BigDecimal> reports = new HashMap<>();
            for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
                var cash = http.call("POST", "/api/v1/reports/improved-daily-cash", manager, """
                        {"date": "%s"}""".formatted(day));
                assertThat(cash.statusCode()).as(cash.body()).isEqualTo(200);
                for (JsonNode row : json(cash).get("methods")) {
                    if (row.get("count").asLong() > 0
                            || new BigDecimal(row.get("refunded").asString()).signum() != 0) {
                        reports.merge(
                                row.get("method").asString() + " "
                                        + row.get("currency").asString(),
                                new BigDecimal(row.get("net").asString()),
                                BigDecimal::add);
                    }
                }
            }
            widget.replaceAll((k, v) -> v.setScale(2, java.math.RoundingMode.HALF_UP));
            reports.replaceAll((k, v) -> v.setScale(2, java.math.RoundingMode.HALF_UP));
            assertThat(widget).isEqualTo(reports).containsKeys("CASH COP", "CARD COP", "TRANSFER COP");
            assertThat(widget.get("CASH COP")).isPositive();
        } finally {
            http.call("POST", "/api/v1/auth/logout", manager, null);
        }
    }

    @Test
    void seedingTheDemoAgainAddsNoAppointmentPaymentOrReceipt() throws Exception {
        String counts = """
                SELECT format('%s %s %s', (SELECT count(*) FROM scheduling_appointments WHERE tenant_id = t.id),
                              (SELECT count(*) FROM billing_payments WHERE tenant_id = t.id),
                              (SELECT coalesce(max(last_number), 0) FROM billing_receipt_counters WHERE tenant_id = t.id))
                FROM tenants t WHERE t.slug = 'demo'""";
        String before = owner.sql(counts).query(String.class).single();
        List<String> week = week(LocalDate.now(ZoneId.of("America/Bogota")).plusDays(4));
        context.getBean("schedulingDemo", ApplicationRunner.class).run(new DefaultApplicationArguments());
        assertThat(owner.sql(counts).query(String.class).single()).isEqualTo(before);
        assertThat(week(LocalDate.now(ZoneId.of("America/Bogota")).plusDays(4))).isEqualTo(week);
    }

    /** The demo therapist's appointments starting before {@code day}. */
    private List<String> week(LocalDate day) {
        return owner.sql(WEEK)
                .param("before", day.atStartOfDay(ZoneId.of("America/Bogota")).toOffsetDateTime())
                .query(String.class)
                .list();
    }
}
