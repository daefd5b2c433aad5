package io.turno.dashboards.internal;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.turno.shared.Invalid;
import org.springframework.validation.BindException;

/**
 * What the caller narrowed the dashboard to. A range ({@code from}–{@code to}, days of the organization's
 * time zone, both included) replaces each widget's own {@code days}; a line or a branch replaces the
 * widget's {@code line_id} or {@code branch_id}; a shift, a product or a practitioner narrows the widgets that
 * declare that filter ({@link WidgetSource#filters}). Without them each widget follows its parameters.
 */
public record DashboardFilters(
        LocalDate from, LocalDate to, UUID lineId, UUID branchId, UUID shiftId, UUID productId, UUID practitionerId) {

    /** The longest range a dashboard is computed for. */
    public static final int MAX_DAYS = 366;

    public static final DashboardFilters NONE = new DashboardFilters(null, null, null, null, null, null, null);

    /**
     * The filters with a half-given range completed ({@code from} alone runs to today, {@code to} alone is one
     * day) and checked: {@code from} not after {@code to}, at most {@link #MAX_DAYS} days.
     */
    public static DashboardFilters of(
            LocalDate from,
            LocalDate to,
            UUID lineId,
            UUID branchId,
            UUID shiftId,
            UUID productId,
            UUID practitionerId,
            LocalDate today)
            throws BindException {
        if (from != null && to == null) {
            to = from.isAfter(today) ? from : today;
        } else if (to != null && from == null) {
            from = to;
        }
        Invalid invalid = new Invalid();
        if (from != null && from.isAfter(to)) {
            invalid.reject("from", "«from» (" + from + ") va después de «to» (" + to + ").");
        } else if (from != null && ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            invalid.reject("to", "El periodo abarca hasta " + MAX_DAYS + " días; acórtalo.");
        }
        invalid.throwIfAny();
        return new DashboardFilters(from, to, lineId, branchId, shiftId, productId, practitionerId);
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
        return asked;
    }

    private static void put(Map<String, Object> asked, String name, UUID value) {
        if (value != null) {
            asked.put(name, value.toString());
        }
    }
}
