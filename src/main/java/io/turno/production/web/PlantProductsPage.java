package io.turno.production.web;

import java.math.BigDecimal;
import java.util.UUID;

import io.turno.production.internal.Plant;
import io.turno.production.internal.PlantStructure;
import io.turno.production.internal.ProductionPermissions;
import io.turno.production.web.PlantStructureApi.ProductRequest;
import io.turno.shared.Actor;
import io.turno.shared.ProblemCode;
import io.turno.web.NavigationEntry;
import io.turno.web.NavigationSection;
import io.turno.web.PageForms;
import org.springframework.context.annotation.Bean;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The plant's products as pages: the list, and one form to add or change a product (code, name,
 * ideal cycle time, status), checked by the API's own {@link ProductRequest}; every refusal shows at
 * once beside its field and what was typed stays.
 */
@Controller
class PlantProductsPage {

    static final String PATH = "/production/products";

    record ProductForm(String code, String name, BigDecimal idealCycleSeconds, Boolean active) {

        static ProductForm of(Plant.Product product) {
            return new ProductForm(product.code(), product.name(), product.idealCycleSeconds(), product.active());
        }

        ProductRequest request() {
            return new ProductRequest(code, name, idealCycleSeconds, active);
        }
    }

    private final PlantStructure plant;
    private final PageForms forms;

    PlantProductsPage(PlantStructure plant, PageForms forms) {
        this.plant = plant;
        this.forms = forms;
    }

    @Bean
    static NavigationEntry plantProductsNavigation() {
        return new NavigationEntry(
                NavigationSection.PLANT, "plantProducts.nav", PATH, ProductionPermissions.PRODUCTION_READ, 21);
    }

    @PreAuthorize("hasAuthority('production:read')")
    @GetMapping(PATH)
    String list(@AuthenticationPrincipal Actor caller, Model model) {
        model.addAttribute("products", plant.products(caller, null, 0, 200).items());
        return "production/products";
    }

    @PreAuthorize("hasAuthority('production:create')")
    @GetMapping(PATH + "/new")
    String newProduct(Model model) {
        model.addAttribute("product", new ProductForm(null, null, null, true));
        return form(model, null);
    }

    @PreAuthorize("hasAuthority('production:create')")
    @PostMapping(PATH)
    String create(
            @AuthenticationPrincipal Actor caller,
            @ModelAttribute("product") ProductForm form,
            BindingResult result,
            Model model,
            RedirectAttributes redirect) {
        return save(caller, null, form, result, model, redirect);
    }

    @PreAuthorize("hasAuthority('production:read')")
    @GetMapping(PATH + "/{id}")
    String edit(@AuthenticationPrincipal Actor caller, @PathVariable UUID id, Model model) {
        var product = plant.product(caller, id);
        model.addAttribute("product", ProductForm.of(product));
        return form(model, product);
    }

    @PreAuthorize("hasAuthority('production:update')")
    @PostMapping(PATH + "/{id}")
    String update(
            @AuthenticationPrincipal Actor caller,
            @PathVariable UUID id,
            @ModelAttribute("product") ProductForm form,
            BindingResult result,
            Model model,
            RedirectAttributes redirect) {
        return save(caller, plant.product(caller, id), form, result, model, redirect);
    }

    private String save(
            Actor caller,
            Plant.Product existing,
            ProductForm form,
            BindingResult result,
            Model model,
            RedirectAttributes redirect) {
        ProductRequest request = form.request();
        return forms.submit(
                request,
                result,
                () -> {
                    var saved = plant.saveProduct(caller, existing == null ? null : existing.id(), request.command());
                    return forms.saved(redirect, PATH + "/" + saved.id(), "plantProducts.notice.saved", saved.code());
                },
                refused -> refused.code() == ProblemCode.CONFLICT ? "code" : null,
                () -> form(model, existing));
    }

    private String form(Model model, Plant.Product existing) {
        model.addAttribute("existing", existing);
        return "production/product-form";
    }
}
