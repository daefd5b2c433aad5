package io.turno.dashboards.internal;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Parameter;
import io.turno.shared.Invalid;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.validation.BindException;
import org.springframework.web.bind.annotation.BindParam;

/**
 * What the caller narrowed the dashboard to, one record from the address to the widgets: Spring binds it
 * from the query parameters of every dashboard route and page ({@code from}, {@code to}, {@code line_id},
 * {@code branch_id}, {@code shift_id}, {@code product_id}, {@code practitioner_id}; a value that is not a date
 * or an id is a 422 naming it), {@link #completed} settles the range, and the engine hands it to each
 * widget. A range ({@code from}–{@code to}, days of the organization's time zone, both included) replaces
 * each widget's own {@code days}; a line or a branch replaces the widget's {@code line_id} or
 * {@code branch_id}; a shift, a product or a practitioner narrows the widgets that declare that filter
 * ({@link WidgetSource#filters}). Without them each widget follows its parameters. {@code from_time} and
 * {@code to_time} (seed 002's {@code show_time}) start and end the range within its first and last day for
 * the widgets that count moments (the plant's, income, appointments, notifications); series by the day keep
 * whole days.
 */
@ParameterObject
public record DashboardFilters(
        @Parameter(description = "First day (of the organization), included")
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
        LocalDate from,

        @Parameter(description = "Last day (of the organization), included")
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
        LocalDate to,

        @Parameter(name = "line_id") @BindParam("line_id") UUID lineId,

        @Parameter(name = "branch_id") @BindParam("branch_id")
        UUID branchId,

        @Parameter(name = "shift_id") @BindParam("shift_id") UUID shiftId,

        @Parameter(name = "product_id") @BindParam("product_id")
        UUID productId,

        @Parameter(name = "practitioner_id") @BindParam("practitioner_id")
        UUID practitionerId,

        @Parameter(name = "from_time", description = "With from: the range starts at this time of that day (HH:mm)")
        @BindParam("from_time")
        @DateTimeFormat(pattern = "HH:mm", fallbackPatterns = "HH:mm:ss")
        LocalTime fromTime,

        @Parameter(name = "to_time", description = "With to: the range ends at this time of that day (HH:mm), excluded")
        @BindParam("to_time")
        @DateTimeFormat(pattern = "HH:mm", fallbackPatterns = "HH:mm:ss")
        LocalTime toTime) {

    /** The longest range a dashboard is computed for. */
    public static final int MAX_DAYS = 366;

    public static final DashboardFilters NONE =
            new DashboardFilters(null, null, null, null, null, null, null, null, null);

    /**
     * These filters with a half-given range completed ({@code from} alone runs to {@code today}, {@code to}
     * alone is one day) and checked: {@code from} not after {@code to}, at most {@link #MAX_DAYS} days.
     */
    public DashboardFilters completed(LocalDate today) throws BindException {
        LocalDate first = from;
        LocalDate last = to;
        if (first != null && last == null) {
            last = first.isAfter(today) ? first : today;
        } else if (last != null && first == null) {
            first = last;
        }
        Invalid invalid = new Invalid();
        if (first == null && (fromTime != null || toTime != null)) {
            invalid.reject(
                    fromTime != null ? "from_time" : "to_time",
                    "Una hora va con su día: indica también «from» o «to».");
        } else if (first != null && first.isAfter(last)) {
            invalid.reject("from", "«from» (" + first + ") va después de «to» (" + last + ").");
        } else if (first != null && ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
            invalid.reject("to", "El periodo abarca hasta " + MAX_DAYS + " días; acórtalo.");
        } else if (first != null
                && first.equals(last)
                && fromTime != null
                && toTime != null
                && !toTime.isAfter(fromTime)) {
            invalid.reject(
                    "to_time", "«to_time» (" + toTime + ") va antes de «from_time» (" + fromTime + ") el mismo día.");
        }
        invalid.throwIfAny();
        return new DashboardFilters(
                first, last, lineId, branchId, shiftId, productId, practitionerId, fromTime, toTime);
    }

    boolean hasRange() {
        return from != null;
    }

    /** The filters given, as query parameters: what the query log records. */
    Map<String, Object> asked() {
        Map<String, Object> asked = new LinkedHashMap<>();
        if (from != null) {
            asked.put("from", from.toString());
            asked.put("to", to.toString());
        }
        put(asked, "line_id", lineId);
        put(asked, "branch_id", branchId);
        put(asked, "shift_id", shiftId);
        put(asked, "product_id", productId);
        put(asked, "practitioner_id", practitionerId);
        if (fromTime != null) {
            asked.put("from_time", fromTime.toString());
        }
        if (toTime != null) {
            asked.put("to_time", toTime.toString());
        }
        return asked;
    }

    private static void put(Map<String, Object> asked, String name, UUID value) {
        if (value != null) {
            asked.put(name, value.toString());
        }
    }
}
