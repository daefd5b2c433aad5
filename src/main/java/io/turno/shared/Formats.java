package io.turno.shared;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one way Turno writes money, numbers and moments for a person: in the reader's language (es
 * or en), the organization's currency and the organization's time zone, through the JDK's CLDR
 * data. Pages reach it as {@code #fmt}; charts and exports build it from the same three facts, so
 * a figure reads the same everywhere.
 *
 * <p>Decisions: the language is given a region when the organization's currency is spent in
 * exactly one country where that language is spoken (COP gives es-CO: {@code $ 80.000}, EUR es-ES;
 * USD, spent in many, keeps the bare language). Pesos are written without cents unless an amount
 * has them: nobody pays a fraction of a peso. A letter symbol is kept apart from the figure by a
 * no-break space ({@code COP 80,000}), as CLDR asks and the JDK omits. Moments ({@link Instant},
 * offset or zoned times) are shown in the organization's zone; dates and local times as they are.
 */
public final class Formats {

    /** Currencies shown without cents unless an amount has them (CLDR's cash digits are 0). */
    private static final Set<String> WHOLE_IN_PRACTICE = Set.of("COP");

    private static final char NO_BREAK_SPACE = '\u00a0';
    private static final Map<List<String>, Locale> REGIONS = new ConcurrentHashMap<>();

    private final Locale locale;
    private final ZoneId zone;
    private final String currency;

    private Formats(Locale locale, ZoneId zone, String currency) {
        this.locale = locale;
        this.zone = zone;
        this.currency = currency;
    }

    /**
     * @param language the reader's language (only its language is used: es, en; none: es)
     * @param zone     the organization's time zone
     * @param currency the organization's ISO 4217 currency
     */
    public static Formats of(Locale language, ZoneId zone, String currency) {
        Currency.getInstance(currency);
        String spoken = language == null ? "es" : language.getLanguage();
        return new Formats(regional(spoken, currency), zone, currency);
    }

    /** The same reader and currency in another zone, e.g. a plant's or a practitioner's own. */
    public Formats inZone(ZoneId zone) {
        return new Formats(locale, zone, currency);
    }

    /** The same reader and currency in the zone named (an IANA name). */
    public Formats inZone(String zone) {
        return inZone(ZoneId.of(zone));
    }

    public Locale locale() {
        return locale;
    }

    public ZoneId zone() {
        return zone;
    }

    public String currency() {
        return currency;
    }

    /** An amount in the organization's currency. */
    public String money(BigDecimal amount) {
        return money(amount, currency);
    }

    /** An amount in the currency named (ISO 4217): {@code $ 80.000}, {@code COP 80,000}, {@code 80.000,00 €}. */
    public String money(BigDecimal amount, String currencyCode) {
        if (amount == null) {
            return "";
        }
        String code = currencyCode == null ? currency : currencyCode.strip();
        Currency money;
        try {
            money = Currency.getInstance(code);
        } catch (IllegalArgumentException notIso4217) {
            // A code stored before it was checked still reads, rather than failing the whole page.
            return number(amount, amount.scale() < 0 ? 0 : amount.scale()) + NO_BREAK_SPACE + code;
        }
        var format = (DecimalFormat) NumberFormat.getCurrencyInstance(locale);
        format.setCurrency(money);
        if (WHOLE_IN_PRACTICE.contains(money.getCurrencyCode())
                && amount.stripTrailingZeros().scale() <= 0) {
            format.setMinimumFractionDigits(0);
            format.setMaximumFractionDigits(0);
        }
        format.setPositivePrefix(spaced(format.getPositivePrefix()));
        format.setNegativePrefix(spaced(format.getNegativePrefix()));
        return format.format(amount);
    }

    /** A number as the reader writes it: {@code 1.234,5} or {@code 1,234.5} (up to three decimals). */
    public String number(Number value) {
        return value == null ? "" : NumberFormat.getNumberInstance(locale).format(value);
    }

    /** A number with exactly {@code decimals} decimals. */
    public String number(Number value, int decimals) {
        if (value == null) {
            return "";
        }
        NumberFormat format = NumberFormat.getNumberInstance(locale);
        format.setMinimumFractionDigits(decimals);
        format.setMaximumFractionDigits(decimals);
        return format.format(value);
    }

    /** A ratio as a percentage with up to one decimal: 0.805 is {@code 80,5 %} or {@code 80.5%}. */
    public String percent(Number ratio) {
        if (ratio == null) {
            return "";
        }
        NumberFormat format = NumberFormat.getPercentInstance(locale);
        format.setMaximumFractionDigits(1);
        return format.format(ratio);
    }

    /** The day: {@code 6 dic 2026}, {@code Dec 6, 2026}. */
    public String date(Temporal value) {
        return format(value, DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM));
    }

    /** The day and the minute: {@code 6 dic 2026, 10:04}, {@code Dec 6, 2026, 10:04 AM}. */
    public String dateTime(Temporal value) {
        return format(value, DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT));
    }

    /** The day and the second, for logs: {@code 6 dic 2026, 10:04:05}. */
    public String dateTimeSeconds(Temporal value) {
        return format(value, DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.MEDIUM));
    }

    /** The time of day: {@code 10:04}, {@code 10:04 AM}. */
    public String time(Temporal value) {
        return format(value, DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT));
    }

    private String format(Temporal value, DateTimeFormatter style) {
        if (value == null) {
            return "";
        }
        Temporal local;
        if (value instanceof Instant instant) {
            local = instant.atZone(zone);
        } else if (value instanceof OffsetDateTime offset) {
            local = offset.atZoneSameInstant(zone);
        } else if (value instanceof ZonedDateTime zoned) {
            local = zoned.withZoneSameInstant(zone);
        } else if (value instanceof LocalDateTime || value instanceof LocalDate || value instanceof LocalTime) {
            local = value;
        } else {
            throw new IllegalArgumentException("Not a date or time: " + value.getClass());
        }
        return style.withLocale(locale).format(local);
    }

    /** A prefix ending in a letter ({@code COP}, {@code -COP}) is kept apart from the figure. */
    private static String spaced(String prefix) {
        return !prefix.isEmpty() && Character.isLetter(prefix.charAt(prefix.length() - 1))
                ? prefix + NO_BREAK_SPACE
                : prefix;
    }

    /** The language in the one country where it is spoken and the currency is spent, else the bare language. */
    private static Locale regional(String language, String currency) {
        return REGIONS.computeIfAbsent(List.of(language, currency), key -> {
            var countries = Arrays.stream(Locale.getAvailableLocales())
                    .filter(l -> l.getLanguage().equals(language)
                            && !l.getCountry().isEmpty()
                            && l.getCountry().chars().allMatch(Character::isLetter)
                            && l.getVariant().isEmpty()
                            && l.getScript().isEmpty()
                            && !l.hasExtensions())
                    .filter(l -> currency.equals(currencyOf(l)))
                    .toList();
            return countries.size() == 1 ? countries.getFirst() : Locale.of(language);
        });
    }

    private static String currencyOf(Locale country) {
        try {
            Currency spent = Currency.getInstance(country);
            return spent == null ? null : spent.getCurrencyCode();
        } catch (IllegalArgumentException notACountry) {
            return null;
        }
    }
}
