package io.turno.dashboards.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.turno.audit.AuditLog;
import io.turno.notifications.NotificationStatistics;
import org.springframework.stereotype.Component;

/** Widgets of every kind of organization: notifications per channel and the audit log's latest entries. */
@Component
class SystemWidgets implements WidgetSource {

    private final NotificationStatistics notifications;
    private final AuditLog audit;

    SystemWidgets(NotificationStatistics notifications, AuditLog audit) {
        this.notifications = notifications;
        this.audit = audit;
    }

    @Override
    public Set<String> codes() {
        return Set.of("notifications_by_channel", "recent_audit");
    }

    @Override
    public Set<DashboardFilter> filters(String code) {
        return code.equals("notifications_by_channel") ? Set.of(DashboardFilter.DATE_RANGE) : Set.of();
    }

    @Override
    public WidgetData data(String code, WidgetContext context) {
        return switch (code) {
            case "notifications_by_channel" -> notifications(context);
            case "recent_audit" -> recentAudit(context);
            default -> throw new IllegalArgumentException(code);
        };
    }

    private WidgetData notifications(WidgetContext context) {
        var counts = notifications.perChannel(context.user().tenantId(), context.start(), context.end());
        return WidgetData.chart(
                counts.stream()
                        .map(NotificationStatistics.ChannelCount::channel)
                        .toList(),
                List.of(
                        new WidgetData.ChartSeries(
                                context.say("Enviadas", "Sent"),
                                counts.stream().map(c -> (double) c.sent()).toList()),
                        new WidgetData.ChartSeries(
                                context.say("Fallidas", "Failed"),
                                counts.stream().map(c -> (double) c.failed()).toList()),
                        new WidgetData.ChartSeries(
                                context.say("Pendientes", "Pending"),
                                counts.stream().map(c -> (double) c.pending()).toList())));
    }

    private WidgetData recentAudit(WidgetContext context) {
        var page = audit.search(
                context.user().tenantId(), new AuditLog.AuditQuery(null, null, null, null, null), 0, context.limit());
        List<List<String>> rows = new ArrayList<>();
        for (var entry : page.items()) {
            rows.add(List.of(
                    context.minute(entry.occurredAt()),
                    entry.actorName() == null ? "" : entry.actorName(),
                    entry.action(),
                    entry.entityType() + (entry.entityId() == null ? "" : " " + entry.entityId())));
        }
        return WidgetData.table(
                List.of(
                        context.say("Cuándo", "When"),
                        context.say("Quién", "Who"),
                        context.say("Acción", "Action"),
                        context.say("Sobre", "On")),
                rows);
    }
}
