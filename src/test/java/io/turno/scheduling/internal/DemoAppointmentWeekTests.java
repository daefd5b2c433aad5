package io.turno.scheduling.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.turno.TestDatabase;
import io.turno.TurnoTest;
import io.turno.scheduling.AppointmentStatus;
import io.turno.scheduling.internal.DemoAppointmentWeek.Seeded;
import io.turno.shared.TenantId;
import io.turno.shared.TenantScope;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo week's statement whatever day and hour the demo first starts: each outcome before today, the
 * days ahead booked, nothing on the plan's days off; each try rolled back.
 */
@TurnoTest
class DemoAppointmentWeekTests {

    @Autowired
    DemoAppointmentWeek week;

    @Autowired
    TransactionTemplate transactions;

    JdbcClient owner;

    @Autowired
    void ownerConnection(javax.sql.DataSource dataSource) {
        owner = TestDatabase.owner(dataSource);
    }

    @Test
    void everyWeekdayAndHourOfAFirstStartGetsEachOutcomeBeforeTodayAndAppointmentsAhead() {
        TenantId demo = new TenantId(owner.sql("SELECT id FROM tenants WHERE slug = 'demo'")
                .query(UUID.class)
                .single());
        UUID therapist =
                owner.sql("""
                        SELECT p.id FROM scheduling_practitioners p JOIN users u ON u.id = p.user_id
                        WHERE p.tenant_id = :t AND u.username = 'therapist'""").param("t", demo.value()).query(UUID.class).single();
        UUID service = owner.sql("SELECT id FROM catalog_services WHERE tenant_id = :t AND code = 'TERAPIA'")
                .param("t", demo.value())
                .query(UUID.class)
                .single();
        List<UUID> patients = owner.sql("SELECT id FROM customers WHERE tenant_id = :t ORDER BY id LIMIT 5")
                .param("t", demo.value())
                .query(UUID.class)
                .list();
        ZoneId zone = ZoneId.of("America/Bogota");
        // Years ahead, where the demo therapist has nothing booked yet.
        LocalDate monday = LocalDate.of(2031, 3, 3);
        for (int offset = 0; offset < 7; offset++) {
            LocalDate today = monday.plusDays(offset);
            for (LocalTime time : List.of(LocalTime.of(3, 0), LocalTime.of(10, 20), LocalTime.of(21, 0))) {
                var now = today.atTime(time).atZone(zone).toInstant();
                var seeded = TenantScope.call(
                        demo,
                        () -> transactions.execute(tx -> {
                            tx.setRollbackOnly();
                            return week.seed(demo, therapist, service, 45, patients, patients.getFirst(), today, now);
                        }));
                String at = today.getDayOfWeek() + " " + time;
                var beforeToday = seeded.stream()
                        .filter(a ->
                                a.endsAt().isBefore(today.atStartOfDay(zone).toInstant()))
                        .toList();
                Map<AppointmentStatus, Long> outcomes =
                        beforeToday.stream().collect(Collectors.groupingBy(Seeded::status, Collectors.counting()));
                assertThat(outcomes)
                        .as(at)
                        .containsOnlyKeys(
                                AppointmentStatus.COMPLETED, AppointmentStatus.NO_SHOW, AppointmentStatus.CANCELLED);
                assertThat(outcomes.get(AppointmentStatus.COMPLETED))
                        .as(at + ": most completed")
                        .isGreaterThan(beforeToday.size() / 2);
                assertThat(seeded.stream()
                                .filter(a -> a.endsAt()
                                        .isAfter(today.plusDays(1)
                                                .atStartOfDay(zone)
                                                .toInstant()))
                                .map(Seeded::status))
                        .as(at + ": booked ahead")
                        .isNotEmpty()
                        .allMatch(s -> s == AppointmentStatus.CONFIRMED
                                || s == AppointmentStatus.REQUESTED
                                || s == AppointmentStatus.CANCELLED)
                        .contains(AppointmentStatus.CONFIRMED);
                assertThat(seeded.stream()
                                .map(a -> a.endsAt().atZone(zone).getDayOfWeek())
                                .collect(Collectors.toMap(Function.identity(), d -> 1, Integer::sum)))
                        .as(at + ": the plan's days only")
                        .doesNotContainKeys(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
            }
        }
    }
}
