package io.turno.customers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DocumentTypeTests {

    @Test
    void numbersAreComparedWithoutSeparatorsAndInUpperCase() {
        assertThat(DocumentType.normalize(" 1.020.304-050 ")).isEqualTo("1020304050");
        assertThat(DocumentType.normalize("ab 12\t3")).isEqualTo("AB123");
    }

    @Test
    void numericDocumentsTakeFiveToFifteenDigits() {
        for (DocumentType type :
                new DocumentType[] {DocumentType.CC, DocumentType.TI, DocumentType.RC, DocumentType.NIT}) {
            assertThat(type.accepts("12345")).as(type.name()).isTrue();
            assertThat(type.accepts("1.020.304.050")).as(type.name()).isTrue();
            assertThat(type.accepts("123456789012345")).as(type.name()).isTrue();
            assertThat(type.accepts("1234")).as(type.name()).isFalse();
            assertThat(type.accepts("1234567890123456")).as(type.name()).isFalse();
            assertThat(type.accepts("12A45")).as(type.name()).isFalse();
            assertThat(type.accepts("12/345")).as(type.name()).isFalse();
            assertThat(type.rule()).contains(type.name(), "solo dígitos");
        }
    }

    @Test
    void passportsAndForeignersDocumentsTakeThreeToTwentyLettersAndDigits() {
        for (DocumentType type : new DocumentType[] {DocumentType.PA, DocumentType.CE, DocumentType.PEP}) {
            assertThat(type.accepts("ab1")).as(type.name()).isTrue();
            assertThat(type.accepts("AB-123 456")).as(type.name()).isTrue();
            assertThat(type.accepts("A".repeat(20))).as(type.name()).isTrue();
            assertThat(type.accepts("A1")).as(type.name()).isFalse();
            assertThat(type.accepts("A".repeat(21))).as(type.name()).isFalse();
            assertThat(type.accepts("AB#123")).as(type.name()).isFalse();
            assertThat(type.accepts("ÑANDÚ1")).as(type.name()).isFalse();
            assertThat(type.accepts(null)).as(type.name()).isFalse();
        }
    }

    @Test
    void typesAreReadAsPeopleTypeThem() {
        assertThat(DocumentType.parse(" cc ")).contains(DocumentType.CC);
        assertThat(DocumentType.parse("pep")).contains(DocumentType.PEP);
        assertThat(DocumentType.parse("XX")).isEmpty();
        assertThat(DocumentType.parse(null)).isEmpty();
        assertThat(DocumentType.codes()).isEqualTo("CC, CE, TI, PA, NIT, RC o PEP");
    }
}
