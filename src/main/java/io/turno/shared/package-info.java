/**
 * Small, open vocabulary every module may use: tenant ids, paging, problem details.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.turno.shared;
