package io.turno.web.internal;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import io.turno.shared.Actor;
import io.turno.web.NavigationEntry;
import io.turno.web.NavigationSection;
import io.turno.web.PageNotice;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

/** Language (Spanish unless the user switches with {@code ?lang=en}) and the navigation of every page. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    private static final Logger log = LoggerFactory.getLogger(WebConfiguration.class);

    static final List<Locale> SUPPORTED = List.of(Locale.of("es"), Locale.ENGLISH);

    private final NavigationMenu navigation;
    private final List<PageNotice> notices;

    WebConfiguration(List<NavigationEntry> navigation, List<PageNotice> notices) {
        this.navigation = new NavigationMenu(navigation);
        this.notices = notices;
    }

    /**
     * Static, so that the language filter, made while the server starts, does not make this class and what it
     * needs (every module's menu entries and notices, and their services) that early: beans made then miss the
     * properties tests register later (the card gateway went without its address).
     */
    @Bean
    static LocaleResolver localeResolver() {
        var resolver = new CookieLocaleResolver("TURNO_LANG");
        // No cookie yet: the first supported language the client asks for, else Spanish.
        resolver.setDefaultLocaleFunction(request -> {
            String header = request.getHeader("Accept-Language");
            if (header == null || header.isBlank()) {
                return SUPPORTED.getFirst();
            }
            try {
                Locale match = Locale.lookup(Locale.LanguageRange.parse(header), SUPPORTED);
                return match == null ? SUPPORTED.getFirst() : match;
            } catch (IllegalArgumentException malformedHeader) {
                return SUPPORTED.getFirst();
            }
        });
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieSameSite("Lax");
        return resolver;
    }

    @Bean
    static NavigationEntry homeNavigation() {
        return new NavigationEntry(NavigationSection.HOME, "nav.home", "/", null, 0);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new NavigationInterceptor());
    }

    /** The person's notices, but the one of the page they are on; none rather than a page that fails. */
    private List<PageNotice.Notice> notices(Actor person, String path) {
        try {
            return notices.stream()
                    .flatMap(notice -> notice.noticeFor(person).stream())
                    .filter(notice -> !notice.page().equals(path))
                    .toList();
        } catch (RuntimeException e) {
            log.warn("Page notices left out: {}", e.toString());
            return List.of();
        }
    }

    /**
     * Adds the sections the signed-in user may see, where they are, and their notices (but the one of the
     * page they are on) to every rendered page.
     */
    private final class NavigationInterceptor implements HandlerInterceptor {

        @Override
        public void postHandle(
                HttpServletRequest request, HttpServletResponse response, Object handler, ModelAndView page) {
            if (page == null || page.getViewName() == null || page.getViewName().startsWith("redirect:")) {
                return;
            }
            var authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication == null || authentication instanceof AnonymousAuthenticationToken) {
                page.addObject("navigation", List.of());
                return;
            }
            Set<String> held = authentication.getAuthorities().stream()
                    .map(GrantedAuthority::getAuthority)
                    .collect(Collectors.toSet());
            String path =
                    request.getRequestURI().substring(request.getContextPath().length());
            page.addObject("navigation", navigation.sections(held, path));
            page.addObject("currentPath", path);
            // A fragment htmx swaps in has no shell to show them in.
            if (authentication.getPrincipal() instanceof Actor person && request.getHeader("HX-Request") == null) {
                page.addObject("pageNotices", notices(person, path));
            }
        }
    }
}
