package io.turno.notifications;

import java.time.Instant;
import java.util.List;

import io.turno.shared.TenantId;

/** How the organization's notifications went, for dashboards and reports. */
public interface NotificationStatistics {

    /**
     * Notifications of one channel: {@code sent} reached the provider (sent or delivered), {@code failed}
     * gave up, {@code pending} are still to go (pending or being sent); cancelled ones are not counted.
     * {@code retried}: notifications (of any outcome) that took more than one attempt.
     */
    record ChannelCount(String channel, long sent, long failed, long pending, long retried) {}

    /** Per channel (EMAIL, WHATSAPP, SMS, every one listed) of the notifications created in {@code [from, to)}. */
    List<ChannelCount> perChannel(TenantId tenant, Instant from, Instant to);
}
