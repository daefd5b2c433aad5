package io.turno.web.internal;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
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
                        .license(new License().name("Proprietary")));
    }
}
