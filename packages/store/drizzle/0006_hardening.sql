-- 0006_hardening: written by hand (see the schema in src/db/schema.ts).
-- A declined aanmelding gets a status of its own, `afgewezen`, apart from a withdrawn one (`geannuleerd`):
-- trajects declined before this migration move over. The revision is left alone (nothing the client saw
-- changes meaning).
UPDATE "trajects" SET "status" = 'afgewezen'
WHERE "status" = 'geannuleerd'
  AND "id" IN (SELECT "traject_id" FROM "traject_intakes" WHERE "decision" = 'afgewezen');
