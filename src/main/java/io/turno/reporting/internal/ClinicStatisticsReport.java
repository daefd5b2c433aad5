package io.turno.reporting.internal;

import static io.turno.reporting.internal.ColumnType.INTEGER;
import static io.turno.reporting.internal.ColumnType.PERCENT;
import static io.turno.reporting.internal.ColumnType.TEXT;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.turno.scheduling.AppointmentStatistics;
import io.turno.scheduling.AppointmentStatistics.GroupOutcome;
import io.turno.scheduling.AppointmentStatus;
import io.turno.web.Labels;
import org.springframework.stereotype.Component;

/**
 * The clinic's appointments over a range: how many per status, the no-show and cancellation rates,
 * and the same per therapist and per service, as scheduling counts them.
 */
@Component
class ClinicStatisticsReport extends RangeReport {

    static final List<Column> STATUS_COLUMNS = List.of(
            Column.of("status", "Estado", "Status", TEXT), Column.of("count", "Citas", "Appointments", INTEGER));

    static final List<Column> OUTCOME_COLUMNS = List.of(
            Column.of("name", "Nombre", "Name", TEXT),
            Column.of("total", "Citas", "Appointments", INTEGER),
            Column.of("completed", "Completadas", "Completed", INTEGER),
            Column.of("cancelled", "Canceladas", "Cancelled", INTEGER),
            Column.of("no_shows", "No asistió", "No-shows", INTEGER),
            Column.of("no_show_rate", "Tasa de inasistencia", "No-show rate", PERCENT),
            Column.of("cancellation_rate", "Tasa de cancelación", "Cancellation rate", PERCENT));

    private final AppointmentStatistics appointments;
    private final Labels labels;

    ClinicStatisticsReport(AppointmentStatistics appointments, Labels labels) {
        this.appointments = appointments;
        this.labels = labels;
    }

    @Override
    public String code() {
        return "clinic-statistics";
    }

    @Override
    public Label title() {
        return new Label("Estadísticas de la clínica", "Clinic statistics");
    }

    @Override
    public Label description() {
        return new Label(
                "Citas por estado, tasas de inasistencia y cancelación, por terapeuta y por servicio.",
                "Appointments by status, no-show and cancellation rates, by therapist and by service.");
    }

    @Override
    public String permission() {
        return "appointments:all";
    }

    @Override
    public ReportResult run(ReportRequest request) {
        DateRange range = DateRange.of(request);
        var tenant = request.caller().tenantId();
        var words = labels.in(request.locale());
        var counts = appointments.countByStatus(tenant, range.start(), range.end()).stream()
                .filter(c -> c.status() != AppointmentStatus.HELD)
                .toList();
        List<List<Object>> statusRows = new ArrayList<>();
        counts.forEach(c -> statusRows.add(List.of(words.of(c.status()), c.count())));
        long total = counts.stream().mapToLong(c -> c.count()).sum();
        var all = new GroupOutcome(
                null,
                null,
                total,
                count(counts, AppointmentStatus.COMPLETED),
                count(counts, AppointmentStatus.CANCELLED),
                count(counts, AppointmentStatus.NO_SHOW),
                0);
        var byTherapist = appointments.outcomeByPractitioner(tenant, range.start(), range.end());
        var byService = appointments.outcomeByService(tenant, range.start(), range.end());
        var summary = List.of(
                new Figure("appointments", new Label("Citas", "Appointments"), INTEGER, total),
                new Figure("completed", new Label("Completadas", "Completed"), INTEGER, all.completed()),
                new Figure("cancelled", new Label("Canceladas", "Cancelled"), INTEGER, all.cancelled()),
                new Figure("no_shows", new Label("No asistió", "No-shows"), INTEGER, all.noShows()),
                new Figure(
                        "no_show_rate",
                        new Label("Tasa de inasistencia", "No-show rate"),
                        PERCENT,
                        ratio(all.noShowRate())),
                new Figure(
                        "cancellation_rate",
                        new Label("Tasa de cancelación", "Cancellation rate"),
                        PERCENT,
                        ratio(all.cancellationRate())));
        var chart = new Chart(
                Chart.Kind.BAR,
                new Label("Citas por estado", "Appointments by status"),
                INTEGER,
                counts.stream().map(c -> words.of(c.status())).toList(),
                List.of(new Chart.Series(
                        new Label("Citas", "Appointments"),
                        counts.stream().map(c -> c.count()).toList())));
        return new ReportResult(
                summary,
                List.of(
                        new ReportTable(
                                "by_status",
                                new Label("Citas por estado", "Appointments by status"),
                                STATUS_COLUMNS,
                                statusRows,
                                ReportTable.Totals.of(List.of(Arrays.asList(null, total)))),
                        outcomes("by_therapist", new Label("Por terapeuta", "By therapist"), byTherapist),
                        outcomes("by_service", new Label("Por servicio", "By service"), byService)),
                chart);
    }

    static ReportTable outcomes(String key, Label title, List<GroupOutcome> outcomes) {
        List<List<Object>> rows = new ArrayList<>();
        outcomes.forEach(o -> rows.add(Arrays.asList(
                o.name(),
                o.total(),
                o.completed(),
                o.cancelled(),
                o.noShows(),
                ratio(o.noShowRate()),
                ratio(o.cancellationRate()))));
        return new ReportTable(key, title, OUTCOME_COLUMNS, rows, ReportTable.Totals.none());
    }

    private static long count(List<AppointmentStatistics.StatusCount> counts, AppointmentStatus status) {
        return counts.stream()
                .filter(c -> c.status() == status)
                .mapToLong(c -> c.count())
                .sum();
    }
}
