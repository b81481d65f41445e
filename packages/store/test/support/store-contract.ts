import { createHash } from 'node:crypto';
import { ConflictError, NotFoundError, ValidationError } from '@visieleren/core';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connections } from '../../src/create-store.js';
import { findMigrationsDir, loadMigrations } from '../../src/db/migrations.js';
import type { Store } from '../../src/index.js';
import { dumpAllText, truncateAll } from '../../src/testing.js';
import { sampleIntent, sampleTraject, withoutBookkeeping } from './fixtures.js';

export interface OpenedStore {
  store: Store;
  cleanup(): Promise<void>;
}

const vng = { kind: 'all' } as const;
const actor = 'test:contract';

/** Runs a raw statement on the store's own connection (to prove what the database itself refuses). */
async function raw(store: Store, statement: string): Promise<unknown> {
  const connection = connections.get(store);
  if (!connection) throw new Error('no connection');
  return connection.db.execute(sql.raw(statement));
}

/**
 * The behaviour every driver must show. Run once on PGlite and once on PostgreSQL, so the embedded default and
 * the scale-out setup cannot drift apart.
 */
export function describeStoreContract(driverName: string, open: () => Promise<OpenedStore>): void {
  describe(`store contract on ${driverName}`, () => {
    let opened: OpenedStore;
    let store: Store;

    beforeAll(async () => {
      opened = await open();
      store = opened.store;
      const first = await store.migrate();
      // Every migration in the journal, in order (new migrations need no change here).
      expect(first.applied).toEqual(loadMigrations(findMigrationsDir()).map((migration) => migration.tag));
    });
    afterAll(async () => {
      await opened?.cleanup();
    });
    beforeEach(async () => {
      await truncateAll(store);
    });

    describe('migrations', () => {
      it('applies nothing the second time and reports ready', async () => {
        expect((await store.migrate()).applied).toEqual([]);
        await expect(store.ping()).resolves.toBeUndefined();
      });
    });

    describe('trajects', () => {
      it('stores a core Traject and loads the same aggregate back, with revision 1', async () => {
        const traject = sampleTraject();
        const created = await store.trajects.create(traject, actor);
        expect(created.revision).toBe(1);
        expect(withoutBookkeeping(created)).toEqual(traject);
        expect(withoutBookkeeping(await store.trajects.get(traject.id, vng))).toEqual(traject);
        expect(Date.parse(created.createdAt)).not.toBeNaN();
      });

      it('lists every traject for the VNG team and only its own for a gemeente', async () => {
        await store.trajects.create(sampleTraject({ id: 'tr-a', startDate: '2027-03-01' }), actor);
        await store.trajects.create(sampleTraject({ id: 'tr-b', startDate: '2027-01-04' }), actor);
        expect((await store.trajects.list(vng)).map((t) => t.id)).toEqual(['tr-b', 'tr-a']);
        expect((await store.trajects.list({ kind: 'traject', trajectId: 'tr-a' })).map((t) => t.id)).toEqual([
          'tr-a',
        ]);
        expect(await store.trajects.count()).toBe(2);
        await store.trajects.create(sampleTraject({ id: 'tr-klaar', status: 'afgerond' }), actor);
        const open = await store.trajects.list(vng, { openOnly: true });
        expect(open.map((t) => t.id)).toEqual(['tr-b', 'tr-a']);
        expect(open[0]?.participants).toHaveLength(2);
        expect(open[1]?.checklist).toHaveLength(2);
        expect(
          (await store.trajects.list({ kind: 'traject', trajectId: 'tr-klaar' }, { openOnly: true })).length,
        ).toBe(0);
        expect((await store.trajects.list(vng)).length).toBe(3);
      });

      it('gives summaries equal to the listed trajects without their parts, in the same order and scope', async () => {
        await store.trajects.create(sampleTraject({ id: 'tr-a', startDate: '2027-03-01' }), actor);
        await store.trajects.create(sampleTraject({ id: 'tr-b', startDate: '2027-01-04' }), actor);
        const { participants, phases, sessions, checklist, hours, vit, ...first } = (
          await store.trajects.list(vng)
        )[0]!;
        const summaries = await store.trajects.summaries(vng);
        expect(summaries.map((t) => t.id)).toEqual(['tr-b', 'tr-a']);
        expect(summaries[0]).toEqual(first);
        expect(
          (await store.trajects.summaries({ kind: 'traject', trajectId: 'tr-a' })).map((t) => t.id),
        ).toEqual(['tr-a']);
      });

      it("answers another gemeente's traject exactly like a missing one", async () => {
        await store.trajects.create(sampleTraject({ id: 'tr-a' }), actor);
        await store.trajects.create(sampleTraject({ id: 'tr-b' }), actor);
        const scope = { kind: 'traject', trajectId: 'tr-a' } as const;
        const other = await store.trajects.get('tr-b', scope).catch((error: unknown) => error);
        const missing = await store.trajects.get('tr-x', scope).catch((error: unknown) => error);
        expect(other).toBeInstanceOf(NotFoundError);
        expect(missing).toBeInstanceOf(NotFoundError);
        expect((other as Error).message.replace('tr-b', 'ID')).toBe(
          (missing as Error).message.replace('tr-x', 'ID'),
        );
        await expect(store.trajects.setStatus('tr-b', 'gepauzeerd', { actor, scope })).rejects.toBeInstanceOf(
          NotFoundError,
        );
        expect((await store.trajects.get('tr-b', vng)).status).toBe('lopend');
      });

      it('refuses a duplicate id and an invalid traject with Dutch messages naming the field', async () => {
        await store.trajects.create(sampleTraject(), actor);
        await expect(store.trajects.create(sampleTraject(), actor)).rejects.toBeInstanceOf(ConflictError);
        const invalid = await store.trajects
          .create(sampleTraject({ id: 'tr-x', startDate: '2027-02-30' }), actor)
          .catch((error: unknown) => error);
        expect(invalid).toBeInstanceOf(ValidationError);
        expect((invalid as ValidationError).issues.map((issue) => issue.path)).toContain('startDate');
        const duplicateKeys = sampleTraject({ id: 'tr-y' });
        duplicateKeys.phases.push({ ...duplicateKeys.phases[0]! });
        const duplicate = await store.trajects.create(duplicateKeys, actor).catch((error: unknown) => error);
        expect(duplicate).toBeInstanceOf(ValidationError);
        expect((duplicate as ValidationError).issues[0]?.path).toBe('phases.3');
        const dangling = sampleTraject({ id: 'tr-z' });
        dangling.sessions[0] = { key: 'intake', phaseKey: 'bestaat-niet', plannedDate: '2027-01-12' };
        dangling.hours[0] = {
          id: 'h1',
          role: 'bestuurder',
          participantId: 'p-niemand',
          date: '2027-01-12',
          hours: 1,
        };
        const references = await store.trajects.create(dangling, actor).catch((error: unknown) => error);
        expect((references as ValidationError).issues.map((issue) => issue.path)).toEqual([
          'sessions.0.phaseKey',
          'hours.0.participantId',
        ]);
        expect(await store.trajects.count()).toBe(1);
      });

      it('refuses a stale update (optimistic concurrency) and changes nothing', async () => {
        await store.trajects.create(sampleTraject(), actor);
        const updated = await store.trajects.setStatus('tr-ede', 'gepauzeerd', {
          actor,
          expectedRevision: 1,
        });
        expect(updated.revision).toBe(2);
        const stale = await store.trajects
          .setStatus('tr-ede', 'afgerond', { actor, expectedRevision: 1 })
          .catch((error: unknown) => error);
        expect(stale).toBeInstanceOf(ConflictError);
        expect((stale as Error).message).toMatch(/intussen gewijzigd.*revisie 2/);
        const current = await store.trajects.get('tr-ede', vng);
        expect(current.status).toBe('gepauzeerd');
        expect(current.revision).toBe(2);
      });

      it('lets exactly one of two concurrent updates with the same revision win', async () => {
        await store.trajects.create(sampleTraject(), actor);
        const results = await Promise.allSettled([
          store.trajects.setStatus('tr-ede', 'gepauzeerd', { actor, expectedRevision: 1 }),
          store.trajects.setStatus('tr-ede', 'afgerond', { actor, expectedRevision: 1 }),
        ]);
        expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
        const rejected = results.find((result) => result.status === 'rejected');
        expect(rejected?.status === 'rejected' && rejected.reason).toBeInstanceOf(ConflictError);
        expect((await store.trajects.get('tr-ede', vng)).revision).toBe(2);
      });

      it('updates phase dates, clears an actual date with null, and checks the order of dates', async () => {
        await store.trajects.create(sampleTraject(), actor);
        const moved = await store.trajects.updatePhaseDates(
          'tr-ede',
          'luisteren',
          { plannedEnd: '2027-02-19', actualStart: null },
          { actor, expectedRevision: 1 },
        );
        const phase = moved.phases.find((p) => p.key === 'luisteren');
        expect(phase).toEqual({ key: 'luisteren', plannedStart: '2027-01-25', plannedEnd: '2027-02-19' });
        const backwards = await store.trajects
          .updatePhaseDates('tr-ede', 'luisteren', { plannedEnd: '2027-01-01' }, { actor })
          .catch((error: unknown) => error);
        expect(backwards).toBeInstanceOf(ValidationError);
        expect((backwards as ValidationError).issues[0]?.path).toBe('plannedEnd');
        await expect(
          store.trajects.updatePhaseDates('tr-ede', 'onbekend', { plannedEnd: '2027-03-01' }, { actor }),
        ).rejects.toBeInstanceOf(NotFoundError);
        const badDate = await store.trajects
          .updatePhaseDates('tr-ede', 'luisteren', { actualEnd: 'morgen' }, { actor })
          .catch((error: unknown) => error);
        expect((badDate as ValidationError).issues[0]?.path).toBe('actualEnd');
        await expect(store.trajects.updatePhaseDates('tr-ede', 'luisteren', {}, { actor })).rejects.toThrow(
          /minstens één datum/,
        );
        expect((await store.trajects.get('tr-ede', vng)).revision).toBe(2);
      });

      it('updates session dates and names an unknown session', async () => {
        await store.trajects.create(sampleTraject(), actor);
        const updated = await store.trajects.updateSessionDates(
          'tr-ede',
          [{ sessionKey: 'duo-interviews', actualDate: '2027-02-03' }],
          { actor },
        );
        expect(updated.sessions[1]).toEqual({
          key: 'duo-interviews',
          phaseKey: 'luisteren',
          plannedDate: '2027-02-02',
          actualDate: '2027-02-03',
        });
        const unknown = await store.trajects
          .updateSessionDates('tr-ede', [{ sessionKey: 'nope', plannedDate: '2027-02-03' }], { actor })
          .catch((error: unknown) => error);
        expect((unknown as ValidationError).issues[0]?.path).toBe('0.sessionKey');
      });

      it('ticks and unticks checklist items, and refuses an unknown item', async () => {
        await store.trajects.create(sampleTraject(), actor);
        const ticked = await store.trajects.setChecklistItem(
          'tr-ede',
          {
            itemId: 'deelnemers-uitgenodigd',
            done: true,
            by: 'Anna de Vries',
            at: '2027-01-20T09:30:00+01:00',
          },
          { actor },
        );
        expect(ticked.checklist[1]).toEqual({
          itemId: 'deelnemers-uitgenodigd',
          done: true,
          doneAt: '2027-01-20T08:30:00.000Z',
          doneBy: 'Anna de Vries',
        });
        const unticked = await store.trajects.setChecklistItem(
          'tr-ede',
          { itemId: 'deelnemers-uitgenodigd', done: false },
          { actor },
        );
        expect(unticked.checklist[1]).toEqual({ itemId: 'deelnemers-uitgenodigd', done: false });
        const unknown = await store.trajects
          .setChecklistItem('tr-ede', { itemId: 'bestaat-niet', done: true }, { actor })
          .catch((error: unknown) => error);
        expect((unknown as ValidationError).issues[0]?.path).toBe('itemId');
        expect((await store.trajects.get('tr-ede', vng)).revision).toBe(3);
      });

      it('logs hours with a generated id and refuses a participant of another traject', async () => {
        await store.trajects.create(sampleTraject(), actor);
        const logged = await store.trajects.logHours(
          'tr-ede',
          { role: 'bestuurder', participantId: 'p-bas', date: '2027-01-13', hours: 1.5, note: 'kick-off' },
          { actor },
        );
        expect(logged.hours).toHaveLength(4);
        const entry = logged.hours[3];
        expect(entry).toMatchObject({
          role: 'bestuurder',
          participantId: 'p-bas',
          hours: 1.5,
          note: 'kick-off',
        });
        expect(entry?.id).toMatch(/^[0-9a-f-]{36}$/);
        const stranger = await store.trajects
          .logHours(
            'tr-ede',
            { role: 'bestuurder', participantId: 'p-nobody', date: '2027-01-13', hours: 1 },
            { actor },
          )
          .catch((error: unknown) => error);
        expect((stranger as ValidationError).issues[0]?.path).toBe('participantId');
        const negative = await store.trajects
          .logHours('tr-ede', { role: 'bestuurder', date: '2027-01-13', hours: -2 }, { actor })
          .catch((error: unknown) => error);
        expect((negative as ValidationError).issues[0]?.path).toBe('hours');
        await expect(
          store.trajects.logHours(
            'tr-ede',
            { id: 'h1', role: 'bestuurder', date: '2027-01-13', hours: 1 },
            { actor },
          ),
        ).rejects.toBeInstanceOf(ConflictError);
      });

      it('keeps every VIT submission and shows the latest on the aggregate', async () => {
        await store.trajects.create(sampleTraject(), actor);
        const base = { bankId: 'vit', bankVersion: '2027.1', submittedBy: 'Bas Jansen' };
        await store.trajects.submitVit(
          'tr-ede',
          { ...base, answers: { q1: 2 }, submittedAt: '2027-01-20T10:00:00Z' },
          { actor },
        );
        const latest = await store.trajects.submitVit(
          'tr-ede',
          {
            ...base,
            bankVersion: '2027.2',
            answers: { q1: 4, q2: 'toelichting', q3: null },
            submittedAt: '2027-02-20T10:00:00Z',
          },
          { actor },
        );
        expect(latest.vit).toEqual({
          ...base,
          bankVersion: '2027.2',
          answers: { q1: 4, q2: 'toelichting', q3: null },
          submittedAt: '2027-02-20T10:00:00.000Z',
        });
        expect((await store.exportDossier('tr-ede')).vitSubmissions.map((s) => s.bankVersion)).toEqual([
          '2027.1',
          '2027.2',
        ]);
      });

      it('adds and replaces participants', async () => {
        await store.trajects.create(sampleTraject(), actor);
        await store.trajects.upsertParticipant(
          'tr-ede',
          { id: 'p-cor', name: 'Cor', role: 'inwoner', perspective: 'inwoner' },
          { actor },
        );
        const replaced = await store.trajects.upsertParticipant(
          'tr-ede',
          { id: 'p-bas', name: 'Bas Jansen', role: 'bestuurder', organisation: 'Gemeente Ede' },
          { actor },
        );
        expect(replaced.participants.map((p) => p.id)).toEqual(['p-anna', 'p-bas', 'p-cor']);
        expect(replaced.participants[1]).toEqual({
          id: 'p-bas',
          name: 'Bas Jansen',
          role: 'bestuurder',
          organisation: 'Gemeente Ede',
        });
      });
    });

    describe('audit log', () => {
      it('writes one entry per change, in the same transaction, and none for a refused change', async () => {
        await store.trajects.create(sampleTraject(), 'token:vng-team');
        await store.trajects.updatePhaseDates(
          'tr-ede',
          'verkennen',
          { actualStart: '2027-01-11' },
          { actor },
        );
        await store.trajects.setStatus('tr-ede', 'gepauzeerd', { actor });
        await store.trajects.setChecklistItem(
          'tr-ede',
          { itemId: 'deelnemers-uitgenodigd', done: true },
          { actor },
        );
        await store.trajects.logHours(
          'tr-ede',
          { role: 'bestuurder', date: '2027-01-13', hours: 1 },
          { actor },
        );
        await store.trajects.submitVit(
          'tr-ede',
          { bankId: 'vit', bankVersion: '1', answers: {}, submittedAt: '2027-01-20T10:00:00Z' },
          { actor },
        );
        await store.trajects
          .setStatus('tr-ede', 'lopend', { actor, expectedRevision: 1 })
          .catch(() => undefined);
        await store.trajects
          .setChecklistItem('tr-ede', { itemId: 'nope', done: true }, { actor })
          .catch(() => undefined);
        const entries = await store.audit.list({ trajectId: 'tr-ede' });
        expect(entries.map((entry) => entry.action)).toEqual([
          'vit.submit',
          'hours.log',
          'checklist.set',
          'traject.status',
          'phase.dates',
          'traject.create',
        ]);
        expect(entries.at(-1)).toMatchObject({
          actor: 'token:vng-team',
          detail: { templateKey: 'visieleertraject' },
        });
        expect(entries[2]?.detail).toEqual({ itemId: 'deelnemers-uitgenodigd', done: true, revision: 4 });
        expect(entries[3]?.detail).toEqual({ from: 'lopend', to: 'gepauzeerd', revision: 3 });
      });

      it('is append-only in the database: UPDATE, DELETE and TRUNCATE are refused', async () => {
        await store.audit.append({ actor, action: 'test.entry', detail: { n: 1 } });
        await expect(raw(store, `UPDATE audit_log SET actor = 'someone else'`)).rejects.toThrow();
        await expect(raw(store, 'DELETE FROM audit_log')).rejects.toThrow();
        await expect(raw(store, 'TRUNCATE audit_log')).rejects.toThrow();
        const [entry] = await store.audit.list();
        expect(entry).toMatchObject({ actor, action: 'test.entry', detail: { n: 1 } });
      });

      it('lets only the explicit AVG switch rewrite actor and detail, never the action or time', async () => {
        const entry = await store.audit.append({
          actor: 'iemand@example.org',
          action: 'test.entry',
          detail: {},
        });
        const connection = connections.get(store);
        await connection?.db.transaction(async (tx) => {
          await tx.execute(sql`select set_config('visieleren.audit_anonymise', 'on', true)`);
          await tx.execute(
            sql.raw(`UPDATE audit_log SET actor = 'verwijderd persoon' WHERE id = ${entry.id}`),
          );
        });
        await expect(
          connection?.db.transaction(async (tx) => {
            await tx.execute(sql`select set_config('visieleren.audit_anonymise', 'on', true)`);
            await tx.execute(sql.raw(`UPDATE audit_log SET action = 'iets anders' WHERE id = ${entry.id}`));
          }),
        ).rejects.toThrow();
        await expect(
          connection?.db.transaction(async (tx) => {
            await tx.execute(sql`select set_config('visieleren.audit_anonymise', 'on', true)`);
            await tx.execute(sql.raw(`DELETE FROM audit_log WHERE id = ${entry.id}`));
          }),
        ).rejects.toThrow();
        // The switch is transaction-local: afterwards the plain refusal is back.
        await expect(raw(store, `UPDATE audit_log SET actor = 'x' WHERE id = ${entry.id}`)).rejects.toThrow();
        const [stored] = await store.audit.list();
        expect(stored).toMatchObject({
          id: entry.id,
          actor: 'verwijderd persoon',
          action: 'test.entry',
          at: entry.at,
        });
      });

      it('lists newest first with a limit and a filter on action', async () => {
        for (let n = 0; n < 5; n++)
          await store.audit.append({ actor, action: n % 2 ? 'odd' : 'even', detail: { n } });
        expect((await store.audit.list({ limit: 2 })).map((entry) => entry.detail.n)).toEqual([4, 3]);
        expect((await store.audit.list({ action: 'odd' })).map((entry) => entry.detail.n)).toEqual([3, 1]);
      });
    });

    describe('tokens', () => {
      it('returns the plaintext once and stores only its SHA-256', async () => {
        await store.trajects.create(sampleTraject(), actor);
        const { token, record } = await store.tokens.create(
          { role: 'gemeente', trajectId: 'tr-ede', label: 'Ede' },
          actor,
        );
        expect(token).toMatch(/^vl_[A-Za-z0-9_-]{43}$/);
        const everything = await dumpAllText(store);
        expect(everything).not.toContain(token);
        expect(everything).not.toContain(token.slice(3));
        expect(everything).toContain(createHash('sha256').update(token).digest('hex'));
        expect(record).toEqual({
          id: record.id,
          role: 'gemeente',
          trajectId: 'tr-ede',
          label: 'Ede',
          createdAt: record.createdAt,
        });
        expect(await store.tokens.verify(token)).toEqual({
          tokenId: record.id,
          role: 'gemeente',
          trajectId: 'tr-ede',
          label: 'Ede',
          scope: { kind: 'traject', trajectId: 'tr-ede' },
        });
      });

      it('rejects wrong, malformed and revoked tokens', async () => {
        const { token, record } = await store.tokens.create({ role: 'vng', label: 'VNG-team' }, actor);
        expect((await store.tokens.verify(token))?.scope).toEqual({ kind: 'all' });
        expect(await store.tokens.verify(`${token.slice(0, -1)}x`)).toBeUndefined();
        expect(await store.tokens.verify('')).toBeUndefined();
        expect(await store.tokens.verify('Bearer nonsense')).toBeUndefined();
        expect(await store.tokens.verify(`vl_${'a'.repeat(500)}`)).toBeUndefined();
        await store.tokens.revoke(record.id, actor);
        await store.tokens.revoke(record.id, actor);
        expect(await store.tokens.verify(token)).toBeUndefined();
        expect(await store.tokens.list()).toEqual([]);
        expect((await store.tokens.list({ includeRevoked: true }))[0]?.revokedAt).toBeDefined();
        expect((await store.audit.list({ action: 'token.revoke' })).length).toBe(1);
        await expect(store.tokens.revoke('unknown', actor)).rejects.toBeInstanceOf(NotFoundError);
      });

      it('requires a traject for a gemeente token and refuses one for the VNG team', async () => {
        await expect(store.tokens.create({ role: 'gemeente', label: 'x' }, actor)).rejects.toBeInstanceOf(
          ValidationError,
        );
        await expect(
          store.tokens.create({ role: 'vng', trajectId: 'tr-ede', label: 'x' }, actor),
        ).rejects.toBeInstanceOf(ValidationError);
        await expect(
          store.tokens.create({ role: 'gemeente', trajectId: 'tr-none', label: 'x' }, actor),
        ).rejects.toBeInstanceOf(NotFoundError);
      });

      it('revokes every active token with a label', async () => {
        const first = await store.tokens.create({ role: 'vng', label: 'lokaal (npm start)' }, actor);
        await store.tokens.create({ role: 'vng', label: 'lokaal (npm start)' }, actor);
        const kept = await store.tokens.create({ role: 'vng', label: 'ander' }, actor);
        expect(await store.tokens.revokeByLabel('lokaal (npm start)', actor)).toBe(2);
        expect(await store.tokens.verify(first.token)).toBeUndefined();
        expect(await store.tokens.verify(kept.token)).toBeDefined();
      });
    });

    // The reminder outbox has its own suite: outbox-contract.ts.

    describe('forms, duo rounds and platform links', () => {
      it('saves and lists form submissions, audited without their answers', async () => {
        await store.trajects.create(sampleTraject(), actor);
        const id = await store.formSubmissions.save(
          {
            formId: 'evaluatie',
            trajectId: 'tr-ede',
            answers: { cijfer: 8 },
            surface: 'html',
            submittedAt: '2027-02-20T10:00:00Z',
          },
          actor,
        );
        expect(await store.formSubmissions.list('tr-ede')).toEqual([
          {
            id,
            formId: 'evaluatie',
            trajectId: 'tr-ede',
            answers: { cijfer: 8 },
            surface: 'html',
            submittedAt: '2027-02-20T10:00:00.000Z',
          },
        ]);
        const [entry] = await store.audit.list({ action: 'form.submit' });
        expect(entry?.detail).toEqual({ submissionId: id, formId: 'evaluatie', surface: 'html' });
        await expect(
          store.formSubmissions.save(
            { formId: 'x', trajectId: 'tr-none', answers: {}, surface: 'html' },
            actor,
          ),
        ).rejects.toBeInstanceOf(NotFoundError);
        await expect(
          store.formSubmissions.save({ formId: '', answers: {}, surface: 'html' }, actor),
        ).rejects.toBeInstanceOf(ValidationError);
      });

      it('numbers duo rounds per traject and returns the earlier pairs', async () => {
        await store.trajects.create(sampleTraject(), actor);
        const input = { slots: [{ id: 's1' }], participants: [{ id: 'p-anna', name: 'Anna de Vries' }] };
        const first = await store.duoRounds.saveRound(
          'tr-ede',
          input,
          { interviews: [{ slot: 's1', participants: ['p-anna', 'p-bas'], moderator: 'm1' }], unplaced: [] },
          actor,
        );
        const second = await store.duoRounds.saveRound(
          'tr-ede',
          input,
          { interviews: [{ slot: 's2', participants: ['p-bas', 'p-cor'], moderator: 'm1' }] },
          actor,
        );
        expect([first.roundNumber, second.roundNumber]).toEqual([1, 2]);
        expect(await store.duoRounds.previousPairs('tr-ede')).toEqual([
          ['p-anna', 'p-bas'],
          ['p-bas', 'p-cor'],
        ]);
        expect((await store.duoRounds.listRounds('tr-ede'))[0]).toEqual(first);
        await expect(
          store.duoRounds.saveRound(
            'tr-ede',
            input,
            { interviews: [{ slot: 's1', participants: ['x'], moderator: 'm' }] },
            actor,
          ),
        ).rejects.toBeInstanceOf(ValidationError);
        await expect(
          store.duoRounds.saveRound('tr-none', input, { interviews: [] }, actor),
        ).rejects.toBeInstanceOf(NotFoundError);
      });

      it('links a platform id once per kind and updates it in place', async () => {
        await store.trajects.create(sampleTraject(), actor);
        const created = await store.platformLinks.link(
          { kind: 'slack-channel', externalId: 'C123', trajectId: 'tr-ede', payload: { name: '#ede' } },
          actor,
        );
        const updated = await store.platformLinks.link(
          { kind: 'slack-channel', externalId: 'C123', trajectId: 'tr-ede', payload: { name: '#ede-visie' } },
          actor,
        );
        expect(updated.id).toBe(created.id);
        expect((await store.platformLinks.find('slack-channel', 'C123'))?.payload).toEqual({
          name: '#ede-visie',
        });
        expect(await store.platformLinks.find('teams-conversation', 'C123')).toBeUndefined();
        expect(await store.platformLinks.listForTraject('tr-ede')).toHaveLength(1);
        expect(await store.platformLinks.listByKind('slack-channel')).toHaveLength(1);
        expect(await store.platformLinks.unlink('slack-channel', 'C123', actor)).toBe(true);
        expect(await store.platformLinks.unlink('slack-channel', 'C123', actor)).toBe(false);
        expect((await store.audit.list({ trajectId: 'tr-ede' })).map((e) => e.action).slice(0, 3)).toEqual([
          'platform.unlink',
          'platform.link',
          'platform.link',
        ]);
      });
    });

    describe('dossier export', () => {
      it('exports everything about one traject and nothing about another', async () => {
        await store.trajects.create(sampleTraject(), actor);
        await store.trajects.create(sampleTraject({ id: 'tr-other' }), actor);
        await store.formSubmissions.save(
          { formId: 'nazorg', trajectId: 'tr-ede', answers: { a: 1 }, surface: 'slack' },
          actor,
        );
        await store.formSubmissions.save(
          { formId: 'nazorg', trajectId: 'tr-other', answers: { a: 2 }, surface: 'slack' },
          actor,
        );
        await store.duoRounds.saveRound('tr-ede', {}, { interviews: [] }, actor);
        await store.platformLinks.link(
          {
            kind: 'notion-page',
            externalId: 'n1',
            trajectId: 'tr-ede',
            payload: { entity: 'traject', entityId: 'tr-ede' },
          },
          actor,
        );
        await store.reminderOutbox.recordNoChannel(sampleIntent());
        await store.reminderOutbox.recordNoChannel(sampleIntent({ trajectId: 'tr-other' }));
        const dossier = await store.exportDossier('tr-ede', { kind: 'traject', trajectId: 'tr-ede' });
        expect(dossier.traject.id).toBe('tr-ede');
        expect(dossier.traject.participants).toHaveLength(2);
        expect(dossier.formSubmissions.map((s) => s.answers)).toEqual([{ a: 1 }]);
        expect(dossier.duoRounds).toHaveLength(1);
        expect(dossier.platformLinks.map((l) => l.externalId)).toEqual(['n1']);
        expect(dossier.reminderDeliveries.map((d) => d.trajectId)).toEqual(['tr-ede']);
        expect(dossier.audit.every((entry) => entry.trajectId === 'tr-ede')).toBe(true);
        expect(dossier.audit.map((entry) => entry.action)).toContain('traject.create');
        expect(JSON.parse(JSON.stringify(dossier))).toEqual(dossier);
        await expect(
          store.exportDossier('tr-ede', { kind: 'traject', trajectId: 'tr-other' }),
        ).rejects.toBeInstanceOf(NotFoundError);
      });
    });

    describe('forgetting a person (AVG)', () => {
      const email = 'anna.de_vries@ede.nl';

      async function seedPersonEverywhere(): Promise<void> {
        await store.trajects.create(sampleTraject(), email);
        await store.trajects.create(
          sampleTraject({
            id: 'tr-barneveld',
            gemeenten: [{ name: 'Barneveld' }],
            // The same participant id as Anna in Ede, but someone else: ids are only unique per traject.
            participants: [{ id: 'p-anna', name: 'Piet Pieters', role: 'professional' }],
            hours: [],
          }),
          actor,
        );
        await store.duoRounds.saveRound(
          'tr-barneveld',
          { participants: [{ id: 'p-anna', name: 'Piet Pieters' }] },
          { interviews: [] },
          actor,
        );
        await store.trajects.logHours(
          'tr-ede',
          {
            role: 'ambtelijk-contactpersoon',
            participantId: 'p-anna',
            date: '2027-01-14',
            hours: 2,
            note: 'Overleg met Anna de Vries',
          },
          { actor: email },
        );
        await store.trajects.setChecklistItem(
          'tr-ede',
          { itemId: 'deelnemers-uitgenodigd', done: true, by: email },
          { actor: email },
        );
        await store.trajects.submitVit(
          'tr-ede',
          {
            bankId: 'vit',
            bankVersion: '1',
            answers: { q1: 3, toelichting: 'mail ANNA.DE_VRIES@ede.nl' },
            submittedAt: '2027-01-20T10:00:00Z',
            submittedBy: 'Anna de Vries',
          },
          { actor: email },
        );
        await store.formSubmissions.save(
          {
            formId: 'aanmelding',
            trajectId: 'tr-ede',
            surface: 'html',
            subject: email,
            answers: { naam: 'Anna de Vries', email, functie: 'beleid' },
          },
          email,
        );
        // A form about another traject that mentions her only by address, with her name next to it.
        await store.formSubmissions.save(
          {
            formId: 'evaluatie',
            trajectId: 'tr-barneveld',
            surface: 'slack',
            answers: { contact: { naam: 'A. de Vries', email } },
          },
          actor,
        );
        await store.duoRounds.saveRound(
          'tr-ede',
          {
            participants: [
              { id: 'p-anna', name: 'Anna de Vries', perspective: 'beleid' },
              { id: 'p-bas', name: 'Bas Jansen' },
            ],
          },
          {
            interviews: [{ slot: 's1', participants: ['p-anna', 'p-bas'], moderator: 'm1' }],
            summary: 'Anna de Vries en Bas Jansen',
          },
          actor,
        );
        await store.platformLinks.link(
          { kind: 'slack-user', externalId: 'U-ANNA', trajectId: 'tr-ede', payload: { email } },
          actor,
        );
        await store.platformLinks.link({ kind: 'teams-user', externalId: email, payload: {} }, actor);
        await store.tokens.create(
          { role: 'gemeente', trajectId: 'tr-ede', label: `token voor ${email}` },
          email,
        );
        await store.reminderOutbox.recordNoChannel(
          sampleIntent({ message: { nl: `Beste Anna de Vries (${email})`, en: 'Dear Anna' } }),
        );
      }

      it('removes the e-mail address and name from every table and keeps the counts', async () => {
        await seedPersonEverywhere();
        const before = await store.trajects.get('tr-ede', vng);
        expect((await dumpAllText(store)).toLowerCase()).toContain(email);

        const report = await store.forgetPerson(` ${email.toUpperCase()} `, 'cli:privacy-officer');

        const everything = (await dumpAllText(store)).toLowerCase();
        expect(everything).not.toContain(email);
        expect(everything).not.toContain('anna de vries');
        expect(everything).not.toContain('a. de vries');
        expect(everything).toContain('bas jansen');
        const [otherRound] = await store.duoRounds.listRounds('tr-barneveld');
        expect(otherRound?.input).toEqual({ participants: [{ id: 'p-anna', name: 'Piet Pieters' }] });
        expect(report).toMatchObject({
          participants: 1,
          hourLogs: 2,
          checklistItems: 1,
          vitSubmissions: 1,
          formSubmissions: 2,
          duoRounds: 1,
          platformLinks: 2,
          apiTokens: 1,
          reminderDeliveries: 1,
        });
        expect(report.auditEntries).toBeGreaterThanOrEqual(4);
        // A random reference, no hash: nothing in the database can be recomputed from the address.
        expect(report.reference).toMatch(/^verwijderd-[0-9a-f]{12}$/);
        expect(everything).not.toContain(createHash('sha256').update(email).digest('hex').slice(0, 8));

        const after = await store.trajects.get('tr-ede', vng);
        expect(after.participants.map((p) => [p.id, p.role])).toEqual(
          before.participants.map((p) => [p.id, p.role]),
        );
        expect(after.participants[0]?.name).toBe('Verwijderd persoon');
        expect(after.hours.map((h) => h.hours)).toEqual(before.hours.map((h) => h.hours));
        expect(after.hours.every((h) => h.participantId !== 'p-anna')).toBe(true);
        expect(after.vit?.answers.q1).toBe(3);

        const [entry] = await store.audit.list({ action: 'person.forget' });
        expect(entry).toMatchObject({
          actor: 'cli:privacy-officer',
          detail: { person: 'verwijderd persoon' },
        });
        expect(entry?.detail.counts).toMatchObject({ participants: 1 });
      });

      it('is harmless for an unknown address and refuses something that is not an address', async () => {
        await store.trajects.create(sampleTraject(), actor);
        const report = await store.forgetPerson('niemand@example.org', actor);
        expect(report).toMatchObject({ participants: 0, hourLogs: 0, auditEntries: 0, formSubmissions: 0 });
        expect((await store.trajects.get('tr-ede', vng)).participants[0]?.email).toBe(email);
        const invalid = await store.forgetPerson('geen adres', actor).catch((error: unknown) => error);
        expect(invalid).toBeInstanceOf(ValidationError);
      });
    });
  });
}
