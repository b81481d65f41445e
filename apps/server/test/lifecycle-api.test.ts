import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fixedClock, systemClock } from '@visieleren/core';
import { createStore, lifecycleOf, type Store } from '@visieleren/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTrajectDomain } from '../src/domain.js';
import { createApp } from '../src/http/app.js';
import { createLifecyclePagesRouter } from '../src/http/lifecycle-pages.js';
import { lifecycleSettingsFromEnv } from '../src/lifecycle/settings.js';
import { createPinoLogger } from '../src/logging.js';
import { newTrajectBody, startTestApi, TEST_NOW, type TestApi } from './helpers/api-server.js';

let api: TestApi;
let vng: string;

beforeAll(async () => {
  // The public pages `serve` mounts, to see what the public sees.
  api = await startTestApi({
    pages: (store, logger) =>
      createLifecyclePagesRouter({ store, clock: systemClock, logger, today: () => '2027-02-08' }),
  });
  vng = (await api.store.tokens.create({ role: 'vng', label: 'vng-team' }, 'test')).token;
});
afterAll(() => api.close());

async function newTraject(name: string): Promise<{ id: string; gemeente: string }> {
  const created = await api.request('POST', '/api/v1/trajecten', {
    token: vng,
    json: newTrajectBody({ gemeenten: [{ name }] }),
  });
  expect(created.status).toBe(201);
  const id = created.body.traject.id as string;
  const gemeente = (await api.store.tokens.create({ role: 'gemeente', trajectId: id, label: name }, 'test'))
    .token;
  return { id, gemeente };
}

describe('the lifecycle API', () => {
  it('decides an aanmelding once: declining needs a reason, a gemeente may not decide', async () => {
    const { id, gemeente } = await newTraject('Ede');
    const forbidden = await api.request('PUT', `/api/v1/aanmeldingen/${id}/besluit`, {
      token: gemeente,
      json: { besluit: 'afwijzen', reden: 'Zelf afgewezen' },
    });
    expect(forbidden.status).toBe(403);
    const noReason = await api.request('PUT', `/api/v1/aanmeldingen/${id}/besluit`, {
      token: vng,
      json: { besluit: 'afwijzen' },
    });
    expect(noReason.status).toBe(422);
    expect(JSON.stringify(noReason.body.invalidParams)).toContain('reden');
    const declined = await api.request('PUT', `/api/v1/aanmeldingen/${id}/besluit`, {
      token: vng,
      json: { besluit: 'afwijzen', reden: 'Past beter bij het Verbetertraject Toegang' },
    });
    expect(declined.body.traject.status).toBe('afgewezen');
    const again = await api.request('PUT', `/api/v1/aanmeldingen/${id}/besluit`, {
      token: vng,
      json: { besluit: 'accepteren', startDate: '2027-03-01' },
    });
    expect(again.status).toBe(409);
    const audit = await api.store.audit.list({ trajectId: id, action: 'aanmelding.decline' });
    expect(audit[0]?.detail).toMatchObject({ reason: 'Past beter bij het Verbetertraject Toegang' });
  });

  it('keeps the vraagstuk and every kernvraag with date and who, on the dossier', async () => {
    const { id, gemeente } = await newTraject('Wageningen');
    const sharpened = await api.request('POST', `/api/v1/trajecten/${id}/kernvragen`, {
      token: gemeente,
      json: { kernvraag: 'Hoe geven we inwoners één aanspreekpunt?', toelichting: 'Kick-off' },
    });
    expect(sharpened.status).toBe(201);
    expect(sharpened.body.traject.kernvraag).toBe('Hoe geven we inwoners één aanspreekpunt?');
    expect(sharpened.body.kernvragen.at(-1)).toMatchObject({ kind: 'kernvraag', note: 'Kick-off' });
    expect(sharpened.body.kernvragen.at(-1).by).toMatch(/^token:Wageningen/);
    const other = await newTraject('Renkum');
    const foreign = await api.request('POST', `/api/v1/trajecten/${other.id}/kernvragen`, {
      token: gemeente,
      json: { kernvraag: 'Niet van ons' },
    });
    expect(foreign.status).toBe(404);
  });

  it('versions producten, says what the team lacks, and plans extra sessions and the nazorg', async () => {
    const { id, gemeente } = await newTraject('Barneveld');
    const first = await api.request('POST', `/api/v1/trajecten/${id}/producten`, {
      token: vng,
      json: { kind: 'handelingsperspectief', body: 'Eén aanspreekpunt per gezin.' },
    });
    expect(first.status).toBe(201);
    const second = await api.request('POST', `/api/v1/trajecten/${id}/producten`, {
      token: vng,
      json: { kind: 'handelingsperspectief', state: 'vastgesteld', url: 'https://vng.nl/hp.pdf' },
    });
    expect(second.body.product).toMatchObject({ version: 2, state: 'vastgesteld' });
    const badUrl = await api.request('POST', `/api/v1/trajecten/${id}/producten`, {
      token: vng,
      json: { kind: 'advies', url: 'ftp://x' },
    });
    expect(badUrl.status).toBe(422);
    expect(
      (
        await api.request('POST', `/api/v1/trajecten/${id}/producten`, {
          token: gemeente,
          json: { kind: 'advies', body: 'x' },
        })
      ).status,
    ).toBe(403);

    const team = await api.request('PUT', `/api/v1/trajecten/${id}/teamleden/lead`, {
      token: vng,
      json: { name: 'Trajectleider', role: 'vng-lead', expertise: ['bestuurlijk'] },
    });
    expect(team.body.tekorten.missingExpertise).toEqual(['ambtelijk', 'uitvoerend']);
    expect(team.body.tekorten.noModerator).toBe(true);

    const extra = await api.request('PUT', `/api/v1/trajecten/${id}/extra-sessies/inwoners-1`, {
      token: gemeente,
      json: { kind: 'inwonerssessie', plannedDate: '2027-05-12' },
    });
    expect(extra.body.extraSessies).toEqual([
      { key: 'inwoners-1', kind: 'inwonerssessie', plannedDate: '2027-05-12' },
    ]);

    const dossier = await api.request('GET', `/api/v1/trajecten/${id}/dossier`, { token: gemeente });
    expect(dossier.status).toBe(200);
    expect(dossier.body.dossier.producten).toHaveLength(1);
    expect(dossier.body.dossier.productversies).toHaveLength(2);
    expect(dossier.body.dossier.nazorg.nazorggesprek.date > dossier.body.dossier.nazorg.borgingssessie).toBe(
      true,
    );
    expect(dossier.body.dossier.nazorgMaanden).toBe(6);
  });

  it('moving a session later moves what follows by as many working days, holidays kept', async () => {
    const { id } = await newTraject('Nijkerk');
    const before = (await api.request('GET', `/api/v1/trajecten/${id}`, { token: vng })).body.traject;
    const date = (traject: { sessions: Array<{ key: string; plannedDate: string }> }, key: string) =>
      traject.sessions.find((session) => session.key === key)!.plannedDate;
    // Kick-off 27 January 2027 → 3 February (+5 working days); the ontwerpsessie follows.
    const moved = await api.request('PUT', `/api/v1/trajecten/${id}/sessies/kick-off`, {
      token: vng,
      json: { plannedDate: '2027-02-03' },
    });
    expect(moved.status).toBe(200);
    expect(date(moved.body.traject, 'kick-off')).toBe('2027-02-03');
    expect(date(before, 'ontwerpsessie')).toBe('2027-03-10');
    expect(date(moved.body.traject, 'ontwerpsessie')).toBe('2027-03-17');
    // The borgingssessie (24 March) + 5 working days skips Tweede Paasdag (29 March): 1 April.
    expect(date(moved.body.traject, 'borgingssessie')).toBe('2027-04-01');
    expect(date(moved.body.traject, 'intake')).toBe(date(before, 'intake'));
    const unknown = await api.request('PUT', `/api/v1/trajecten/${id}/sessies/bestaat-niet`, {
      token: vng,
      json: { plannedDate: '2027-02-03' },
    });
    expect(unknown.status).toBe(404);
  });

  it('shows a gemeente its own lessons and the shared ones, the VNG team all', async () => {
    const ede = await newTraject('Ede-lessen');
    const otherTraject = await newTraject('Renkum-lessen');
    const own = await api.request('POST', '/api/v1/lessen', {
      token: ede.gemeente,
      json: { theme: 'rust-en-regie', title: 'Eigen les Ede', body: 'Alleen voor Ede.' },
    });
    expect(own.status).toBe(201);
    expect(own.body.les).toMatchObject({ trajectId: ede.id, shared: false });
    await lifecycleOf(api.store).addLesson(
      { theme: 'rust-en-regie', trajectId: otherTraject.id, title: 'Les Renkum', body: 'Niet gedeeld.' },
      'test',
    );
    await lifecycleOf(api.store).addLesson(
      {
        theme: 'rust-en-regie',
        trajectId: otherTraject.id,
        title: 'Gedeelde les Renkum',
        body: 'Wel gedeeld.',
        shared: true,
      },
      'test',
    );
    const titles = async (token: string) =>
      (await api.request('GET', '/api/v1/lessen?thema=rust-en-regie', { token })).body.lessen.map(
        (lesson: { title: string }) => lesson.title,
      );
    const forEde = await titles(ede.gemeente);
    expect(forEde).toEqual(
      expect.arrayContaining([
        'Eigen les Ede',
        'Gedeelde les Renkum',
        'Leiderschap en een consistente koers',
      ]),
    );
    expect(forEde).not.toContain('Les Renkum');
    expect(await titles(vng)).toContain('Les Renkum');
    const byUitgangspunt = await api.request('GET', '/api/v1/lessen?uitgangspunt=voorkomen-en-signaleren', {
      token: vng,
    });
    expect(
      byUitgangspunt.body.lessen.every((l: { uitgangspunten: string[] }) =>
        l.uitgangspunten.includes('voorkomen-en-signaleren'),
      ),
    ).toBe(true);
    expect(byUitgangspunt.body.lessen.length).toBeGreaterThan(0);
    const badTheme = await api.request('GET', '/api/v1/lessen?thema=onbekend', { token: vng });
    expect(badTheme.status).toBe(422);
    expect(JSON.stringify(badTheme.body.invalidParams)).toContain('thema');
  });

  it('keeps a gemeente’s shared lesson off the public page until the VNG team approves it', async () => {
    const hoorn = await newTraject('Hoorn-lessen');
    const posted = await api.request('POST', '/api/v1/lessen', {
      token: hoorn.gemeente,
      json: {
        theme: 'inwoner-centraal',
        title: 'Keukentafel eerst',
        body: 'Eerst het gesprek.',
        shared: true,
      },
    });
    expect(posted.body.les).toMatchObject({ approval: 'wacht', shared: true });
    const id = posted.body.les.id as string;
    const publicTitles = async () => (await api.request('GET', '/lessen?tekst=keukentafel')).text;
    expect(await publicTitles()).not.toContain('Keukentafel eerst');
    const otherGemeente = await newTraject('Andere-lessen');
    const seenByOther = await api.request('GET', '/api/v1/lessen?tekst=keukentafel', {
      token: otherGemeente.gemeente,
    });
    expect(seenByOther.body.lessen).toEqual([]);

    const byGemeente = await api.request('PUT', `/api/v1/lessen/${id}/beoordeling`, {
      token: hoorn.gemeente,
      json: { beoordeling: 'goedgekeurd' },
    });
    expect(byGemeente.status).toBe(403);
    const approved = await api.request('PUT', `/api/v1/lessen/${id}/beoordeling`, {
      token: vng,
      json: { beoordeling: 'goedgekeurd' },
    });
    expect(approved.body.les.approval).toBe('goedgekeurd');
    expect(await publicTitles()).toContain('Keukentafel eerst');
    const unknown = await api.request('PUT', '/api/v1/lessen/bestaat-niet/beoordeling', {
      token: vng,
      json: { beoordeling: 'afgewezen' },
    });
    expect(unknown.status).toBe(404);
  });

  it('shows programmes with progress and records measurements (VNG team only)', async () => {
    const list = await api.request('GET', '/api/v1/programmas', { token: vng });
    expect(list.body.programmas.map((p: { key: string }) => p.key)).toEqual([
      'impuls-vakmanschap',
      'visieleertrajecten-2022-2024',
    ]);
    const { gemeente } = await newTraject('Meetdorp');
    const denied = await api.request('POST', '/api/v1/programmas/impuls-vakmanschap/metingen', {
      token: gemeente,
      json: { indicatorId: 'werkwijzers', measuredOn: '2027-06-30', value: 3 },
    });
    expect(denied.status).toBe(403);
    for (const [measuredOn, value] of [
      ['2027-06-30', 3],
      ['2027-12-31', 5],
    ] as const) {
      const measured = await api.request('POST', '/api/v1/programmas/impuls-vakmanschap/metingen', {
        token: vng,
        json: { indicatorId: 'werkwijzers', measuredOn, value },
      });
      expect(measured.status).toBe(201);
    }
    const shown = await api.request('GET', '/api/v1/programmas/impuls-vakmanschap', { token: vng });
    const werkwijzers = shown.body.voortgang.indicators.find((i: { id: string }) => i.id === 'werkwijzers');
    expect(werkwijzers.series.map((m: { value: number }) => m.value)).toEqual([3, 5]);
    expect(werkwijzers.latest.value).toBe(5);
    const unknown = await api.request('POST', '/api/v1/programmas/impuls-vakmanschap/metingen', {
      token: vng,
      json: { indicatorId: 'bestaat-niet', measuredOn: '2027-06-30', value: 1 },
    });
    expect(unknown.status).toBe(422);
    expect((await api.request('GET', '/api/v1/programmas/onbekend', { token: vng })).status).toBe(404);
  });
});

describe('VISIELEREN_NAZORG_MAANDEN on the dossier', () => {
  it('moves the nazorggesprek of the dossier view: 3 months when set, 6 by default', async () => {
    // A second server as `serve` wires it: the environment's lifecycle settings in the server's domain.
    const settings = lifecycleSettingsFromEnv({ VISIELEREN_NAZORG_MAANDEN: '3' });
    const store = await createStore({ inMemory: true });
    await store.migrate();
    const app = createApp({
      store,
      domain: createTrajectDomain(fixedClock(TEST_NOW), settings),
      logger: createPinoLogger({ level: 'error', format: 'json' }),
    });
    const server: Server = await new Promise((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    const threeUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const dossierOf = async (baseUrl: string, tokens: Store['tokens']) => {
        const token = (await tokens.create({ role: 'vng', label: 'vng-team' }, 'test')).token;
        const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
        const created = await fetch(`${baseUrl}/api/v1/trajecten`, {
          method: 'POST',
          headers,
          body: JSON.stringify(newTrajectBody({ gemeenten: [{ name: 'Scherpenzeel' }] })),
        });
        expect(created.status).toBe(201);
        const { traject } = await created.json();
        const dossier = await fetch(`${baseUrl}/api/v1/trajecten/${traject.id}/dossier`, { headers });
        expect(dossier.status).toBe(200);
        return (await dossier.json()).dossier;
      };
      const byDefault = await dossierOf(api.baseUrl, api.store.tokens);
      const three = await dossierOf(threeUrl, store.tokens);
      expect(byDefault.nazorg.borgingssessie).toBe('2027-04-09');
      expect(three.nazorg.borgingssessie).toBe(byDefault.nazorg.borgingssessie);
      // Friday 9 April + 6 months is Saturday 9 October: the next working day; + 3 months is Friday 9 July.
      expect(byDefault.nazorgMaanden).toBe(6);
      expect(byDefault.nazorg.nazorggesprek).toEqual({
        date: '2027-10-11',
        planned: false,
        basis: 'berekend',
      });
      expect(three.nazorgMaanden).toBe(3);
      expect(three.nazorg.nazorggesprek).toEqual({ date: '2027-07-09', planned: false, basis: 'berekend' });
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    }
  });
});
