package io.turno.web;

import java.time.ZoneId;
import java.util.Locale;

import io.turno.shared.Actor;
import io.turno.shared.Formats;
import io.turno.shared.TenantId;
import io.turno.web.TenantConventions.Conventions;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The {@link Formats} of a reader: pages get it as {@code #fmt}; charts' JSON and exports ask here
 * so that they write money, numbers and moments exactly as the pages do.
 */
@Component
public class Formatting {

    /** For a reader with no organization (sign-in page) or one that is gone: Turno's own defaults. */
    static final Conventions DEFAULTS = new Conventions(ZoneId.of("America/Bogota"), "COP");

    private final ObjectProvider<TenantConventions> conventions;

    Formatting(ObjectProvider<TenantConventions> conventions) {
        this.conventions = conventions;
    }

    /** The signed-in user's organization, in the language of the request this thread serves. */
    public Formats current() {
        return of(currentTenant(), LocaleContextHolder.getLocale());
    }

    /** An organization's figures in a language; a null tenant takes Turno's defaults. */
    public Formats of(TenantId tenant, Locale language) {
        TenantConventions source = conventions.getIfAvailable();
        Conventions found =
                tenant == null || source == null ? DEFAULTS : source.of(tenant).orElse(DEFAULTS);
        return Formats.of(language, found.zone(), found.currency());
    }

    /** The tenant of the signed-in user, or null when nobody is signed in. */
    public static TenantId currentTenant() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof Actor actor ? actor.tenantId() : null;
    }
}
