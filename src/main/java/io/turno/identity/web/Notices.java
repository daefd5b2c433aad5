package io.turno.identity.web;

import io.turno.shared.BusinessException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * What the next page says after a redirect, resolved now in the reader's language; the layout's
 * {@code notices} fragment shows it.
 */
@Component
class Notices {

    private final MessageSource messages;

    Notices(MessageSource messages) {
        this.messages = messages;
    }

    void success(RedirectAttributes redirect, String key, Object... args) {
        redirect.addFlashAttribute("notice", messages.getMessage(key, args, LocaleContextHolder.getLocale()));
    }

    /** The service's own words. */
    void failure(RedirectAttributes redirect, BusinessException refusal) {
        redirect.addFlashAttribute("failure", refusal.getMessage());
    }

    /** The service's own words when there is no message for {@code key}. */
    void failure(RedirectAttributes redirect, String key, BusinessException refusal) {
        redirect.addFlashAttribute(
                "failure", messages.getMessage(key, null, refusal.getMessage(), LocaleContextHolder.getLocale()));
    }
}
