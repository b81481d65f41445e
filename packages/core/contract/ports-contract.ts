import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type AuditPort,
  type ChangeFeedPort,
  ConflictError,
  type DuoRoundPort,
  type FormSubmissionPort,
  type JobQueuePort,
  LINK_CODE_ALPHABET,
  type LinkCodePort,
  NotFoundError,
  type PlatformLinkPort,
  type Traject,
  type TrajectRepositoryPort,
  ValidationError,
} from '../src/index.js';
import { buildDuoRound, buildTemplate, buildTraject } from '../src/testing.js';

/**
 * The behaviour every implementation of core's ports must show: the store on PGlite and on PostgreSQL, and
 * the in-memory test kit plugin authors test against. One suite, so a plugin that passes its tests on the
 * kit meets the same semantics in production (the way vercel/chat's state adapters share one test package).
 *
 * Vitest is imported here, so this module is only for tests: `@visieleren/core/contract` resolves to the
 * source and is never bundled into `dist`.
 */

export interface PortsUnderTest {
  trajects: TrajectRepositoryPort;
  links: PlatformLinkPort;
  linkCodes: LinkCodePort;
  duoRounds: DuoRoundPort;
  formSubmissions: FormSubmissionPort;
  audit: AuditPort;
  changes: ChangeFeedPort;
  /** Stores a traject the way the VNG team's `traject create` does (audited as `traject.create`). */
  createTraject(traject: Traject): Promise<void>;
  /** Lets `ms` pass for the implementation's clock: a manual clock moves, a database is waited for. */
  elapse(ms: number): Promise<void>;
}

export interface PortsContractTarget {
  /** Before each test: the ports on an empty state. */
  fresh(): Promise<PortsUnderTest>;
  /** Once, after the last test. */
  close?(): Promise<void>;
}

export interface JobQueueContractTarget {
  /** Before each test: an empty queue that accepts jobs named `contract-job` and `contract-other`. */
  fresh(): Promise<JobQueuePort>;
  close?(): Promise<void>;
}

const actor = 'test:contract';
const vng = { kind: 'all' } as const;
const LINK_CODE = new RegExp(`^[${LINK_CODE_ALPHABET}]{8}$`);

/** A promise's rejection as an error, to look at its issues. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

async function issuePaths(promise: Promise<unknown>): Promise<string[]> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).issues.map((issue) => issue.path);
}

export function describePortsContract(name: string, open: () => Promise<PortsContractTarget>): void {
  describe(`ports contract on ${name}`, () => {
    let target: PortsContractTarget;
    let ports: PortsUnderTest;

    beforeAll(async () => {
      target = await open();
    });
    afterAll(async () => {
      await target?.close?.();
    });
    beforeEach(async () => {
      ports = await target.fresh();
      await ports.createTraject(buildTraject());
    });

    describe('trajects', () => {
      it('refuses a stale revision and a traject outside the scope, and bumps the revision per change', async () => {
        const before = await ports.trajects.get('traject-test', vng);
        const after = await ports.trajects.setStatus('traject-test', 'gepauzeerd', {
          actor,
          expectedRevision: before.revision,
        });
        expect(after.revision).toBe(before.revision + 1);
        await expect(
          ports.trajects.setStatus('traject-test', 'lopend', { actor, expectedRevision: before.revision }),
        ).rejects.toBeInstanceOf(ConflictError);
        await expect(
          ports.trajects.get('traject-test', { kind: 'traject', trajectId: 'traject-ander' }),
        ).rejects.toBeInstanceOf(NotFoundError);
        await expect(ports.trajects.get('traject-geen', vng)).rejects.toBeInstanceOf(NotFoundError);
        expect((await ports.trajects.list({ kind: 'traject', trajectId: 'traject-ander' })).length).toBe(0);
      });

      it('moves sessions and upserts participants', async () => {
        const moved = await ports.trajects.updateSessionDates(
          'traject-test',
          [{ sessionKey: 'duo-interviews', plannedDate: '2027-02-03' }],
          { actor },
        );
        expect(moved.sessions.find((session) => session.key === 'duo-interviews')?.plannedDate).toBe(
          '2027-02-03',
        );
        expect(
          await issuePaths(
            ports.trajects.updateSessionDates(
              'traject-test',
              [{ sessionKey: 'geen', plannedDate: '2027-02-03' }],
              {
                actor,
              },
            ),
          ),
        ).toEqual(['0.sessionKey']);
        const person = { id: 'p1', name: 'Anna de Vries', role: 'bestuurder' as const };
        await ports.trajects.upsertParticipant('traject-test', person, { actor });
        const renamed = await ports.trajects.upsertParticipant(
          'traject-test',
          { ...person, name: 'Anna de Vries-Smit' },
          { actor },
        );
        expect(renamed.participants.map((participant) => participant.name)).toEqual(['Anna de Vries-Smit']);
      });

      it('keeps a custom template with its traject', async () => {
        const template = buildTemplate({ key: 'eigen-traject', version: '3' });
        await ports.createTraject(
          buildTraject({ id: 'traject-eigen', templateKey: 'eigen-traject', template }),
        );
        const stored = await ports.trajects.get('traject-eigen', vng);
        expect(stored.template).toEqual(template);
        expect((await ports.trajects.get('traject-test', vng)).template).toBeUndefined();
        const listed = await ports.trajects.list(vng);
        expect(listed.find((traject) => traject.id === 'traject-eigen')?.template?.version).toBe('3');
      });
    });

    describe('platform links', () => {
      const reference = { conversation: { id: '19:abc@thread.tacv2' }, serviceUrl: 'https://smba.example' };

      it('creates a link once per kind and external id, and counts revisions', async () => {
        const first = await ports.links.link(
          {
            kind: 'teams-conversation',
            externalId: '19:abc',
            trajectId: 'traject-test',
            payload: { reference },
          },
          actor,
        );
        expect(first.revision).toBe(1);
        // The kind's schema fills in its defaults.
        expect(first.payload).toEqual({ reference, active: true });
        const again = await ports.links.link(
          {
            kind: 'teams-conversation',
            externalId: '19:abc',
            trajectId: 'traject-test',
            payload: { reference, conversationType: 'channel' },
          },
          actor,
        );
        expect(again.id).toBe(first.id);
        expect(again.revision).toBe(2);
        expect(again.payload.conversationType).toBe('channel');
        expect(await ports.links.listForTraject('traject-test')).toEqual([again]);
        expect(await ports.links.listByKind('teams-conversation')).toEqual([again]);
        expect(await ports.links.find('slack-channel', '19:abc')).toBeUndefined();
        await expect(
          ports.links.link({ kind: 'slack-channel', externalId: 'C1', trajectId: 'traject-geen' }, actor),
        ).rejects.toBeInstanceOf(NotFoundError);
      });

      it('writes bookkeeping by compare-and-set, without an audit row', async () => {
        const link = await ports.links.link(
          {
            kind: 'notion-page',
            externalId: 'page-1',
            trajectId: 'traject-test',
            payload: { entity: 'traject', entityId: 'traject-test' },
          },
          actor,
        );
        const before = await ports.changes.changesSince(0);
        const updated = await ports.links.updatePayload(
          'notion-page',
          'page-1',
          { entity: 'traject', entityId: 'traject-test', hash: 'h1' },
          link.revision,
        );
        expect(updated?.revision).toBe(link.revision + 1);
        expect(updated?.payload.hash).toBe('h1');
        // A writer that read the old revision loses, and nothing changes.
        expect(
          await ports.links.updatePayload(
            'notion-page',
            'page-1',
            { entity: 'traject', entityId: 'traject-test', hash: 'h2' },
            link.revision,
          ),
        ).toBeUndefined();
        expect((await ports.links.find('notion-page', 'page-1'))?.payload.hash).toBe('h1');
        await expect(
          ports.links.updatePayload('notion-page', 'page-geen', { entity: 'x', entityId: 'y' }, 1),
        ).rejects.toBeInstanceOf(NotFoundError);
        expect(await ports.changes.changesSince(0)).toEqual(before);
        expect(
          await issuePaths(ports.links.updatePayload('notion-page', 'page-1', { entity: 'traject' }, 2)),
        ).toEqual(['payload.entityId']);
      });

      it('finds the links of one person by normalised e-mail, optionally of one kind', async () => {
        await ports.links.link(
          {
            kind: 'slack-user',
            externalId: 'U1',
            participantKey: ' Anna@Ede.NL ',
            payload: { teamId: 'T1' },
          },
          actor,
        );
        await ports.links.link(
          { kind: 'teams-user', externalId: 'aad-1', participantKey: 'anna@ede.nl' },
          actor,
        );
        await ports.links.link(
          { kind: 'slack-user', externalId: 'U2', participantKey: 'bram@ede.nl' },
          actor,
        );
        const anna = await ports.links.listForParticipant('ANNA@ede.nl');
        expect(anna.map((link) => [link.kind, link.externalId, link.participantKey])).toEqual([
          ['slack-user', 'U1', 'anna@ede.nl'],
          ['teams-user', 'aad-1', 'anna@ede.nl'],
        ]);
        expect(
          (await ports.links.listForParticipant('anna@ede.nl', 'slack-user')).map((l) => l.externalId),
        ).toEqual(['U1']);
        expect(await ports.links.listForParticipant('niemand@ede.nl')).toEqual([]);
      });

      it('refuses a payload that does not fit its kind, naming the field; unknown kinds are free-form', async () => {
        expect(
          await issuePaths(
            ports.links.link(
              { kind: 'teams-conversation', externalId: '19:x', payload: { active: true } },
              actor,
            ),
          ),
        ).toEqual(['payload.reference']);
        expect(
          await issuePaths(
            ports.links.link(
              { kind: 'notion-workspace', externalId: 'w', payload: { dataSources: { traject: 5 } } },
              actor,
            ),
          ),
        ).toEqual(['payload.dataSources.traject']);
        expect(await ports.links.find('teams-conversation', '19:x')).toBeUndefined();
        const free = await ports.links.link(
          { kind: 'eigen-koppeling', externalId: 'e1', payload: { x: [1] } },
          actor,
        );
        expect(free.payload).toEqual({ x: [1] });
      });

      it('unlinks once, audited', async () => {
        await ports.links.link({ kind: 'slack-channel', externalId: 'C1', trajectId: 'traject-test' }, actor);
        expect(await ports.links.unlink('slack-channel', 'C1', actor)).toBe(true);
        expect(await ports.links.unlink('slack-channel', 'C1', actor)).toBe(false);
        expect(await ports.links.find('slack-channel', 'C1')).toBeUndefined();
      });
    });

    describe('link codes', () => {
      const request = { trajectId: 'traject-test', purpose: 'teams-link', ttlMs: 10 * 60_000 };

      it('makes a readable code that redeems once, whatever its case and spacing', async () => {
        const created = await ports.linkCodes.create(request, actor);
        expect(created.code).toMatch(LINK_CODE);
        expect(created).toMatchObject({ trajectId: 'traject-test', purpose: 'teams-link' });
        expect(Number.isNaN(Date.parse(created.expiresAt))).toBe(false);
        const typed = ` ${created.code.slice(0, 4).toLowerCase()} ${created.code.slice(4)} `;
        expect(await ports.linkCodes.redeem(typed, 'teams-link', 'teams:19:abc')).toEqual({
          trajectId: 'traject-test',
        });
        expect(await ports.linkCodes.redeem(created.code, 'teams-link', 'teams:19:abc')).toBeUndefined();
      });

      it('answers undefined for another purpose without using the code up, and for unknown codes', async () => {
        const { code } = await ports.linkCodes.create(request, actor);
        expect(await ports.linkCodes.redeem(code, 'slack-link', actor)).toBeUndefined();
        expect(await ports.linkCodes.redeem('ABCDEFGH', 'teams-link', actor)).toBeUndefined();
        expect(await ports.linkCodes.redeem('0O1IL', 'teams-link', actor)).toBeUndefined();
        expect(await ports.linkCodes.redeem('', 'teams-link', actor)).toBeUndefined();
        expect(await ports.linkCodes.redeem(code, 'teams-link', actor)).toEqual({
          trajectId: 'traject-test',
        });
      });

      it('lets a code expire', async () => {
        const { code } = await ports.linkCodes.create({ ...request, ttlMs: 200 }, actor);
        await ports.elapse(300);
        expect(await ports.linkCodes.redeem(code, 'teams-link', actor)).toBeUndefined();
      });

      it('gives a code to exactly one of many simultaneous redeemers', async () => {
        const { code } = await ports.linkCodes.create(request, actor);
        const answers = await Promise.all(
          Array.from({ length: 6 }, (_, index) =>
            ports.linkCodes.redeem(code, 'teams-link', `teams:${index}`),
          ),
        );
        expect(answers.filter((answer) => answer !== undefined)).toEqual([{ trajectId: 'traject-test' }]);
      });

      it('refuses a code for an unknown traject or without a lifetime', async () => {
        await expect(
          ports.linkCodes.create({ ...request, trajectId: 'traject-geen' }, actor),
        ).rejects.toBeInstanceOf(NotFoundError);
        expect(await issuePaths(ports.linkCodes.create({ ...request, ttlMs: 0 }, actor))).toEqual(['ttlMs']);
        expect(await issuePaths(ports.linkCodes.create({ ...request, purpose: ' ' }, actor))).toEqual([
          'purpose',
        ]);
      });
    });

    describe('duo rounds', () => {
      const round = () => buildDuoRound();
      const schedule = {
        interviews: [
          { slot: 's1', participants: ['anna', 'bram'], moderator: 'mo' },
          { slot: 's2', participants: ['cor', 'dina'], moderator: 'mo' },
        ],
        unplaced: [],
      };

      it('goes from availability to a schedule that moves and can be called off', async () => {
        const created = await ports.duoRounds.create(
          'traject-test',
          { round: round(), deadline: '2027-01-25T17:00:00.000Z' },
          actor,
        );
        expect(created).toMatchObject({
          trajectId: 'traject-test',
          roundNumber: 1,
          state: 'beschikbaarheid',
          deadline: '2027-01-25T17:00:00.000Z',
          availability: {},
          revision: 1,
        });
        expect(created.schedule).toBeUndefined();
        await ports.duoRounds.setAvailability(created.id, 'anna', ['s1', 's2'], 'slack:U1');
        const answered = await ports.duoRounds.setAvailability(created.id, 'anna', ['s2', 's2'], 'slack:U1');
        const moderator = await ports.duoRounds.setAvailability(created.id, 'mo', ['s3'], 'vng');
        expect(answered.availability).toEqual({ anna: ['s2'] });
        expect(moderator.availability).toEqual({ anna: ['s2'], mo: ['s3'] });
        expect(moderator.revision).toBe(4);

        const planned = await ports.duoRounds.schedule(created.id, schedule, actor);
        expect(planned.state).toBe('gepland');
        expect(planned.schedule).toEqual(schedule);
        const moved = await ports.duoRounds.reschedule(created.id, 0, 's3', actor);
        expect(moved.schedule?.interviews.map((interview) => interview.slot)).toEqual(['s3', 's2']);
        expect(await ports.duoRounds.previousPairs('traject-test')).toEqual([
          ['anna', 'bram'],
          ['cor', 'dina'],
        ]);
        const oneOff = await ports.duoRounds.cancel(created.id, actor, 1);
        expect(oneOff.state).toBe('gepland');
        expect(oneOff.schedule?.interviews[1]?.cancelled).toBe(true);
        expect(await ports.duoRounds.previousPairs('traject-test')).toEqual([['anna', 'bram']]);
        const cancelled = await ports.duoRounds.cancel(created.id, actor);
        expect(cancelled.state).toBe('geannuleerd');
        expect(await ports.duoRounds.previousPairs('traject-test')).toEqual([]);
        expect(await ports.duoRounds.get(created.id)).toEqual(cancelled);
        expect(await ports.duoRounds.listRounds('traject-test')).toEqual([cancelled]);
        expect(cancelled.revision).toBe(8);
      });

      it('numbers rounds per traject', async () => {
        await ports.createTraject(buildTraject({ id: 'traject-ander' }));
        const first = await ports.duoRounds.create('traject-test', { round: round() }, actor);
        const second = await ports.duoRounds.create('traject-test', { round: round() }, actor);
        const other = await ports.duoRounds.create('traject-ander', { round: round() }, actor);
        expect([first.roundNumber, second.roundNumber, other.roundNumber]).toEqual([1, 2, 1]);
        expect((await ports.duoRounds.listRounds('traject-test')).map((r) => r.id)).toEqual([
          first.id,
          second.id,
        ]);
      });

      it('refuses what does not fit the round, naming the field', async () => {
        await expect(
          ports.duoRounds.create('traject-geen', { round: round() }, actor),
        ).rejects.toBeInstanceOf(NotFoundError);
        await expect(ports.duoRounds.get('duo-geen')).rejects.toBeInstanceOf(NotFoundError);
        expect(
          await issuePaths(
            ports.duoRounds.create('traject-test', { round: { ...round(), slots: 'geen' } }, actor),
          ),
        ).toEqual(['slots']);
        expect(
          await issuePaths(
            ports.duoRounds.create('traject-test', { round: round(), deadline: 'morgen' }, actor),
          ),
        ).toEqual(['deadline']);
        const { id } = await ports.duoRounds.create('traject-test', { round: round() }, actor);
        expect(await issuePaths(ports.duoRounds.setAvailability(id, 'zoe', ['s1'], actor))).toEqual([
          'personId',
        ]);
        expect(await issuePaths(ports.duoRounds.setAvailability(id, 'anna', ['s1', 's9'], actor))).toEqual([
          'slotIds.1',
        ]);
        expect(await issuePaths(ports.duoRounds.reschedule(id, 0, 's2', actor))).toEqual(['round']);
        expect(
          await issuePaths(
            ports.duoRounds.schedule(
              id,
              { interviews: [{ slot: 's9', participants: ['anna', 'bram'], moderator: 'mo' }] },
              actor,
            ),
          ),
        ).toEqual(['interviews.0.slot']);
        expect(
          await issuePaths(
            ports.duoRounds.schedule(
              id,
              { interviews: [{ slot: 's1', participants: ['anna'], moderator: 'mo' }] },
              actor,
            ),
          ),
        ).toEqual(['interviews.0.participants']);
        expect((await ports.duoRounds.get(id)).state).toBe('beschikbaarheid');
        await ports.duoRounds.schedule(id, schedule, actor);
        expect(await issuePaths(ports.duoRounds.setAvailability(id, 'anna', ['s1'], actor))).toEqual([
          'round',
        ]);
        expect(await issuePaths(ports.duoRounds.reschedule(id, 2, 's3', actor))).toEqual(['interviewIndex']);
        expect(await issuePaths(ports.duoRounds.reschedule(id, 0, 's9', actor))).toEqual(['slotId']);
        await ports.duoRounds.cancel(id, actor, 0);
        expect(await issuePaths(ports.duoRounds.reschedule(id, 0, 's3', actor))).toEqual(['interviewIndex']);
        expect(await issuePaths(ports.duoRounds.cancel(id, actor, 0))).toEqual(['interviewIndex']);
        await ports.duoRounds.cancel(id, actor);
        expect(await issuePaths(ports.duoRounds.cancel(id, actor))).toEqual(['round']);
        expect(await issuePaths(ports.duoRounds.schedule(id, schedule, actor))).toEqual(['round']);
      });
    });

    describe('form submissions', () => {
      it('lists a traject’s submissions oldest first, optionally of one form', async () => {
        await ports.createTraject(buildTraject({ id: 'traject-ander' }));
        const save = (formId: string, trajectId: string, submittedAt: string) =>
          ports.formSubmissions.save(
            { formId, trajectId, answers: { at: submittedAt }, surface: 'html', submittedAt },
            actor,
          );
        const later = await save('vit', 'traject-test', '2027-01-20T10:00:00.000Z');
        const earlier = await save('beschikbaarheid', 'traject-test', '2027-01-19T10:00:00.000Z');
        await save('vit', 'traject-ander', '2027-01-18T10:00:00.000Z');
        const all = await ports.formSubmissions.list('traject-test');
        expect(all.map((submission) => submission.id)).toEqual([earlier, later]);
        expect(all[0]).toMatchObject({
          formId: 'beschikbaarheid',
          trajectId: 'traject-test',
          surface: 'html',
          answers: { at: '2027-01-19T10:00:00.000Z' },
          submittedAt: '2027-01-19T10:00:00.000Z',
        });
        expect(
          (await ports.formSubmissions.list('traject-test', { formId: 'vit' })).map((s) => s.id),
        ).toEqual([later]);
        expect(await ports.formSubmissions.list('traject-test', { formId: 'nazorg' })).toEqual([]);
        await expect(
          ports.formSubmissions.save(
            { formId: 'vit', trajectId: 'traject-geen', answers: {}, surface: 'html' },
            actor,
          ),
        ).rejects.toBeInstanceOf(NotFoundError);
      });
    });

    describe('change feed', () => {
      it('reports traject changes in order from a cursor, without the integrations’ bookkeeping', async () => {
        const start = await ports.changes.changesSince(0);
        expect(start.changes.map((change) => [change.trajectId, change.action])).toEqual([
          ['traject-test', 'traject.create'],
        ]);
        await ports.trajects.setStatus('traject-test', 'gepauzeerd', { actor: 'slack:U1' });
        await ports.links.link({ kind: 'slack-channel', externalId: 'C1', trajectId: 'traject-test' }, actor);
        await ports.linkCodes.create(
          { trajectId: 'traject-test', purpose: 'teams-link', ttlMs: 60_000 },
          actor,
        );
        await ports.trajects.logHours(
          'traject-test',
          { role: 'ambtelijk-contactpersoon', date: '2027-01-12', hours: 2 },
          { actor },
        );
        await ports.audit.append({ actor, action: 'teams.bericht', trajectId: 'traject-test' });
        await ports.audit.append({ actor, action: 'systeem.start' });

        const first = await ports.changes.changesSince(start.cursor, 2);
        expect(first.changes.map((change) => change.action)).toEqual(['traject.status', 'hours.log']);
        expect(first.changes[0]).toMatchObject({ trajectId: 'traject-test', actor: 'slack:U1' });
        expect(first.cursor).toBe(first.changes[1]?.position);
        const rest = await ports.changes.changesSince(first.cursor);
        expect(rest.changes.map((change) => change.action)).toEqual(['teams.bericht']);
        const positions = [...start.changes, ...first.changes, ...rest.changes].map(
          (change) => change.position,
        );
        expect(positions).toEqual([...positions].sort((a, b) => a - b));
        expect(new Set(positions).size).toBe(positions.length);
        expect(await ports.changes.changesSince(rest.cursor)).toEqual({ changes: [], cursor: rest.cursor });
        // Overlap: re-reading from an earlier cursor gives the same changes again.
        expect((await ports.changes.changesSince(start.cursor)).changes).toEqual([
          ...first.changes,
          ...rest.changes,
        ]);
      });
    });
  });
}

/**
 * What every JobQueuePort must do, as pg-boss 12 does it: a dedupe key creates a job once; a singleton key on a
 * standard queue deduplicates nothing.
 */
export function describeJobQueueContract(name: string, open: () => Promise<JobQueueContractTarget>): void {
  describe(`job queue contract on ${name}`, () => {
    let target: JobQueueContractTarget;
    let jobs: JobQueuePort;

    beforeAll(async () => {
      target = await open();
    });
    afterAll(async () => {
      await target?.close?.();
    });
    beforeEach(async () => {
      jobs = await target.fresh();
    });

    it('creates a job with a dedupe key once; the same key on another name is other work', async () => {
      const first = await jobs.enqueue('contract-job', { n: 1 }, { dedupeKey: 'slack:retry-1' });
      expect(typeof first).toBe('string');
      expect(await jobs.enqueue('contract-job', { n: 2 }, { dedupeKey: 'slack:retry-1' })).toBeUndefined();
      const otherKey = await jobs.enqueue('contract-job', { n: 3 }, { dedupeKey: 'slack:retry-2' });
      const otherName = await jobs.enqueue('contract-other', { n: 4 }, { dedupeKey: 'slack:retry-1' });
      expect(new Set([first, otherKey, otherName]).size).toBe(3);
      expect([otherKey, otherName].every((id) => typeof id === 'string')).toBe(true);
    });

    it('makes two jobs of two sends with one singleton key on a standard queue (as pg-boss 12 does)', async () => {
      const first = await jobs.enqueue('contract-job', { n: 1 }, { singletonKey: 'schedule:r1' });
      const second = await jobs.enqueue('contract-job', { n: 2 }, { singletonKey: 'schedule:r1' });
      expect([first, second].every((id) => typeof id === 'string')).toBe(true);
      expect(first).not.toBe(second);
    });

    it('queues jobs without a key every time', async () => {
      const ids = [
        await jobs.enqueue('contract-job', { n: 1 }),
        await jobs.enqueue('contract-job', { n: 1 }),
      ];
      expect(ids.every((id) => typeof id === 'string')).toBe(true);
      expect(ids[0]).not.toBe(ids[1]);
    });
  });
}
