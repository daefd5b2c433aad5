package io.turno.audit.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.turno.audit.web.AuditDetails.Line;
import io.turno.shared.Formats;
import io.turno.web.Labels;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/** An audit summary read as lines: what changed, what was created, moments in the organization's zone. */
class AuditDetailsTests {

    private static final Locale ES = Locale.of("es");

    private final Formats bogota = Formats.of(ES, ZoneId.of("America/Bogota"), "COP");
    private final Labels.Words words = new Labels(messages()).in(ES);

    @Test
    void aChangeShowsOnlyWhatChangedAsBeforeAndAfter() {
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("name", "Caja 1");
        before.put("active", true);
        before.put("permissions", List.of("audit:read"));
        Map<String, Object> after = new LinkedHashMap<>(before);
        after.put("active", false);
        after.put("permissions", List.of("audit:read", "users:read"));

        assertThat(AuditDetails.of(Map.of("before", before, "after", after), bogota, words))
                .containsExactly(
                        new Line("active", "Sí", "No"),
                        new Line("permissions", "audit:read", "audit:read, users:read"));
    }

    @Test
    void aCreationShowsItsFactsFlattenedWithMomentsInTheOrganizationsZone() {
        Map<String, Object> appointment = new LinkedHashMap<>();
        appointment.put("start", "2026-12-06T14:00:00Z");
        appointment.put("recipient", Map.of("name", "Ana"));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("after", appointment);
        summary.put("reason", "REBALANCE");

        List<Line> lines = AuditDetails.of(summary, bogota, words);
        assertThat(lines)
                .containsExactly(
                        new Line("start", null, bogota.dateTime(Instant.parse("2026-12-06T14:00:00Z"))),
                        new Line("recipient.name", null, "Ana"),
                        new Line("reason", null, "REBALANCE"));
        assertThat(lines.get(0).value()).as("14:00 UTC is 9:00 in Bogotá").contains("9:00");
        assertThat(lines.get(1).leaf()).isEqualTo("name");
        assertThat(AuditDetails.of(Map.of(), bogota, words)).isEmpty();
    }

    private static ResourceBundleMessageSource messages() {
        var messages = new ResourceBundleMessageSource();
        messages.setBasename("i18n/messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }
}
