package io.turno.dashboards.internal;

import java.util.List;
import java.util.Set;

import io.turno.customers.CustomerView;
import io.turno.customers.Customers;
import io.turno.queueing.QueuePositions;
import org.springframework.stereotype.Component;

/** What a patient follows of their own: their ticket waiting in a queue (customers links the account to it). */
@Component
class PatientWidgets implements WidgetSource {

    private final Customers customers;
    private final QueuePositions positions;

    PatientWidgets(Customers customers, QueuePositions positions) {
        this.customers = customers;
        this.positions = positions;
    }

    @Override
    public Set<String> codes() {
        return Set.of("my_ticket");
    }

    @Override
    public Set<DashboardFilter> filters(String code) {
        return Set.of();
    }

    @Override
    public boolean personal(String code) {
        return true;
    }

    @Override
    public WidgetData data(String code, WidgetContext context) {
        var tenant = context.user().tenantId();
        List<QueuePositions.OwnTicket> tickets = customers
                .findByUser(tenant, context.user().userId())
                .map(CustomerView::id)
                .map(customer -> positions.waitingOf(tenant, customer))
                .orElse(List.of());
        if (tickets.isEmpty()) {
            return WidgetData.nothing(context.say("No tienes un turno en espera.", "You have no ticket waiting."));
        }
        return WidgetData.table(
                List.of(
                        context.say("Turno", "Ticket"),
                        context.say("Cola", "Queue"),
                        context.say("Posición", "Position"),
                        context.say("Sede", "Branch"),
                        context.say("Llegada", "Arrived")),
                tickets.stream()
                        .map(t -> List.of(
                                t.number(),
                                t.queueName(),
                                Integer.toString(t.position()),
                                t.branchName(),
                                context.minute(t.issuedAt())))
                        .toList());
    }
}
