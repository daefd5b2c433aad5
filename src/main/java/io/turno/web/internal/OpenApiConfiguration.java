package io.turno.web.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI turnoOpenApi(ObjectProvider<BuildProperties> build) {
        BuildProperties properties = build.getIfAvailable();
        return new OpenAPI()
                .info(new Info()
                        .title("Turno API")
                        .version(properties == null ? "dev" : properties.getVersion())
                        .description("Colas con prioridad, citas con pago, notificaciones y monitoreo de producción. "
                                + "JSON en snake_case; errores application/problem+json con un `code` estable.")
                        // OpenAPI 3.1 asks a license for an SPDX identifier or a URL; LicenseRef- names one of our own.
                        .license(new License().name("Proprietary").identifier("LicenseRef-Proprietary")));
    }

    /**
     * springdoc lists a tag once per distinct description, and a repeated tag makes the document invalid:
     * should two controllers name one tag, it is listed once, with the first description.
     */
    @Bean
    OpenApiCustomizer oneEntryPerTag() {
        return api -> {
            if (api.getTags() == null) {
                return;
            }
            Map<String, Tag> tags = new LinkedHashMap<>();
            api.getTags().forEach(tag -> tags.merge(tag.getName(), tag, (first, again) -> first));
            api.setTags(new ArrayList<>(tags.values()));
        };
    }
}
