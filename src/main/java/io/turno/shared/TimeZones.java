package io.turno.shared;

import java.time.ZoneId;
import java.util.Optional;

/** The one rule for a time zone a person types: an IANA region name such as America/Bogota. */
public final class TimeZones {

    private TimeZones() {}

    /**
     * The zone named, or empty when the text is blank or not an IANA name. Fixed offsets such as
     * {@code -05:00} are refused: they ignore daylight saving time where an organization has it.
     */
    public static Optional<ZoneId> iana(String text) {
        if (text == null || text.isBlank() || !ZoneId.getAvailableZoneIds().contains(text.strip())) {
            return Optional.empty();
        }
        return Optional.of(ZoneId.of(text.strip()));
    }
}
