package io.turno.notifications.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One attempt's message as a provider gets it. {@code attemptId} travels with the message where the
 * provider echoes something back (WhatsApp's {@code biz_opaque_callback_data}, the SMS status
 * callback's URL), so a status about an attempt a crash interrupted still finds it.
 */
record Outgoing(
        UUID notificationId,
        UUID attemptId,
        Channel channel,
        String name,
        String email,
        String phone,
        String subject,
        String body,
        String templateCode,
        String language,
        List<Map.Entry<String, String>> variables,
        String messageId) {}
