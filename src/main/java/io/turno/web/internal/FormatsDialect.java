package io.turno.web.internal;

import java.util.Set;

import io.turno.web.Formatting;
import io.turno.web.Labels;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.dialect.AbstractDialect;
import org.thymeleaf.dialect.IExpressionObjectDialect;
import org.thymeleaf.expression.IExpressionObjectFactory;

/**
 * {@code #fmt} in every template: the reader's {@link io.turno.shared.Formats}, e.g.
 * {@code ${#fmt.money(p.amount, p.currency)}}, {@code ${#fmt.dateTime(e.occurredAt)}}. Built once
 * per rendering, in the page's language (the request's locale) and the organization's zone and currency.
 * {@code #labels} beside it gives the words for codes ({@link Labels}): {@code ${#labels.of(a.status)}}.
 */
@Component
class FormatsDialect extends AbstractDialect implements IExpressionObjectDialect {

    private static final String NAME = "fmt";
    private static final String LABELS = "labels";

    private final Formatting formatting;
    private final Labels labels;

    FormatsDialect(Formatting formatting, Labels labels) {
        super("Turno formats");
        this.formatting = formatting;
        this.labels = labels;
    }

    @Override
    public IExpressionObjectFactory getExpressionObjectFactory() {
        return new IExpressionObjectFactory() {
            @Override
            public Set<String> getAllExpressionObjectNames() {
                return Set.of(NAME, LABELS);
            }

            @Override
            public Object buildObject(IExpressionContext context, String name) {
                return switch (name) {
                    case NAME -> formatting.of(Formatting.currentTenant(), context.getLocale());
                    case LABELS -> labels.in(context.getLocale());
                    default -> null;
                };
            }

            @Override
            public boolean isCacheable(String name) {
                return true;
            }
        };
    }
}
