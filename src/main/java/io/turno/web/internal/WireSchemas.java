package io.turno.web.internal;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.PropertyNamingStrategy;
import com.fasterxml.jackson.databind.introspect.AnnotatedClass;
import com.fasterxml.jackson.databind.introspect.NopAnnotationIntrospector;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes {@code /v3/api-docs} describe the JSON on the wire. springdoc resolves models with
 * swagger-core's own Jackson 2 mapper, which knows nothing of the application's Jackson 3 naming
 * (snake_case), of which properties a record always writes, or of how failures read. So:
 *
 * <ul>
 *   <li>swagger-core's mappers name the properties of every type but its own document model with the
 *       application mapper's naming strategy, read from that mapper, not repeated;
 *   <li>a response record lists every component as required but those whose type is marked
 *       JSpecify {@code @Nullable} (a null is left out, never written as null, so those may be
 *       absent); a request record's optional reference components accept null, as the mapper does;
 *   <li>two types resolving to one schema name fail the document instead of one silently replacing
 *       the other (as the queue's opening-hours interval was by the schedule's);
 *   <li>a number written as a string ({@code @JsonFormat(shape = STRING)}) is documented as one;
 *   <li>every operation documents its failures as {@code application/problem+json}.
 * </ul>
 */
@Component
class WireSchemas implements ModelConverter, OpenApiCustomizer {

    static final String PROBLEM = "Problem";
    private static final String REF = "#/components/schemas/";

    private final PropertyNamingStrategies.NamingBase naming;
    // Static as swagger-core's converters are: a context resolves a type once, whichever context
    // registered the converter last sees it, and a type's schema is the same in every context.
    private static final Map<String, Class<?>> records = new ConcurrentHashMap<>();
    private static final Set<String> clashes = ConcurrentHashMap.newKeySet();

    WireSchemas(JsonMapper wire) {
        naming = wire.serializationConfig().getPropertyNamingStrategy()
                        instanceof tools.jackson.databind.PropertyNamingStrategies.NamingBase strategy
                ? new PropertyNamingStrategies.NamingBase() {
                    @Override
                    public String translate(String name) {
                        return strategy.nameForField(null, null, name);
                    }
                }
                : null;
        if (naming != null) {
            Json.mapper().registerModule(new WireNaming(naming));
            Json31.mapper().registerModule(new WireNaming(naming));
        }
        // Jackson 3's tree is any JSON, not a bean with properties.
        SpringDocUtils.getConfig()
                .replaceWithSchema(tools.jackson.databind.JsonNode.class, new Schema<>())
                .replaceWithSchema(tools.jackson.databind.node.ObjectNode.class, typed("object"))
                .replaceWithSchema(tools.jackson.databind.node.ArrayNode.class, typed("array"));
    }

    /** Names the properties of all but swagger's own model classes; a type's @JsonNaming still wins. */
    private static final class WireNaming extends SimpleModule {

        private final transient PropertyNamingStrategy naming;

        WireNaming(PropertyNamingStrategy naming) {
            super("turno-wire-naming");
            this.naming = naming;
        }

        @Override
        public void setupModule(SetupContext context) {
            super.setupModule(context);
            context.appendAnnotationIntrospector(new NopAnnotationIntrospector() {
                @Override
                public Object findNamingStrategy(AnnotatedClass type) {
                    return type.getRawType().getName().startsWith("io.swagger.") ? null : naming;
                }
            });
        }
    }

    @Override
    public Schema<?> resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        Schema<?> schema = chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
        if (schema != null && type.getType() != null) {
            Class<?> raw = Json31.mapper().constructType(type.getType()).getRawClass();
            String name = schema.get$ref() != null && schema.get$ref().startsWith(REF)
                    ? schema.get$ref().substring(REF.length())
                    : schema.getName();
            if (name != null && raw.isRecord()) {
                Class<?> earlier = records.putIfAbsent(name, raw);
                if (earlier != null && earlier != raw) {
                    clashes.add(name + ": " + earlier.getName() + " and " + raw.getName());
                }
            }
        }
        return schema;
    }

    @Override
    public void customise(OpenAPI api) {
        if (!clashes.isEmpty()) {
            throw new IllegalStateException("Types share a schema name (give one a @Schema(name)): " + clashes);
        }
        Map<String, Schema> schemas = api.getComponents().getSchemas();
        Set<String> requests = new HashSet<>();
        Set<String> responses = new HashSet<>();
        api.getPaths()
                .values()
                .forEach(path -> path.readOperations().forEach(operation -> {
                    if (operation.getRequestBody() != null) {
                        reach(operation.getRequestBody().getContent(), schemas, requests);
                    }
                    operation
                            .getResponses()
                            .values()
                            .forEach(response -> reach(response.getContent(), schemas, responses));
                }));
        schemas.forEach((name, schema) -> {
            Class<?> type = records.get(name);
            if (type != null && schema.getProperties() != null) {
                describe(type, schema, requests.contains(name), responses.contains(name));
            }
        });
        schemas.put(PROBLEM, problem());
        api.getPaths().values().forEach(path -> path.readOperations().forEach(WireSchemas::failures));
    }

    private void describe(Class<?> type, Schema<?> schema, boolean read, boolean answered) {
        for (RecordComponent component : type.getRecordComponents()) {
            String name = jsonName(type, component);
            if (!schema.getProperties().containsKey(name)
                    && schema.getProperties().containsKey(component.getName())) {
                rename(schema, component.getName(), name);
            }
            Schema<?> property = schema.getProperties().get(name);
            if (property == null) {
                continue;
            }
            if (written(type, component) && property.getTypes() != null) {
                // @JsonFormat(shape = STRING): an amount is written and read as "45000.00", not as a number.
                property.setTypes(new LinkedHashSet<>(List.of("string")));
                property.setFormat(null);
            }
            boolean required =
                    schema.getRequired() != null && schema.getRequired().contains(name);
            if (answered && !read) {
                // The mapper leaves out a null (non_null), so whatever may be null may be absent.
                if (mayBeNull(component)) {
                    if (required) {
                        List<String> rest = new ArrayList<>(schema.getRequired());
                        rest.remove(name);
                        schema.setRequired(rest.isEmpty() ? null : rest);
                    }
                    schema.getProperties().put(name, nullable(property));
                } else if (!required) {
                    schema.addRequiredItem(name);
                }
            } else if (component.getType().isPrimitive()) {
                // Jackson reads an absent primitive as 0 or false; it always writes one.
                if (!read && !required) {
                    schema.addRequiredItem(name);
                }
            } else if (read && !required) {
                schema.getProperties().put(name, nullable(property));
            }
        }
    }

    /**
     * A response record's component is always on the wire unless its type is marked JSpecify
     * {@code @Nullable}; the mark is the one convention for "may be absent".
     */
    static boolean mayBeNull(RecordComponent component) {
        return !component.getType().isPrimitive()
                && (component.getAnnotatedType().isAnnotationPresent(Nullable.class)
                        || component.isAnnotationPresent(Nullable.class));
    }

    /**
     * swagger-core keeps the Java name of a component that starts like an is-getter
     * ({@code issuedAt}), which the mapper renames like any other.
     */
    private static void rename(Schema<?> schema, String from, String to) {
        Map<String, Schema> properties = new LinkedHashMap<>();
        schema.getProperties().forEach((name, property) -> properties.put(name.equals(from) ? to : name, property));
        schema.setProperties(properties);
        if (schema.getRequired() != null) {
            schema.setRequired(new ArrayList<>(schema.getRequired().stream()
                    .map(name -> name.equals(from) ? to : name)
                    .toList()));
        }
    }

    private static boolean written(Class<?> type, RecordComponent component) {
        try {
            JsonFormat format = type.getDeclaredField(component.getName()).getAnnotation(JsonFormat.class);
            return format != null
                    && format.shape() == JsonFormat.Shape.STRING
                    && Number.class.isAssignableFrom(component.getType());
        } catch (NoSuchFieldException impossible) {
            return false;
        }
    }

    private String jsonName(Class<?> type, RecordComponent component) {
        try {
            JsonProperty explicit = type.getDeclaredField(component.getName()).getAnnotation(JsonProperty.class);
            if (explicit != null && !explicit.value().isEmpty()) {
                return explicit.value();
            }
        } catch (NoSuchFieldException impossible) {
            // every record component has its field
        }
        return naming == null ? component.getName() : naming.translate(component.getName());
    }

    @SuppressWarnings("unchecked")
    private static Schema<?> nullable(Schema<?> property) {
        if (property.get$ref() != null) {
            return new Schema<>()
                    .description(property.getDescription())
                    .anyOf(List.of(new Schema<>().$ref(property.get$ref()), typed("null")));
        }
        if (property.getTypes() != null && !property.getTypes().isEmpty()) {
            property.addType("null");
            if (property.getEnum() != null && !property.getEnum().contains(null)) {
                List<Object> values = new ArrayList<>(property.getEnum());
                values.add(null);
                ((Schema<Object>) property).setEnum(values);
            }
        }
        return property;
    }

    /** The schema names {@code content} reaches, through references, properties, items and combinations. */
    private static void reach(Content content, Map<String, Schema> schemas, Set<String> reached) {
        if (content == null) {
            return;
        }
        List<Schema<?>> pending = new ArrayList<>();
        content.values().forEach(media -> pending.add(media.getSchema()));
        while (!pending.isEmpty()) {
            Schema<?> schema = pending.removeLast();
            if (schema == null) {
                continue;
            }
            if (schema.get$ref() != null && schema.get$ref().startsWith(REF)) {
                String name = schema.get$ref().substring(REF.length());
                if (reached.add(name)) {
                    pending.add(schemas.get(name));
                }
                continue;
            }
            if (schema.getProperties() != null) {
                schema.getProperties().values().forEach(pending::add);
            }
            pending.add(schema.getItems());
            if (schema.getAdditionalProperties() instanceof Schema<?> values) {
                pending.add(values);
            }
            for (List<Schema> parts : new List[] {schema.getAllOf(), schema.getAnyOf(), schema.getOneOf()}) {
                if (parts != null) {
                    parts.forEach(pending::add);
                }
            }
        }
    }

    /** RFC 9457 as {@link io.turno.shared.Problems} and {@link ErrorResponses} write it. */
    private static Schema<?> problem() {
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("type", typed("string").format("uri"));
        properties.put("title", typed("string"));
        properties.put("status", typed("integer").format("int32"));
        properties.put("detail", typed("string"));
        properties.put("instance", typed("string").format("uri-reference"));
        properties.put("code", typed("string").description("Stable, e.g. VALIDATION_FAILED"));
        properties.put("request_id", typed("string").description("Ties the answer to its log lines"));
        Map<String, Schema> error = new LinkedHashMap<>();
        error.put("index", typed("integer").description("The rejected item of a batch"));
        error.put("field", typed("string"));
        error.put("message", typed("string"));
        properties.put(
                "errors",
                typed("array")
                        .description("What is wrong with each field of a VALIDATION_FAILED problem")
                        .items(typed("object").properties(error).required(List.of("message"))));
        return typed("object")
                .description("A failure: application/problem+json with a stable code")
                .properties(properties)
                .required(List.of("type", "title", "status", "detail", "code"));
    }

    private static Schema<?> typed(String type) {
        return new Schema<>().types(new LinkedHashSet<>(List.of(type)));
    }

    /** As ranges, not {@code default}: a success the operation does not document stays a mismatch. */
    private static void failures(Operation operation) {
        for (String range : List.of("4XX", "5XX")) {
            operation
                    .getResponses()
                    .addApiResponse(
                            range,
                            new ApiResponse()
                                    .description("A failure, with a stable code")
                                    .content(new Content()
                                            .addMediaType(
                                                    org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                                                    new MediaType().schema(new Schema<>().$ref(REF + PROBLEM)))));
        }
    }
}
