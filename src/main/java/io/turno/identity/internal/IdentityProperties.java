package io.turno.identity.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code turno.identity.*}.
 *
 * @param demo      load the {@code demo} tenant with one user per built-in role (off in production)
 * @param bootstrap the first tenant and administrator of a production install, created once when
 *                  no tenant exists yet
 */
@ConfigurationProperties("turno.identity")
record IdentityProperties(@DefaultValue("true") boolean demo, @DefaultValue Bootstrap bootstrap) {

    record Bootstrap(String tenant, @DefaultValue("Turno") String tenantName,
                     @DefaultValue("America/Bogota") String timeZone, @DefaultValue("admin") String adminUsername,
                     String adminPassword, String adminEmail) {

        boolean configured() {
            return tenant != null && !tenant.isBlank() && adminPassword != null && !adminPassword.isBlank();
        }
    }
}
