package io.turno.web.internal;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;

/**
 * {@code ?lang=en} (or {@code es}) switches the language of this answer and remembers it. A filter rather
 * than an interceptor: an address no handler serves gets its not-found page in the language asked for too.
 * Languages Turno has no bundle for keep the current one.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class LanguageSwitchFilter extends OncePerRequestFilter {

    private final LocaleResolver locales;

    LanguageSwitchFilter(LocaleResolver locales) {
        this.locales = locales;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String lang = request.getParameter("lang");
        WebConfiguration.SUPPORTED.stream()
                .filter(supported -> supported.getLanguage().equals(lang))
                .findFirst()
                .ifPresent(locale -> locales.setLocale(request, response, locale));
        chain.doFilter(request, response);
    }
}
