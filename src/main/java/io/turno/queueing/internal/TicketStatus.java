package io.turno.queueing.internal;

/** Where a ticket is in its life; the last four are final. */
public enum TicketStatus {
    WAITING,
    CALLED,
    IN_SERVICE,
    COMPLETED,
    NO_SHOW,
    CANCELLED,
    EXPIRED
}
