package io.turno.dashboards.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.turno.billing.PaymentStatistics;
import io.turno.scheduling.AppointmentStatistics;
import io.turno.scheduling.AppointmentStatus;
import io.turno.scheduling.AppointmentView;
import org.springframework.stereotype.Component;

/** The clinic's widgets: appointments from scheduling, income from billing. */
@Component
class ClinicWidgets implements WidgetSource {

    private final AppointmentStatistics appointments;
    private final PaymentStatistics payments;

    ClinicWidgets(AppointmentStatistics appointments, PaymentStatistics payments) {
        this.appointments = appointments;
        this.payments = payments;
    }

    @Override
    public Set<String> codes() {
        return Set.of(
                "appointments_today", "no_show_rate", "income_by_method", "upcoming_appointments", "therapist_load");
    }

    @Override
    public Set<DashboardFilter> filters(String code) {
        return switch (code) {
            case "upcoming_appointments" -> Set.of();
            case "therapist_load" -> Set.of(DashboardFilter.DATE_RANGE, DashboardFilter.PRACTITIONER);
            default -> Set.of(DashboardFilter.DATE_RANGE);
        };
    }

    /** A therapist's upcoming appointments are their own. */
    @Override
    public boolean personal(String code) {
        return code.equals("upcoming_appointments");
    }

    @Override
    public WidgetData data(String code, WidgetContext context) {
        return switch (code) {
            case "appointments_today" -> appointmentsToday(context);
            case "no_show_rate" -> noShowRate(context);
            case "income_by_method" -> incomeByMethod(context);
            case "upcoming_appointments" -> upcoming(context);
            case "therapist_load" -> therapistLoad(context);
            default -> throw new IllegalArgumentException(code);
        };
    }

    /** Today's appointments (or the dashboard's range) per status, reservations on hold left out. */
    private WidgetData appointmentsToday(WidgetContext context) {
        var start = context.filters().hasRange()
                ? context.start()
                : context.today().atStartOfDay(context.zone()).toInstant();
        var end = context.filters().hasRange()
                ? context.end()
                : context.today().plusDays(1).atStartOfDay(context.zone()).toInstant();
        List<WidgetData.KpiCard> cards = new ArrayList<>();
        long total = 0;
        for (AppointmentStatistics.StatusCount count :
                appointments.countByStatus(context.user().tenantId(), start, end)) {
            if (count.status() == AppointmentStatus.HELD) {
                continue;
            }
            total += count.count();
            cards.add(new WidgetData.KpiCard(
                    count.status().name().toLowerCase(),
                    status(context, count.status()),
                    (double) count.count(),
                    "count"));
        }
        cards.addFirst(new WidgetData.KpiCard("total", context.say("Total", "Total"), (double) total, "count"));
        return WidgetData.cards(cards);
    }

    /** Per day, no-shows over the appointments that had an outcome; days without any are left out. */
    private WidgetData noShowRate(WidgetContext context) {
        List<String> labels = new ArrayList<>();
        List<Double> rates = new ArrayList<>();
        for (var day : appointments.attendancePerDay(
                context.user().tenantId(), context.from(), context.to(), context.zone())) {
            if (day.noShowRate() != null) {
                labels.add(day.day().toString());
                rates.add(day.noShowRate());
            }
        }
        return WidgetData.chart(
                labels, List.of(new WidgetData.ChartSeries(context.say("Inasistencia", "No-show rate"), rates)));
    }

    /** Net income per payment method, one series per currency. */
    private WidgetData incomeByMethod(WidgetContext context) {
        var incomes = payments.incomeByMethod(context.user().tenantId(), context.start(), context.end());
        List<String> labels =
                incomes.stream().map(i -> i.method().name()).distinct().toList();
        Map<String, List<Double>> perCurrency = new LinkedHashMap<>();
        for (var income : incomes) {
            perCurrency
                    .computeIfAbsent(
                            income.currency(), c -> new ArrayList<>(java.util.Collections.nCopies(labels.size(), 0.0)))
                    .set(labels.indexOf(income.method().name()), income.net().doubleValue());
        }
        List<WidgetData.ChartSeries> series = new ArrayList<>();
        perCurrency.forEach((currency, values) -> series.add(new WidgetData.ChartSeries(currency, values)));
        return WidgetData.chart(labels, series);
    }

    /**
     * Booked and available hours per therapist over the range, their ratio in the series' labels' order; with
     * the practitioner filter, that practitioner's only.
     */
    private WidgetData therapistLoad(WidgetContext context) {
        var loads = appointments.practitionerLoad(context.user().tenantId(), context.from(), context.to()).stream()
                .filter(l ->
                        context.practitionerId() == null || l.practitionerId().equals(context.practitionerId()))
                .toList();
        return WidgetData.chart(
                loads.stream().map(AppointmentStatistics.PractitionerLoad::name).toList(),
                List.of(
                        new WidgetData.ChartSeries(
                                context.say("Horas reservadas", "Booked hours"),
                                loads.stream().map(l -> round(l.bookedHours())).toList()),
                        new WidgetData.ChartSeries(
                                context.say("Horas disponibles", "Available hours"),
                                loads.stream()
                                        .map(l -> round(l.availableHours()))
                                        .toList())));
    }

    private static double round(double hours) {
        return Math.round(hours * 100) / 100.0;
    }

    private WidgetData upcoming(WidgetContext context) {
        List<List<String>> rows = new ArrayList<>();
        for (AppointmentView a : appointments.upcoming(context.user(), context.now(), context.limit())) {
            rows.add(List.of(
                    context.minute(a.start().toInstant()),
                    a.therapistName() == null ? "" : a.therapistName(),
                    status(context, a.status())));
        }
        return WidgetData.table(
                List.of(
                        context.say("Hora", "Time"),
                        context.say("Terapeuta", "Therapist"),
                        context.say("Estado", "Status")),
                rows);
    }

    static String status(WidgetContext context, AppointmentStatus status) {
        return switch (status) {
            case HELD -> context.say("Reservada", "Held");
            case REQUESTED -> context.say("Solicitada", "Requested");
            case CONFIRMED -> context.say("Confirmada", "Confirmed");
            case CHECKED_IN -> context.say("En sala", "Checked in");
            case IN_PROGRESS -> context.say("En curso", "In progress");
            case COMPLETED -> context.say("Atendida", "Completed");
            case CANCELLED -> context.say("Cancelada", "Cancelled");
            case NO_SHOW -> context.say("No asistió", "No-show");
        };
    }
}
