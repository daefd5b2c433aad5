package io.turno.reporting.internal;

import static io.turno.reporting.internal.ColumnType.DECIMAL;
import static io.turno.reporting.internal.ColumnType.INTEGER;
import static io.turno.reporting.internal.ColumnType.PERCENT;
import static io.turno.reporting.internal.ColumnType.TEXT;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.turno.scheduling.AppointmentStatistics;
import org.springframework.stereotype.Component;

/** Each therapist's work over a range: sessions completed, their hours, cancellations and no-shows. */
@Component
class TherapistPerformanceReport extends RangeReport {

    static final List<Column> COLUMNS = List.of(
            Column.of("therapist", "Terapeuta", "Therapist", TEXT),
            Column.of("appointments", "Citas", "Appointments", INTEGER),
            Column.of("sessions", "Sesiones", "Sessions", INTEGER),
            Column.of("hours", "Horas", "Hours", DECIMAL),
            Column.of("cancelled", "Canceladas", "Cancelled", INTEGER),
            Column.of("no_shows", "No asistió", "No-shows", INTEGER),
            Column.of("no_show_rate", "Tasa de inasistencia", "No-show rate", PERCENT));

    private final AppointmentStatistics appointments;

    TherapistPerformanceReport(AppointmentStatistics appointments) {
        this.appointments = appointments;
    }

    @Override
    public String code() {
        return "therapist-performance";
    }

    @Override
    public Label title() {
        return new Label("Desempeño de terapeutas", "Therapist performance");
    }

    @Override
    public Label description() {
        return new Label(
                "Sesiones completadas y sus horas, cancelaciones e inasistencias de cada terapeuta.",
                "Each therapist's completed sessions and their hours, cancellations and no-shows.");
    }

    @Override
    public String permission() {
        return "appointments:all";
    }

    @Override
    public ReportResult run(ReportRequest request) {
        DateRange range = DateRange.of(request);
        var outcomes = appointments.outcomeByPractitioner(request.caller().tenantId(), range.start(), range.end());
        List<List<Object>> rows = new ArrayList<>();
        long sessions = 0;
        BigDecimal hours = BigDecimal.ZERO;
        for (var o : outcomes) {
            BigDecimal h = decimal(o.completedHours(), 2);
            rows.add(Arrays.asList(
                    o.name(), o.total(), o.completed(), h, o.cancelled(), o.noShows(), ratio(o.noShowRate())));
            sessions += o.completed();
            hours = hours.add(h);
        }
        var chart = new Chart(
                Chart.Kind.BAR,
                new Label("Horas por terapeuta", "Hours per therapist"),
                DECIMAL,
                outcomes.stream().map(o -> o.name()).toList(),
                List.of(new Chart.Series(
                        new Label("Horas", "Hours"),
                        outcomes.stream()
                                .map(o -> decimal(o.completedHours(), 2))
                                .toList())));
        return new ReportResult(
                List.of(
                        new Figure("sessions", new Label("Sesiones", "Sessions"), INTEGER, sessions),
                        new Figure("hours", new Label("Horas", "Hours"), DECIMAL, hours)),
                List.of(new ReportTable(
                        "therapists",
                        new Label("Terapeutas", "Therapists"),
                        COLUMNS,
                        rows,
                        ReportTable.Totals.of(List.of(Arrays.asList(
                                null,
                                outcomes.stream().mapToLong(o -> o.total()).sum(),
                                sessions,
                                hours,
                                outcomes.stream().mapToLong(o -> o.cancelled()).sum(),
                                outcomes.stream().mapToLong(o -> o.noShows()).sum(),
                                null))))),
                chart);
    }
}
