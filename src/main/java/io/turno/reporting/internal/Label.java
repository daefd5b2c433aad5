package io.turno.reporting.internal;

import java.util.Locale;

/** A text in both of Turno's languages: Spanish (the default) and English. */
public record Label(String es, String en) {

    public String in(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? en : es;
    }
}
