package io.turno.web.internal;

import java.util.Set;

import io.turno.web.Formatting;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.dialect.AbstractDialect;
import org.thymeleaf.dialect.IExpressionObjectDialect;
import org.thymeleaf.expression.IExpressionObjectFactory;

/**
 * {@code #fmt} in every template: the reader's {@link io.turno.shared.Formats}, e.g.
 * {@code ${#fmt.money(p.amount, p.currency)}}, {@code ${#fmt.dateTime(e.occurredAt)}}. Built once
 * per rendering, in the page's language (the request's locale) and the organization's zone and currency.
 */
@Component
class FormatsDialect extends AbstractDialect implements IExpressionObjectDialect {

    private static final String NAME = "fmt";

    private final Formatting formatting;

    FormatsDialect(Formatting formatting) {
        super("Turno formats");
        this.formatting = formatting;
    }

    @Override
    public IExpressionObjectFactory getExpressionObjectFactory() {
        return new IExpressionObjectFactory() {
            @Override
            public Set<String> getAllExpressionObjectNames() {
                return Set.of(NAME);
            }

            @Override
            public Object buildObject(IExpressionContext context, String name) {
                return NAME.equals(name) ? formatting.of(Formatting.currentTenant(), context.getLocale()) : null;
            }

            @Override
            public boolean isCacheable(String name) {
                return true;
            }
        };
    }
}
