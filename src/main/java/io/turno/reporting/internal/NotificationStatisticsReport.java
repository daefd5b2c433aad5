package io.turno.reporting.internal;

import static io.turno.reporting.internal.ColumnType.INTEGER;
import static io.turno.reporting.internal.ColumnType.TEXT;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.turno.notifications.NotificationStatistics;
import io.turno.notifications.NotificationStatistics.ChannelCount;
import org.springframework.stereotype.Component;

/** The notifications created over a range, per channel: sent, failed, retried and still pending. */
@Component
class NotificationStatisticsReport extends RangeReport {

    static final List<Column> COLUMNS = List.of(
            Column.of("channel", "Canal", "Channel", TEXT),
            Column.of("sent", "Enviadas", "Sent", INTEGER),
            Column.of("failed", "Fallidas", "Failed", INTEGER),
            Column.of("retried", "Reintentadas", "Retried", INTEGER),
            Column.of("pending", "Pendientes", "Pending", INTEGER));

    private final NotificationStatistics notifications;

    NotificationStatisticsReport(NotificationStatistics notifications) {
        this.notifications = notifications;
    }

    @Override
    public String code() {
        return "notification-statistics";
    }

    @Override
    public Label title() {
        return new Label("Estadísticas de notificaciones", "Notification statistics");
    }

    @Override
    public Label description() {
        return new Label(
                "Notificaciones enviadas, fallidas y reintentadas por canal.",
                "Notifications sent, failed and retried per channel.");
    }

    @Override
    public String permission() {
        return "notifications:read";
    }

    @Override
    public ReportResult run(ReportRequest request) {
        DateRange range = DateRange.of(request);
        var counts = notifications.perChannel(request.caller().tenantId(), range.start(), range.end());
        List<List<Object>> rows = new ArrayList<>();
        counts.forEach(
                c -> rows.add(List.of(channel(c.channel(), request), c.sent(), c.failed(), c.retried(), c.pending())));
        var chart = new Chart(
                Chart.Kind.BAR,
                new Label("Notificaciones por canal", "Notifications per channel"),
                INTEGER,
                counts.stream().map(c -> channel(c.channel(), request)).toList(),
                List.of(
                        new Chart.Series(
                                new Label("Enviadas", "Sent"),
                                counts.stream().map(ChannelCount::sent).toList()),
                        new Chart.Series(
                                new Label("Fallidas", "Failed"),
                                counts.stream().map(ChannelCount::failed).toList()),
                        new Chart.Series(
                                new Label("Reintentadas", "Retried"),
                                counts.stream().map(ChannelCount::retried).toList())));
        return new ReportResult(
                List.of(),
                List.of(new ReportTable(
                        "channels",
                        new Label("Por canal", "Per channel"),
                        COLUMNS,
                        rows,
                        ReportTable.Totals.of(List.of(Arrays.asList(
                                null,
                                counts.stream().mapToLong(ChannelCount::sent).sum(),
                                counts.stream().mapToLong(ChannelCount::failed).sum(),
                                counts.stream().mapToLong(ChannelCount::retried).sum(),
                                counts.stream().mapToLong(ChannelCount::pending).sum()))))),
                chart);
    }

    private static String channel(String channel, ReportRequest request) {
        return switch (channel) {
            case "EMAIL" -> new Label("Correo", "Email").in(request.locale());
            case "WHATSAPP" -> "WhatsApp";
            case "SMS" -> "SMS";
            default -> channel;
        };
    }
}
