package io.turno.dashboards.internal;

import java.util.List;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import io.turno.shared.Invalid;
import org.springframework.stereotype.Component;
import org.springframework.validation.BindException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a layout before it is saved: known widgets, widths of 1–4 columns, at most
 * {@link DashboardLayout#MAX_WIDGETS} widgets, and each widget's parameters against the JSON Schema of its catalog
 * entry. Every refusal names its field as the request body spells it, e.g.
 * {@code widgets[2].parameters.days}.
 */
@Component
class LayoutValidation {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WidgetCatalog catalog;

    LayoutValidation(WidgetCatalog catalog) {
        this.catalog = catalog;
    }

    void check(DashboardLayout layout) throws BindException {
        Invalid invalid = new Invalid();
        if (layout.widgets().isEmpty()) {
            invalid.reject("widgets", "Un tablero lleva al menos un widget.");
        }
        if (layout.widgets().size() > DashboardLayout.MAX_WIDGETS) {
            invalid.reject("widgets", "Un tablero lleva hasta " + DashboardLayout.MAX_WIDGETS + " widgets.");
        }
        for (int i = 0; i < layout.widgets().size(); i++) {
            DashboardLayout.Placement slot = layout.widgets().get(i);
            String at = "widgets[" + i + "]";
            if (slot.width() < 1 || slot.width() > 4) {
                invalid.reject(at + ".width", "El ancho va de 1 a 4 columnas.");
            }
            var entry =
                    slot.widget() == null ? null : catalog.entry(slot.widget()).orElse(null);
            if (entry == null) {
                invalid.reject(at + ".widget", "El catálogo no tiene el widget «" + slot.widget() + "».");
                continue;
            }
            List<Error> errors = entry.schema().validate(JSON.writeValueAsString(slot.parameters()), InputFormat.JSON);
            for (Error error : errors) {
                invalid.reject(at + ".parameters" + field(error), error.getMessage());
            }
        }
        invalid.throwIfAny();
    }

    /**
     * The parameter at fault: where the value sits ({@code /days} → {@code .days}), or for a missing or
     * unexpected property the property itself.
     */
    private static String field(Error error) {
        String location = String.valueOf(error.getInstanceLocation());
        // A JSON pointer (/days) or a JSON path ($.days), whichever the validator writes.
        String path = location.startsWith("$") ? location.substring(1) : location.replace('/', '.');
        if (error.getProperty() != null && !path.endsWith("." + error.getProperty())) {
            path = path + "." + error.getProperty();
        }
        return path;
    }
}
