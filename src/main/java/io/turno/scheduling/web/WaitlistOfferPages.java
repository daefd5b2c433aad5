package io.turno.scheduling.web;

import io.turno.scheduling.internal.WaitlistOffers;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The page a waitlist offer's emailed link opens: the offered slot and a button that books it. Nobody
 * signs in; the link's secret is the credential, so no cache keeps the page.
 */
@Controller
class WaitlistOfferPages {

    private final WaitlistOffers offers;

    WaitlistOfferPages(WaitlistOffers offers) {
        this.offers = offers;
    }

    @PermitAll
    @GetMapping(WaitlistOffers.PATH + "{token}")
    String show(@PathVariable String token, Model model, HttpServletResponse response) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
        model.addAttribute("offer", offers.show(token));
        model.addAttribute("token", token);
        return "scheduling/waitlist-offer";
    }

    @PermitAll
    @PostMapping(WaitlistOffers.PATH + "{token}")
    String accept(@PathVariable String token, Model model, HttpServletResponse response) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
        model.addAttribute("offer", offers.accept(token));
        model.addAttribute("token", token);
        return "scheduling/waitlist-offer";
    }
}
