/**
 * What a clinic keeps about the people of the tenant's one registry (SPEC §4): a patient is a
 * {@link io.turno.customers.Customers customer} with a birth date, an emergency contact and a
 * clinical consent; the therapists who treat them (the care team); and their diagnoses with
 * treatment plans, which only the care team, the patient and administrators read, every read
 * audited. Other modules reach it through {@link io.turno.clinical.ClinicalRecords}. A booked
 * appointment (scheduling's {@code AppointmentBooked}) puts its therapist in the care team.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"shared", "audit", "identity", "customers", "scheduling", "web"})
package io.turno.clinical;
