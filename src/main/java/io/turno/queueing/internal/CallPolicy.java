package io.turno.queueing.internal;

/**
 * How a desk picks the next ticket among those waiting in its queues, per branch.
 * {@code WEIGHTED_WAIT} (default): the highest waiting time × priority weight, so a preferential
 * ticket overtakes general ones without starving them. {@code FIFO}: arrival order.
 * {@code STRICT_PRIORITY}: the highest weight first, then arrival.
 */
public enum CallPolicy {
    WEIGHTED_WAIT("extract(epoch FROM CAST(:now AS timestamptz) - t.issued_at) * t.weight DESC, t.issued_at"),
    FIFO("t.issued_at"),
    STRICT_PRIORITY("t.weight DESC, t.issued_at");

    final String order;

    CallPolicy(String order) {
        this.order = order;
    }
}
