import { systemClock } from '@visieleren/core';
import { signFormToken } from '@visieleren/forms';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connections } from '../../../packages/store/src/create-store.js';
import { createLifecyclePagesRouter } from '../src/http/lifecycle-pages.js';
import { newTrajectBody, startTestApi, type TestApi } from './helpers/api-server.js';

/**
 * Each error path that once logged what a person typed: a form whose answers cannot be stored, an aanmelding
 * that cannot be stored, an API write that fails in the database. The database really fails (its tables are
 * gone), so drizzle's own error, whose message holds the query's parameters, reaches the handlers. The log
 * must name the failure, never the answers, names or addresses.
 */

const FORMS_SECRET = 'formulier-geheim-voor-de-logtest-0123456789abcdef';
const NAME = 'Fatima El Amrani';
const EMAIL = 'f.elamrani@hoorn.nl';
let api: TestApi;
let vng: string;
let trajectId: string;

beforeAll(async () => {
  api = await startTestApi({
    formsSecret: FORMS_SECRET,
    pages: (store, logger) =>
      createLifecyclePagesRouter({ store, clock: systemClock, logger, today: () => '2027-02-08' }),
  });
  vng = (await api.store.tokens.create({ role: 'vng', label: 'logtest' }, 'test')).token;
  trajectId = (await api.request('POST', '/api/v1/trajecten', { token: vng, json: newTrajectBody() })).body
    .traject.id;
  // From here on every write fails in the database itself.
  const db = connections.get(api.store)?.db;
  if (!db) throw new Error('geen verbinding');
  await db.execute(sql`drop table form_submissions cascade`);
  await db.execute(sql`drop table hour_logs cascade`);
  await db.execute(sql`drop table traject_intakes cascade`);
});
afterAll(async () => {
  await api.close();
});

describe('the log of a failed write', () => {
  it('holds neither the answers, nor the name, nor the address of whoever submitted', async () => {
    const link = signFormToken(
      { formId: 'evaluatie', trajectId, subject: 'anoniem', expiresAt: new Date(Date.now() + 3_600_000) },
      FORMS_SECRET,
    );
    const before = api.logs().length;
    const form = await fetch(`${api.baseUrl}/forms/${link}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        tevredenheid: '4',
        toelichting: `Groet van ${NAME}, ${EMAIL}`,
        'contact-email': EMAIL,
      }).toString(),
    });
    expect(form.status).toBeGreaterThanOrEqual(400);

    const aanmelding = await fetch(`${api.baseUrl}/aanmelden`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        gemeente: 'Hoorn',
        vraagstuk: `Vraag van ${NAME}`,
        'contact-naam': NAME,
        'contact-email': EMAIL,
        'contact-functie': 'beleid',
      }).toString(),
    });
    expect(aanmelding.status).not.toBe(500);

    const hours = await api.request('POST', `/api/v1/trajecten/${trajectId}/uren`, {
      token: vng,
      json: {
        role: 'ambtelijk-contactpersoon',
        date: '2027-02-08',
        hours: 1,
        note: `met ${NAME} (${EMAIL})`,
      },
    });
    expect(hours.status).toBe(500);

    const logged = api.logs().slice(before);
    // Each failure is in the log, by kind…
    expect(logged).toMatch(/onverwachte fout/);
    expect(logged).toMatch(/does not exist|bestaat niet/);
    // …and nothing a person typed.
    for (const typed of [NAME, EMAIL, 'Groet van', 'Vraag van']) expect(logged).not.toContain(typed);
  });
});
