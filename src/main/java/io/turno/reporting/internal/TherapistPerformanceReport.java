package io.turno.reporting.internal;

import static io.turno.reporting.internal.ColumnType.DECIMAL;
import static io.turno.reporting.internal.ColumnType.INTEGER;
import static io.turno.reporting.internal.ColumnType.MONEY;
import static io.turno.reporting.internal.ColumnType.PERCENT;
import static io.turno.reporting.internal.ColumnType.TEXT;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.turno.billing.PaymentStatistics;
import io.turno.scheduling.AppointmentStatistics;
import org.springframework.stereotype.Component;

/**
 * Each therapist's work over a range: sessions completed, their hours, cancellations and no-shows
 * (scheduling's figures), and the income of their appointments' payments received in the range (billing's).
 */
@Component
class TherapistPerformanceReport extends RangeReport {

    static final List<Column> COLUMNS = List.of(
            Column.of("therapist", "Terapeuta", "Therapist", TEXT),
            Column.of("appointments", "Citas", "Appointments", INTEGER),
            Column.of("sessions", "Sesiones", "Sessions", INTEGER),
            Column.of("hours", "Horas", "Hours", DECIMAL),
            Column.of("cancelled", "Canceladas", "Cancelled", INTEGER),
            Column.of("no_shows", "No asistió", "No-shows", INTEGER),
            Column.of("no_show_rate", "Tasa de inasistencia", "No-show rate", PERCENT),
            Column.of("income", "Ingresos", "Income", MONEY));

    private final AppointmentStatistics appointments;
    private final PaymentStatistics payments;

    TherapistPerformanceReport(AppointmentStatistics appointments, PaymentStatistics payments) {
        this.appointments = appointments;
        this.payments = payments;
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
                "Sesiones completadas y sus horas, cancelaciones, inasistencias e ingresos de cada terapeuta.",
                "Each therapist's completed sessions and their hours, cancellations, no-shows and income.");
    }

    @Override
    public String permission() {
        return "appointments:all";
    }

    /**
     * Per practitioner, billing's payments for their appointments received in the range, less refunds, in
     * the organization's currency (a payment in another currency is not added to it).
     */
    private Map<UUID, BigDecimal> income(ReportRequest request, DateRange range) {
        var tenant = request.caller().tenantId();
        var paid = payments.incomeByAppointment(tenant, range.start(), range.end()).stream()
                .filter(i -> i.currency().equals(request.formats().currency()))
                .toList();
        Map<UUID, UUID> practitioners = appointments.practitionerOf(
                tenant,
                paid.stream()
                        .map(PaymentStatistics.AppointmentIncome::appointmentId)
                        .toList());
        Map<UUID, BigDecimal> income = new HashMap<>();
        paid.forEach(i -> {
            UUID practitioner = practitioners.get(i.appointmentId());
            if (practitioner != null) {
                income.merge(practitioner, i.net(), BigDecimal::add);
            }
        });
        return income;
    }

    @Override
    public ReportResult run(ReportRequest request) {
        DateRange range = DateRange.of(request);
        var outcomes = appointments.outcomeByPractitioner(request.caller().tenantId(), range.start(), range.end());
        Map<UUID, BigDecimal> income = income(request, range);
        String currency = request.formats().currency();
        List<List<Object>> rows = new ArrayList<>();
        long sessions = 0;
        BigDecimal hours = BigDecimal.ZERO;
        BigDecimal earned = BigDecimal.ZERO;
        for (var o : outcomes) {
            BigDecimal h = decimal(o.completedHours(), 2);
            BigDecimal money = income.getOrDefault(o.id(), BigDecimal.ZERO);
            rows.add(Arrays.asList(
                    o.name(),
                    o.total(),
                    o.completed(),
                    h,
                    o.cancelled(),
                    o.noShows(),
                    ratio(o.noShowRate()),
                    new Amount(money, currency)));
            sessions += o.completed();
            hours = hours.add(h);
            earned = earned.add(money);
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
                        new Figure("hours", new Label("Horas", "Hours"), DECIMAL, hours),
                        new Figure("income", new Label("Ingresos", "Income"), MONEY, new Amount(earned, currency))),
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
                                null,
                                new Amount(earned, currency)))))),
                chart);
    }
}
