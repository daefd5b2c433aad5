package io.turno.production.web;

import io.turno.production.internal.ProductionPermissions;
import io.turno.web.NavigationEntry;
import io.turno.web.NavigationSection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The menu's way to the plant's dashboard, {@code /production}, for whoever may read detections. The page is
 * the dashboards module's (the plant role's template on the one widget engine); the menu entry stays with
 * the permission it needs.
 */
@Configuration(proxyBeanMethods = false)
class PlantNavigation {

    @Bean
    static NavigationEntry productionNavigation() {
        return new NavigationEntry(
                NavigationSection.PLANT, "production.nav", "/production", ProductionPermissions.DETECTIONS_READ, 10);
    }
}
