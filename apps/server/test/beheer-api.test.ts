import { fixedClock } from '@visieleren/core';
import { verifyFormToken } from '@visieleren/forms';
import { LINK_CODE_PURPOSE } from '@visieleren/teams-bot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitAanmelding } from '../src/lifecycle/aanmelding.js';
import { createSmtpMailer } from '../src/mail/smtp-mailer.js';
import { newTrajectBody, startTestApi, type TestApi } from './helpers/api-server.js';
import { startSmtpSink } from './helpers/smtp-sink.js';

const FORMS_SECRET = 'beheer-test-geheim-dat-lang-genoeg-is-0123456789';
const PUBLIC_URL = 'https://visieleren.example.nl';

let api: TestApi;
let vng: string;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;

beforeAll(async () => {
  smtp = await startSmtpSink();
  const mailer = createSmtpMailer({ url: smtp.url, from: 'Visieleren <noreply@vng.nl>' });
  api = await startTestApi({
    services: { formsSecret: FORMS_SECRET, publicUrl: () => PUBLIC_URL, mailer: () => mailer },
  });
  vng = (await api.store.tokens.create({ role: 'vng', label: 'vng-team' }, 'test')).token;
});
afterAll(async () => {
  await api.close();
  await smtp.close();
});

async function newTraject(name: string) {
  const created = await api.request('POST', '/api/v1/trajecten', {
    token: vng,
    json: newTrajectBody({ gemeenten: [{ name }] }),
  });
  const id = created.body.traject.id as string;
  const gemeente = (await api.store.tokens.create({ role: 'gemeente', trajectId: id, label: name }, 'test'))
    .token;
  return { id, gemeente };
}

describe('the VNG team’s work through the API', () => {
  it('makes a Teams koppelcode that the bot redeems once; a gemeente may not', async () => {
    const { id, gemeente } = await newTraject('Hoorn');
    const denied = await api.request('POST', `/api/v1/trajecten/${id}/koppelcodes`, {
      token: gemeente,
      json: { kanaal: 'teams' },
    });
    expect(denied.status).toBe(403);
    const made = await api.request('POST', `/api/v1/trajecten/${id}/koppelcodes`, {
      token: vng,
      json: { kanaal: 'teams', uren: 24 },
    });
    expect(made.status).toBe(201);
    expect(made.body.koppelcode.instruction).toBe(`@Visieleren koppel ${made.body.koppelcode.code}`);
    const redeemed = await api.store.linkCodes.redeem(made.body.koppelcode.code, LINK_CODE_PURPOSE, 'teams');
    expect(redeemed?.trajectId).toBe(id);
    const tooLong = await api.request('POST', `/api/v1/trajecten/${id}/koppelcodes`, {
      token: vng,
      json: { kanaal: 'teams', uren: 10_000 },
    });
    expect(tooLong.status).toBe(422);
    expect(JSON.stringify(tooLong.body.invalidParams)).toContain('uren');
  });

  it('makes a form link on the public address and sends it by SMTP when asked', async () => {
    const { id } = await newTraject('Enkhuizen');
    const made = await api.request('POST', `/api/v1/trajecten/${id}/formulierlinks`, {
      token: vng,
      json: { formulier: 'evaluatie', dagen: 30, email: 'wethouder@enkhuizen.nl' },
    });
    expect(made.status).toBe(201);
    expect(made.body.verstuurd).toBe(true);
    const url = made.body.link.url as string;
    expect(url.startsWith(`${PUBLIC_URL}/forms/`)).toBe(true);
    const claims = verifyFormToken(url.slice(`${PUBLIC_URL}/forms/`.length), FORMS_SECRET, new Date());
    expect(claims).toMatchObject({ formId: 'evaluatie', trajectId: id, subject: 'wethouder@enkhuizen.nl' });
    const mail = smtp.received.at(-1);
    expect(mail?.to).toEqual(['wethouder@enkhuizen.nl']);
    expect(mail?.raw.replace(/=\r\n/g, '')).toContain('/forms/');
    // Nothing personal in the server's log.
    expect(api.logs()).not.toContain('wethouder@enkhuizen.nl');
    const unknown = await api.request('POST', '/api/v1/trajecten/bestaat-niet/formulierlinks', {
      token: vng,
      json: { formulier: 'vit' },
    });
    expect(unknown.status).toBe(404);
  });

  it('changes a status with a reason and shows the reason', async () => {
    const { id } = await newTraject('Drechterland');
    // Core's status machine: an aanmelding is accepted (or withdrawn) first, it is not stopped.
    const notYet = await api.request('POST', `/api/v1/trajecten/${id}/statuswijzigingen`, {
      token: vng,
      json: { status: 'tussentijds-gestopt', reden: 'Reorganisatie van het sociaal domein' },
    });
    expect(notYet.status).toBe(409);
    await api.store.trajects.setStatus(id, 'lopend', { actor: 'test' });
    const noReason = await api.request('POST', `/api/v1/trajecten/${id}/statuswijzigingen`, {
      token: vng,
      json: { status: 'tussentijds-gestopt' },
    });
    expect(noReason.status).toBe(422);
    const stopped = await api.request('POST', `/api/v1/trajecten/${id}/statuswijzigingen`, {
      token: vng,
      json: { status: 'tussentijds-gestopt', reden: 'Reorganisatie van het sociaal domein' },
    });
    expect(stopped.status).toBe(201);
    expect(stopped.body.traject.status).toBe('tussentijds-gestopt');
    const reasons = await api.request('GET', `/api/v1/trajecten/${id}/statusredenen`, { token: vng });
    expect(reasons.body.redenen[0]).toMatchObject({
      status: 'tussentijds-gestopt',
      reason: 'Reorganisatie van het sociaal domein',
    });
  });

  it('lists, creates and revokes tokens; a revoked token stops working', async () => {
    const { id } = await newTraject('Medemblik');
    const created = await api.request('POST', '/api/v1/tokens', {
      token: vng,
      json: { rol: 'gemeente', label: 'Medemblik', trajectId: id },
    });
    expect(created.status).toBe(201);
    const token = created.body.token as string;
    expect((await api.request('GET', `/api/v1/trajecten/${id}`, { token })).status).toBe(200);
    const list = await api.request('GET', '/api/v1/tokens', { token: vng });
    expect(list.body.tokens.map((t: { label: string }) => t.label)).toContain('Medemblik');
    expect(JSON.stringify(list.body)).not.toContain(token);
    const revoked = await api.request('DELETE', `/api/v1/tokens/${created.body.record.id}`, { token: vng });
    expect(revoked.status).toBe(204);
    expect((await api.request('GET', `/api/v1/trajecten/${id}`, { token })).status).toBe(401);
    const missing = await api.request('POST', '/api/v1/tokens', {
      token: vng,
      json: { rol: 'gemeente', label: 'x' },
    });
    expect(missing.status).toBe(422);
  });

  it('creates a cohort, adds a traject and reports the portfolio as JSON, CSV and XLSX', async () => {
    const { id } = await newTraject('Opmeer');
    const cohort = await api.request('POST', '/api/v1/programmas', {
      token: vng,
      json: { key: 'cohort-2027', name: 'Cohort 2027', description: 'De trajecten van 2027.' },
    });
    expect(cohort.status).toBe(201);
    const added = await api.request('PUT', `/api/v1/programmas/cohort-2027/trajecten/${id}`, { token: vng });
    expect(added.body.programma.trajectIds).toEqual([id]);
    const again = await api.request('POST', '/api/v1/programmas', {
      token: vng,
      json: { key: 'cohort-2027', name: 'Nog een', description: 'Dubbel.' },
    });
    expect(again.status).toBe(422);

    const report = await api.request('GET', '/api/v1/rapportages/portfolio', { token: vng });
    const row = report.body.rapportage.rows.find((r: { trajectId: string }) => r.trajectId === id);
    expect(row).toMatchObject({ gemeente: 'Opmeer', evaluaties: 0, phase: expect.any(String) });
    expect(row.hours.map((h: { role: string }) => h.role)).toContain('ambtelijk-contactpersoon');
    const csv = await api.request('GET', '/api/v1/rapportages/portfolio?formaat=csv', { token: vng });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.text.split('\r\n')[0]).toContain('Uitloop (werkdagen)');
    expect(csv.text).toContain('Opmeer');
    const xlsx = await fetch(`${api.baseUrl}/api/v1/rapportages/portfolio?formaat=xlsx`, {
      headers: { authorization: `Bearer ${vng}` },
    });
    const bytes = new Uint8Array(await xlsx.arrayBuffer());
    // An XLSX file is a zip: "PK" first.
    expect([bytes[0], bytes[1]]).toEqual([0x50, 0x4b]);
  });

  it('keeps an aanmelding off the public overview until the VNG team accepts it', async () => {
    const aanmelding = await submitAanmelding(
      api.store,
      {
        gemeente: 'Geheimdorp',
        'contact-naam': 'A. Aanvrager',
        'contact-email': 'a@geheimdorp.example',
        kernvraag: 'Hoe maken we de toegang eenvoudiger?',
        themas: ['rust-en-regie'],
      },
      { clock: fixedClock('2027-02-01T09:00:00Z'), surface: 'html' },
    );
    expect((await api.request('GET', '/')).text).not.toContain('Geheimdorp');
    const accepted = await api.request('PUT', `/api/v1/aanmeldingen/${aanmelding.id}/besluit`, {
      token: vng,
      json: { besluit: 'accepteren', startDate: '2027-03-01' },
    });
    expect(accepted.status).toBe(200);
    expect((await api.request('GET', '/')).text).toContain('Geheimdorp');
  });

  it('lists failed reminders and retries one', async () => {
    const list = await api.request('GET', '/api/v1/herinneringen?status=failed', { token: vng });
    expect(list.status).toBe(200);
    const none = await api.request('POST', '/api/v1/herinneringen/pogingen', {
      token: vng,
      json: { key: 'bestaat|niet|x', channel: 'webhook', recipient: 'webhook' },
    });
    expect(none.status).toBe(404);
    const jobs = await api.request('GET', '/api/v1/taken', { token: vng });
    expect(jobs.status).toBe(503);
  });
});
