package io.turno.production.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;

/** The ingest's own reading of detected_at agrees with java.time's and refuses what it refuses. */
class DetectionTimestampsTests {

    @Test
    void readsLikeOffsetDateTime() {
        for (String text : new String[] {
            "2026-03-01T08:15:00Z",
            "2026-03-01T08:15:00.5Z",
            "2026-03-01T08:15:00.123456789Z",
            "2026-03-01T08:15:00.1234567891Z",
            "2024-02-29T23:59:59-05:00",
            "2025-10-26T02:30:00+01:00",
            "2025-01-01T00:00:00.000+14:00",
            "2025-01-01T00:00:00-18:00",
            "2026-03-01T08:15Z",
            "2026-03-01T08:15:00+0100"
        }) {
            Object expected;
            try {
                expected = OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeException e) {
                expected = "refused";
            }
            Object actual;
            try {
                actual = DetectionIngest.instant(text);
            } catch (DateTimeException e) {
                actual = "refused";
            }
            assertThat(actual).as(text).isEqualTo(expected);
        }
        for (String bad : new String[] {
            "2026-02-30T08:15:00Z",
            "2026-13-01T08:15:00Z",
            "2026-03-01T24:15:00Z",
            "2026-03-01T08:15:00+25:00",
            "2026-03-01T08:15:00",
            "2026-0a-01T08:15:00Z",
            "ayer"
        }) {
            assertThatThrownBy(() -> DetectionIngest.instant(bad)).as(bad).isInstanceOf(DateTimeException.class);
        }
    }
}
