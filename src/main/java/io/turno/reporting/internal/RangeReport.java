package io.turno.reporting.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/** A statistics report over a range of days ({@link DateRange}): its parameters, checks and file date. */
abstract class RangeReport implements ReportDefinition {

    @Override
    public List<Parameter> parameters() {
        return DateRange.parameters();
    }

    @Override
    public Map<String, Label> problems(ReportParameters parameters) {
        return DateRange.problems(parameters);
    }

    @Override
    public String fileDate(ReportParameters parameters) {
        return parameters.written("to");
    }

    /** A PERCENT cell from a ratio, null staying null (no base: no rate). */
    static BigDecimal ratio(Double value) {
        return value == null ? null : BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP);
    }

    /** A DECIMAL cell rounded to {@code scale}, null staying null. */
    static BigDecimal decimal(Double value, int scale) {
        return value == null ? null : BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP);
    }
}
