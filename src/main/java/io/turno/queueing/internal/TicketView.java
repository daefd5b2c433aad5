package io.turno.queueing.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A ticket as staff see it; {@code history} is filled only when one ticket is asked for. */
public record TicketView(
        UUID id,
        String number,
        UUID branchId,
        UUID queueId,
        String queueName,
        UUID serviceId,
        UUID customerId,
        UUID priorityId,
        int weight,
        TicketStatus status,
        Instant issuedAt,
        Instant calledAt,
        Instant startedAt,
        Instant finishedAt,
        UUID deskId,
        String deskName,
        UUID assignedDeskId,
        int recalls,
        String closeReason,
        String statusUrl,
        List<Event> history) {

    public record Event(
            String type,
            TicketStatus fromStatus,
            TicketStatus toStatus,
            UUID queueId,
            UUID deskId,
            UUID actorId,
            Map<String, Object> detail,
            Instant occurredAt) {}

    TicketView withHistory(List<Event> events) {
        return new TicketView(
                id,
                number,
                branchId,
                queueId,
                queueName,
                serviceId,
                customerId,
                priorityId,
                weight,
                status,
                issuedAt,
                calledAt,
                startedAt,
                finishedAt,
                deskId,
                deskName,
                assignedDeskId,
                recalls,
                closeReason,
                statusUrl,
                events);
    }
}
