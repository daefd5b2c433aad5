package io.turno.web.internal;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * A JSON request body may name only properties the API knows: an unknown one (a camelCase name, a
 * typo) is refused with 422 instead of being dropped while the rest is saved. Only bodies clients
 * send are read so; the application's own mapper, which reads stored events and providers' answers,
 * keeps skipping what it does not know. Ordered after Spring Boot's configurer, whose JSON converter
 * this one replaces for the server side only.
 */
@Configuration(proxyBeanMethods = false)
@Order(Ordered.LOWEST_PRECEDENCE)
class StrictRequestBodies implements WebMvcConfigurer {

    private final JsonMapper json;

    StrictRequestBodies(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
        builder.withJsonConverter(new JacksonJsonHttpMessageConverter(json) {
            @Override
            protected ObjectReader customizeReader(ObjectReader reader, JavaType type) {
                return super.customizeReader(reader, type).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
            }
        });
    }
}
