package io.turno.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Locale;

import org.junit.jupiter.api.Test;

/** Money, numbers and moments as a reader of each language reads them, for organizations in two zones. */
class FormatsTests {

    private static final Locale ES = Locale.of("es");
    private static final Locale EN = Locale.ENGLISH;
    private static final ZoneId BOGOTA = ZoneId.of("America/Bogota");
    private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
    private static final BigDecimal EIGHTY_THOUSAND = new BigDecimal("80000.00");
    /** 15:04:05 UTC: 10:04 in Bogotá (UTC-5), 16:04 in Madrid (UTC+1 in December). */
    private static final Instant AFTERNOON_UTC = Instant.parse("2026-12-06T15:04:05Z");
    /** 23:30 UTC: still the 6th in Bogotá, already the 7th in Madrid. */
    private static final Instant LATE_UTC = Instant.parse("2026-12-06T23:30:00Z");

    /** The JDK keeps a figure and its symbol together with a no-break space: written as "~" here. */
    private static String read(String formatted) {
        return formatted.replace('\u00a0', '~').replace('\u202f', '~');
    }

    @Test
    void pesosReadAsInColombiaInSpanishAndWithTheirCodeInEnglishWithoutCents() {
        assertThat(read(Formats.of(ES, BOGOTA, "COP").money(EIGHTY_THOUSAND))).isEqualTo("$~80.000");
        assertThat(read(Formats.of(EN, BOGOTA, "COP").money(EIGHTY_THOUSAND))).isEqualTo("COP~80,000");
        assertThat(read(Formats.of(ES, BOGOTA, "COP").money(new BigDecimal("-1234567"))))
                .isEqualTo("-$~1.234.567");
        assertThat(read(Formats.of(EN, BOGOTA, "COP").money(new BigDecimal("-500.00"))))
                .isEqualTo("-COP~500");
    }

    @Test
    void centsOfAPesoAreNeverHidden() {
        assertThat(read(Formats.of(ES, BOGOTA, "COP").money(new BigDecimal("80000.50"))))
                .isEqualTo("$~80.000,50");
        assertThat(read(Formats.of(EN, BOGOTA, "COP").money(new BigDecimal("0.5"))))
                .isEqualTo("COP~0.50");
    }

    @Test
    void dollarsAndEurosForOrganizationsThatCountInThem() {
        assertThat(read(Formats.of(ES, BOGOTA, "USD").money(EIGHTY_THOUSAND))).isEqualTo("80.000,00~US$");
        assertThat(read(Formats.of(EN, BOGOTA, "USD").money(EIGHTY_THOUSAND))).isEqualTo("$80,000.00");
        assertThat(read(Formats.of(ES, MADRID, "EUR").money(EIGHTY_THOUSAND))).isEqualTo("80.000,00~€");
        assertThat(read(Formats.of(EN, MADRID, "EUR").money(EIGHTY_THOUSAND))).isEqualTo("€80,000.00");
    }

    @Test
    void anAmountInAnotherCurrencyKeepsTheOrganizationsWayOfWriting() {
        var colombianReader = Formats.of(ES, BOGOTA, "COP");
        assertThat(read(colombianReader.money(EIGHTY_THOUSAND, "USD"))).isEqualTo("US$~80.000,00");
        assertThat(read(colombianReader.money(new BigDecimal("19.99"), "EUR"))).isEqualTo("EUR~19,99");
        assertThat(read(Formats.of(EN, BOGOTA, "COP").money(new BigDecimal("19.99"), "EUR")))
                .isEqualTo("€19.99");
        assertThat(read(colombianReader.money(EIGHTY_THOUSAND, null))).isEqualTo("$~80.000");
        assertThat(colombianReader.money(null, "COP")).isEmpty();
    }

    @Test
    void anOrganizationWithAnUnknownCurrencyIsRefusedButAnOddAmountStillReads() {
        assertThatThrownBy(() -> Formats.of(ES, BOGOTA, "XYZ")).isInstanceOf(IllegalArgumentException.class);
        assertThat(read(Formats.of(ES, BOGOTA, "COP").money(new BigDecimal("1234.50"), "XYZ")))
                .isEqualTo("1.234,50~XYZ");
        assertThat(read(Formats.of(null, BOGOTA, "COP").money(EIGHTY_THOUSAND))).isEqualTo("$~80.000");
    }

    @Test
    void numbersAndPercentagesFollowTheReadersLanguage() {
        var spanish = Formats.of(ES, MADRID, "EUR");
        var english = Formats.of(EN, MADRID, "EUR");
        assertThat(spanish.number(1234567.891)).isEqualTo("1.234.567,891");
        assertThat(english.number(1234567.891)).isEqualTo("1,234,567.891");
        assertThat(spanish.number(2.5, 1)).isEqualTo("2,5");
        assertThat(english.number(2, 1)).isEqualTo("2.0");
        assertThat(read(spanish.percent(0.805))).isEqualTo("80,5~%");
        assertThat(english.percent(0.805)).isEqualTo("80.5%");
        assertThat(english.percent(1)).isEqualTo("100%");
        assertThat(english.number(null)).isEmpty();
        assertThat(english.percent(null)).isEmpty();
    }

    @Test
    void aMomentIsShownInTheOrganizationsZone() {
        assertThat(Formats.of(ES, MADRID, "EUR").dateTime(AFTERNOON_UTC)).isEqualTo("6 dic 2026, 16:04");
        assertThat(read(Formats.of(EN, MADRID, "EUR").dateTime(AFTERNOON_UTC))).isEqualTo("Dec 6, 2026, 4:04~PM");
        assertThat(read(Formats.of(ES, BOGOTA, "COP").dateTime(AFTERNOON_UTC))).isEqualTo("6/12/2026, 10:04~a.~m.");
        assertThat(read(Formats.of(EN, BOGOTA, "COP").dateTime(AFTERNOON_UTC))).isEqualTo("Dec 6, 2026, 10:04~AM");
        assertThat(Formats.of(ES, MADRID, "EUR").dateTimeSeconds(AFTERNOON_UTC)).isEqualTo("6 dic 2026, 16:04:05");
        assertThat(Formats.of(ES, MADRID, "EUR").time(AFTERNOON_UTC)).isEqualTo("16:04");
        assertThat(read(Formats.of(EN, BOGOTA, "COP").time(AFTERNOON_UTC))).isEqualTo("10:04~AM");
    }

    @Test
    void theDayOfAMomentIsTheOrganizationsDay() {
        assertThat(Formats.of(ES, BOGOTA, "COP").date(LATE_UTC)).isEqualTo("6/12/2026");
        assertThat(Formats.of(ES, MADRID, "EUR").date(LATE_UTC)).isEqualTo("7 dic 2026");
        assertThat(Formats.of(EN, BOGOTA, "COP").date(LATE_UTC)).isEqualTo("Dec 6, 2026");
        assertThat(Formats.of(EN, MADRID, "EUR").date(LATE_UTC)).isEqualTo("Dec 7, 2026");
        var withOffset = OffsetDateTime.parse("2026-12-06T18:30:00-05:00");
        assertThat(Formats.of(EN, MADRID, "EUR").dateTime(withOffset)).startsWith("Dec 7, 2026, 12:30");
    }

    @Test
    void anotherZoneCanBeAskedForAndLocalValuesAreShownAsTheyAre() {
        var bogota = Formats.of(ES, BOGOTA, "COP");
        assertThat(bogota.inZone("Europe/Madrid").date(LATE_UTC)).isEqualTo("7/12/2026");
        assertThat(bogota.inZone(MADRID).zone()).isEqualTo(MADRID);
        assertThat(Formats.of(ES, MADRID, "EUR").date(LocalDate.of(2026, 1, 31)))
                .isEqualTo("31 ene 2026");
        assertThat(Formats.of(ES, MADRID, "EUR").time(LocalTime.of(9, 5))).isEqualTo("9:05");
        assertThat(bogota.dateTime(null)).isEmpty();
    }
}
