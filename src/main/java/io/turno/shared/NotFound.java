package io.turno.shared;

import org.springframework.http.HttpStatus;

/** The entity does not exist in the caller's tenant (another tenant's rows are reported the same way). */
public class NotFound extends BusinessException {

    public NotFound(String entity, Object id) {
        super(HttpStatus.NOT_FOUND, ProblemCode.NOT_FOUND, entity + " " + id + " no existe");
    }
}
