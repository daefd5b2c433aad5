-- A shift may belong to one line (issue 23 §4); null, as every shift so far, is every line of the
-- organization. The line is the same tenant's (composite key); the table keeps its row-level security.
ALTER TABLE production_shifts
    ADD COLUMN line_id UUID,
    ADD CONSTRAINT production_shifts_line_fk FOREIGN KEY (tenant_id, line_id)
        REFERENCES production_lines (tenant_id, id);
