/**
 * The page shell every module's pages live in (layout, navigation, theme, language) and the
 * HTTP conventions every endpoint shares: request ids and problem+json errors.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "shared")
package io.turno.web;
