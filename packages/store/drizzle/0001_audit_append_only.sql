-- The audit log is append-only in the database itself, not only in the application code.
-- UPDATE is allowed solely on the AVG erasure path, which must say so explicitly inside its transaction with
-- `SET LOCAL visieleren.audit_anonymise = 'on'`, and may then only change `actor` and `detail`.
-- DELETE and TRUNCATE are refused unless `visieleren.audit_reset = 'on'` is set locally (the test kit's reset).
-- A database owner can always disable triggers; this guards the application's own code paths.
CREATE FUNCTION audit_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF coalesce(current_setting('visieleren.audit_anonymise', true), '') = 'on'
       AND NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.action = OLD.action
       AND NEW.traject_id IS NOT DISTINCT FROM OLD.traject_id THEN
      RETURN NEW;
    END IF;
    RAISE EXCEPTION 'Het audit-log is alleen aan te vullen: een regel wijzigen is niet toegestaan.'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF coalesce(current_setting('visieleren.audit_reset', true), '') = 'on' THEN
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NULL;
  END IF;
  RAISE EXCEPTION 'Het audit-log is alleen aan te vullen: regels verwijderen is niet toegestaan.'
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_guard();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_guard();
