package io.turno.scheduling.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import io.turno.scheduling.AppointmentStatus;
import io.turno.scheduling.internal.WorkingPlan.LocalSpan;
import io.turno.scheduling.internal.WorkingPlan.Span;
import org.junit.jupiter.api.Test;

class WorkingPlanTests {

    private static final ZoneId SANTIAGO = ZoneId.of("America/Santiago");

    private static LocalSpan local(String start, String end) {
        return new LocalSpan(LocalTime.parse(start), LocalTime.parse(end));
    }

    private static Instant at(LocalDate date, String time, ZoneId zone) {
        return ZonedDateTime.of(date, LocalTime.parse(time), zone).toInstant();
    }

    @Test
    void breaksSplitTheDayAndBusyTimeIsLeftOut() {
        LocalDate monday = LocalDate.of(2030, 1, 7);
        var plan = new WorkingPlan(
                ZoneId.of("America/Bogota"),
                Map.of(DayOfWeek.MONDAY, List.of(local("08:00", "17:00"))),
                Map.of(DayOfWeek.MONDAY, List.of(local("12:00", "13:00"))),
                Map.of());
        assertThat(plan.localWorking(monday)).containsExactly(local("08:00", "12:00"), local("13:00", "17:00"));
        assertThat(plan.localWorking(monday.plusDays(1))).isEmpty();

        ZoneId bogota = plan.zone();
        var busy = List.of(new Span(at(monday, "09:10", bogota), at(monday, "10:00", bogota)));
        var slots = plan.slots(monday, monday, Duration.ofMinutes(60), busy, Instant.EPOCH);
        // 08:00 fits before the appointment; after it, slots start where it ends.
        assertThat(slots)
                .extracting(Span::start)
                .containsExactly(
                        at(monday, "08:00", bogota),
                        at(monday, "10:00", bogota),
                        at(monday, "11:00", bogota),
                        at(monday, "13:00", bogota),
                        at(monday, "14:00", bogota),
                        at(monday, "15:00", bogota),
                        at(monday, "16:00", bogota));
        assertThat(plan.fits(new Span(at(monday, "11:30", bogota), at(monday, "12:30", bogota)), List.of()))
                .isFalse();
        assertThat(plan.fits(new Span(at(monday, "13:00", bogota), at(monday, "14:00", bogota)), List.of()))
                .isTrue();
        assertThat(plan.slots(monday, monday, Duration.ofMinutes(60), List.of(), at(monday, "15:30", bogota)))
                .extracting(Span::start)
                .containsExactly(at(monday, "16:00", bogota));
    }

    @Test
    void aNightAcrossSantiagosDaylightSavingChangesHasItsRealLength() {
        var rules = SANTIAGO.getRules();
        var transition = rules.nextTransition(Instant.parse("2030-01-01T00:00:00Z"));
        LocalDate change = transition.getInstant().atZone(SANTIAGO).toLocalDate();
        LocalDate night = transition.getDateTimeBefore().toLocalDate();
        var plan = new WorkingPlan(SANTIAGO, Map.of(), Map.of(), Map.of(night, List.of(local("21:00", "23:59"))));
        // The change happens at midnight in Santiago: the interval just before it is unaffected…
        assertThat(plan.working(night))
                .singleElement()
                .satisfies(span ->
                        assertThat(Duration.between(span.start(), span.end())).isEqualTo(Duration.ofMinutes(179)));
        // …and the same local hours on both sides of the change are an offset apart in UTC.
        var both = new WorkingPlan(
                SANTIAGO,
                Map.of(
                        change.minusDays(1).getDayOfWeek(),
                        List.of(local("09:00", "10:00")),
                        change.plusDays(1).getDayOfWeek(),
                        List.of(local("09:00", "10:00"))),
                Map.of(),
                Map.of());
        var before = both.working(change.minusDays(1)).getFirst().start();
        var after = both.working(change.plusDays(1)).getFirst().start();
        assertThat(Duration.between(before, after)).isNotEqualTo(Duration.ofDays(2));
        assertThat(Duration.between(before, after).minus(Duration.ofDays(2)).abs())
                .isEqualTo(Duration.ofHours(1));
    }

    @Test
    void theStateMachineOnlyMovesForward() {
        assertThat(AppointmentStatus.REQUESTED.canMoveTo(AppointmentStatus.CONFIRMED))
                .isTrue();
        assertThat(AppointmentStatus.REQUESTED.canMoveTo(AppointmentStatus.COMPLETED))
                .isFalse();
        assertThat(AppointmentStatus.IN_PROGRESS.canMoveTo(AppointmentStatus.CANCELLED))
                .isFalse();
        assertThat(AppointmentStatus.COMPLETED.next()).isEmpty();
        assertThat(AppointmentStatus.CONFIRMED.changeable()).isTrue();
        assertThat(AppointmentStatus.CHECKED_IN.changeable()).isFalse();
    }
}
