package io.turno.notifications.internal;

public enum Channel {
    EMAIL,
    WHATSAPP,
    SMS
}
