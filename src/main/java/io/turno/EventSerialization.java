package io.turno;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.core.EventSerializer;
import org.springframework.util.function.SingletonSupplier;
import tools.jackson.databind.json.JsonMapper;

/**
 * How the event publication registry stores events: as Spring Modulith's own Jackson serializer
 * does, with the application's {@link JsonMapper}, so stored publications read back unchanged. Its
 * serializer looks the mapper up in the bean factory on every event (a dependency resolution per
 * publication, a measurable share of a booking's CPU); this one looks it up once, on first use.
 */
@Configuration(proxyBeanMethods = false)
class EventSerialization {

    @Bean
    EventSerializer eventSerializer(ObjectProvider<JsonMapper> mappers) {
        var mapper = SingletonSupplier.of(() -> mappers.getIfAvailable(JsonMapper::new));
        return new EventSerializer() {
            @Override
            public Object serialize(Object event) {
                return mapper.obtain().writeValueAsString(event);
            }

            @Override
            public <T> T deserialize(Object serialized, Class<T> type) {
                return mapper.obtain().readerFor(type).readValue(serialized.toString());
            }
        };
    }
}
