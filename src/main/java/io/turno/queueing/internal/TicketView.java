package io.turno.queueing.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A ticket as staff see it; {@code history} is filled only when one ticket is asked for. */
public record TicketView(
        UUID id,
        String number,
        UUID branchId,
        UUID queueId,
        String queueName,
        UUID serviceId,
        @Nullable UUID customerId,
        UUID priorityId,
        int weight,
        TicketStatus status,
        Instant issuedAt,
        @Nullable Instant calledAt,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt,
        @Nullable UUID deskId,
        @Nullable String deskName,
        @Nullable UUID assignedDeskId,
        int recalls,
        @Nullable String closeReason,
        String statusUrl,
        @Nullable List<Event> history) {

    public record Event(
            String type,
            @Nullable TicketStatus fromStatus,
            TicketStatus toStatus,
            @Nullable UUID queueId,
            @Nullable UUID deskId,
            @Nullable UUID actorId,
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
