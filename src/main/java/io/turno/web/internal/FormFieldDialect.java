package io.turno.web.internal;

import java.util.Set;

import org.springframework.stereotype.Component;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.dialect.AbstractProcessorDialect;
import org.thymeleaf.engine.AttributeName;
import org.thymeleaf.model.IProcessableElementTag;
import org.thymeleaf.processor.IProcessor;
import org.thymeleaf.processor.element.AbstractAttributeTagProcessor;
import org.thymeleaf.processor.element.IElementTagStructureHandler;
import org.thymeleaf.spring6.util.FieldUtils;
import org.thymeleaf.standard.expression.StandardExpressions;
import org.thymeleaf.templatemode.TemplateMode;

/**
 * {@code form:field="amount"} on a form control (input, select, textarea, fieldset) of a
 * {@code th:object} form: when the form object has errors on that field, the control gets
 * {@code class="invalid"}, {@code aria-invalid="true"} and {@code aria-describedby} naming the error
 * text that {@code fragments :: fieldError('amount')} writes next to it ({@code amount-error}).
 * One attribute instead of three expressions on every control, so no form forgets one.
 */
@Component
class FormFieldDialect extends AbstractProcessorDialect {

    static final String PREFIX = "form";

    FormFieldDialect() {
        super("Turno form fields", PREFIX, 1500);
    }

    @Override
    public Set<IProcessor> getProcessors(String dialectPrefix) {
        return Set.of(new FieldProcessor(dialectPrefix));
    }

    /** The id of the error text of {@code field}: the control's id (as {@code th:field} makes it) + "-error". */
    static String errorId(String field) {
        return FieldUtils.idFromName(field) + "-error";
    }

    private static final class FieldProcessor extends AbstractAttributeTagProcessor {

        FieldProcessor(String prefix) {
            // After th:field and th:classappend (which would otherwise replace what is set here).
            super(TemplateMode.HTML, prefix, null, false, "field", true, 1500, true);
        }

        @Override
        protected void doProcess(
                ITemplateContext context,
                IProcessableElementTag tag,
                AttributeName attributeName,
                String field,
                IElementTagStructureHandler structure) {
            if (field == null || field.isBlank()) {
                return;
            }
            if (field.contains("__")) {
                // A field of a loop, e.g. hours[__${day}__]: preprocessed as th:field is.
                field = String.valueOf(StandardExpressions.getExpressionParser(context.getConfiguration())
                        .parseExpression(context, "'" + field + "'")
                        .execute(context));
            }
            if (!FieldUtils.hasErrors(context, field.strip())) {
                return;
            }
            String classes = tag.getAttributeValue("class");
            structure.setAttribute("class", classes == null || classes.isBlank() ? "invalid" : classes + " invalid");
            structure.setAttribute("aria-invalid", "true");
            String described = tag.getAttributeValue("aria-describedby");
            String error = errorId(field.strip());
            structure.setAttribute(
                    "aria-describedby", described == null || described.isBlank() ? error : described + " " + error);
        }
    }
}
