-- Each entry reads its chain's last hash, under the chain's lock: one index probe, whatever the log's size.
CREATE INDEX audit_log_chain_idx ON audit_log (tenant_id, id);
