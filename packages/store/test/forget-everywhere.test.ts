import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connections } from '../src/create-store.js';
import { createStore, lifecycleOf, type Store } from '../src/index.js';
import type { TemporaryDatabase } from '../src/testing.js';
import { sampleIntent, sampleTraject } from './support/fixtures.js';
import { freshDatabase } from './support/postgres.js';

/**
 * `forget` against everything a `pg_dump` of the database holds: one person is put into every place a person
 * can appear (participants, hours, checklist, VIT, forms, duo rounds, links, tokens, the outbox, the audit log,
 * the kernvraag and its history, the dossier's form answers, the aanmelding, the expert team, producten, extra
 * sessions, lessons, programme measurements); after `forget` the dump mentions neither the address, nor the
 * name, nor a hash of the address.
 */

const EMAIL = 'anna.de_vries@ede.nl';
const NAME = 'Anna de Vries';
let database: TemporaryDatabase;
let store: Store;

beforeAll(async () => {
  database = await freshDatabase();
  store = await createStore({ databaseUrl: database.url, maxConnections: 2 });
  await store.migrate();
});
afterAll(async () => {
  await store.close();
  await database.drop();
});

function dump(): string {
  return execFileSync('pg_dump', ['--data-only', '--no-owner', database.url], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}

async function seedEverywhere(): Promise<void> {
  const actor = 'test';
  await store.trajects.create(
    sampleTraject({ kernvraag: `Hoe ondersteunt ${NAME} (${EMAIL}) de toegang?` }),
    EMAIL,
  );
  await store.trajects.logHours(
    'tr-ede',
    {
      role: 'ambtelijk-contactpersoon',
      participantId: 'p-anna',
      date: '2027-01-14',
      hours: 2,
      note: `Met ${NAME}`,
    },
    { actor: EMAIL },
  );
  await store.trajects.setChecklistItem(
    'tr-ede',
    { itemId: 'deelnemers-uitgenodigd', done: true, by: EMAIL },
    { actor },
  );
  await store.formSubmissions.save(
    {
      formId: 'evaluatie',
      trajectId: 'tr-ede',
      surface: 'html',
      subject: EMAIL,
      answers: { naam: NAME, email: EMAIL },
    },
    EMAIL,
  );
  await store.platformLinks.link({ kind: 'teams-user', externalId: EMAIL, payload: { name: NAME } }, actor);
  await store.tokens.create({ role: 'gemeente', trajectId: 'tr-ede', label: `token voor ${EMAIL}` }, EMAIL);
  await store.reminderOutbox.recordNoChannel(
    sampleIntent({ message: { nl: `Beste ${NAME} (${EMAIL})`, en: 'Dear' } }),
  );
  const lifecycle = lifecycleOf(store);
  await lifecycle.changeKernvraag('tr-ede', `Wat vraagt ${NAME} ons? Mail ${EMAIL}`, { actor: EMAIL });
  await lifecycle.addDeliverable(
    'tr-ede',
    { kind: 'advies', body: `Opgesteld met ${NAME}, ${EMAIL}` },
    EMAIL,
  );
  await lifecycle.upsertTeamMember(
    'tr-ede',
    { id: 'expert-anna', name: NAME, email: EMAIL, role: 'vng-expert', expertise: ['uitvoerend'] },
    actor,
  );
  await lifecycle.upsertExtraSession(
    'tr-ede',
    { key: 'werkbezoek-1', kind: 'werkbezoek', plannedDate: '2027-06-01', note: `Ontvangst door ${NAME}` },
    actor,
  );
  // The places whose writers live in other modules (the aanmelding's intake, the dossier's answers, a shared
  // lesson, a programme measurement): planted directly, as those writers store them.
  const db = connections.get(store)?.db;
  if (!db) throw new Error('geen verbinding');
  await db.execute(sql`insert into traject_intakes (traject_id, vraagstuk, contact, answers, submitted_at)
    values ('tr-ede', ${`Vraagstuk van ${NAME}`}, ${JSON.stringify({ name: NAME, email: EMAIL, telefoon: '0612345678' })}::jsonb,
      ${JSON.stringify({ 'contact-naam': NAME, 'contact-email': EMAIL })}::jsonb, now())`);
  await db.execute(sql`insert into traject_form_answers (traject_id, form_id, respondent, answers, submitted_at)
    values ('tr-ede', 'nazorg', ${EMAIL}, ${JSON.stringify({ toelichting: `Groet, ${NAME}` })}::jsonb, now())`);
  await db.execute(sql`insert into lessons (id, theme, kind, uitgangspunten, traject_id, title, body, shared, created_by)
    values ('les-anna', 'rust-en-regie', 'les', '[]'::jsonb, null, ${`Wat ${NAME} leerde`},
      ${`Vragen? ${EMAIL}`}, true, ${EMAIL})`);
  await db.execute(sql`insert into programmes (key, definition) values ('impuls', '{}'::jsonb)`);
  await db.execute(sql`insert into programme_measurements (programme_key, indicator_id, measured_on, value, note, created_by)
    values ('impuls', 'i1', '2027-03-01', 1, ${`Gemeten door ${NAME}`}, ${EMAIL})`);
}

describe('forget on PostgreSQL, checked with pg_dump', () => {
  it('leaves no address, no name and no hash of the address anywhere in the database', async () => {
    await seedEverywhere();
    const before = dump().toLowerCase();
    expect(before).toContain(EMAIL);
    expect(before).toContain(NAME.toLowerCase());

    const report = await store.forgetPerson(EMAIL, 'cli:privacy');
    await lifecycleOf(store).forgetPerson(EMAIL, 'cli:privacy');

    const after = dump().toLowerCase();
    const mentions = (needle: string) => after.split(needle.toLowerCase()).length - 1;
    expect(mentions(EMAIL)).toBe(0);
    expect(mentions(NAME)).toBe(0);
    const hash = createHash('sha256').update(EMAIL).digest('hex');
    expect(mentions(hash.slice(0, 8))).toBe(0);
    // The dossier keeps its answers, under a random pseudonym (a new one every time, never derivable).
    expect(after).toMatch(/verwijderd-[0-9a-f]{12}/);
    expect(report.reference).toMatch(/^verwijderd-[0-9a-f]{12}$/);
    expect(report.freeText).toBeGreaterThan(5);
  });
});
