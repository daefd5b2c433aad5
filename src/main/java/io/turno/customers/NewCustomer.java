package io.turno.customers;

import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A person as the API, the kiosk or another module describes them, before the registry normalizes
 * it. Its constraints (including {@link ValidNewCustomer}: a known document type, a number of the
 * type's shape, a phone for WhatsApp) are checked by the registry on every write, so a caller that
 * skips {@code @Valid} still gets per-field errors. {@code whatsappOptIn} null means false,
 * {@code active} null means true.
 */
@ValidNewCustomer
public record NewCustomer(
        @Schema(description = "CC, CE, TI, PA, NIT, RC or PEP", example = "CC") @NotBlank
        String documentType,

        @Schema(
                description = "Digits for CC, TI, RC, NIT (5-15); letters and digits for CE, PA, PEP (3-20)",
                example = "1020304050")
        @NotBlank
        @Size(max = 40)
        String documentNumber,

        @NotBlank @Size(max = 200) String fullName,

        @Schema(description = "E.164", example = "+573001234567")
        @Pattern(regexp = "\\+[1-9][0-9]{7,14}", message = "{validation.phone}")
        String phone,

        @Email @Size(max = 254) String email,

        @Schema(description = "Consents to WhatsApp messages; requires a phone (default false)")
        Boolean whatsappOptIn,

        UUID defaultPriorityId,
        @Schema(description = "default true") Boolean active,

        @Schema(description = "es or en: the language messages are written in (default es; left out on a change: kept)")
        @Pattern(regexp = "es|en", message = "{validation.language}")
        String language) {

    /** Without a language: a new person is written to in Spanish, a changed one keeps theirs. */
    public NewCustomer(
            String documentType,
            String documentNumber,
            String fullName,
            String phone,
            String email,
            Boolean whatsappOptIn,
            UUID defaultPriorityId,
            Boolean active) {
        this(documentType, documentNumber, fullName, phone, email, whatsappOptIn, defaultPriorityId, active, null);
    }

    /** A person identified only by document and name, as a kiosk or reception desk first registers them. */
    public NewCustomer(String documentType, String documentNumber, String fullName) {
        this(documentType, documentNumber, fullName, null, null, null, null, null, null);
    }
}
