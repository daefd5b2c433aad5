package io.turno.dashboards.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.springframework.stereotype.Component;

/**
 * The widget catalog with each widget's parameter schema compiled once: the catalog changes only by
 * migration, so it is read at the first use and kept for the life of the process.
 */
@Component
public class WidgetCatalog {

    record Entry(Widget widget, Schema schema) {}

    private final JdbcWidgets widgets;
    private volatile Map<String, Entry> entries;

    WidgetCatalog(JdbcWidgets widgets) {
        this.widgets = widgets;
    }

    public List<Widget> all() {
        return entries().values().stream().map(Entry::widget).toList();
    }

    public Optional<Widget> find(String code) {
        return Optional.ofNullable(entries().get(code)).map(Entry::widget);
    }

    Optional<Entry> entry(String code) {
        return Optional.ofNullable(entries().get(code));
    }

    private Map<String, Entry> entries() {
        Map<String, Entry> loaded = entries;
        if (loaded == null) {
            SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
            loaded = new LinkedHashMap<>();
            for (Widget widget : widgets.all()) {
                loaded.put(widget.code(), new Entry(widget, registry.getSchema(widget.parametersSchema())));
            }
            // In catalog order, for listings.
            entries = java.util.Collections.unmodifiableMap(loaded);
        }
        return entries;
    }
}
