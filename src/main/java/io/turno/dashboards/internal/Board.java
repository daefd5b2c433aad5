package io.turno.dashboards.internal;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

import io.turno.identity.CurrentUser;
import io.turno.shared.Invalid;
import org.springframework.validation.BindException;

/**
 * Which template a dashboard follows: the caller's own (by their roles, the home page's) or the plant's,
 * the OPERATOR role's template, which {@code /production} shows to whoever may read detections. Both are
 * resolved, filled and filtered by the same engine; the caller's permissions still decide each widget.
 */
public enum Board {
    MINE,
    PLANT;

    /** The roles whose template applies, in the engine's precedence. */
    Collection<String> roles(CurrentUser user) {
        return this == PLANT ? List.of("OPERATOR") : user.roles();
    }

    /**
     * The board a request names: none is the caller's own.
     *
     * @throws BindException (422) naming {@code board} for any other word than {@code plant}
     */
    public static Board of(String name) throws BindException {
        if (name == null || name.isBlank()) {
            return MINE;
        }
        if (name.toLowerCase(Locale.ROOT).equals("plant")) {
            return PLANT;
        }
        Invalid invalid = new Invalid();
        invalid.reject("board", "«board» es «plant» (el tablero de la planta) o nada (el tuyo).");
        invalid.throwIfAny();
        return MINE;
    }
}
