import { describe, expect, it } from 'vitest';
import { ValidationError } from '../src/errors.js';
import { buildTraject, createManualClock, createTestPluginContext } from '../src/testing.js';

describe('the in-memory test kit', () => {
  it('gives a plugin a full context whose writes a test can see', async () => {
    const clock = createManualClock('2027-01-11T08:00:00.000Z');
    const context = createTestPluginContext({ clock });
    await context.ports.trajects.create(buildTraject());
    await context.trajects.setStatus('traject-test', 'gepauzeerd', { actor: 'slack:U1' });
    expect(context.ports.audit.entries.map((entry) => entry.action)).toEqual([
      'traject.create',
      'traject.status',
    ]);
    expect((await context.changes.changesSince(0)).changes.map((change) => change.at)).toEqual([
      '2027-01-11T08:00:00.000Z',
      '2027-01-11T08:00:00.000Z',
    ]);
    await context.mailer?.send({ to: 'a@example.nl', subject: 'Uitnodiging', text: 'Welkom' });
    expect(context.ports.mailer.sent.map((message) => message.subject)).toEqual(['Uitnodiging']);
    const url = context.signLink({ path: 'form', formId: 'vit', trajectId: 'traject-test', ttlMs: 60_000 });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1\/forms\/test\./);
    const token = url.split('/').at(-1) ?? '';
    expect(context.verifyLink(token)).toEqual({ trajectId: 'traject-test', formId: 'vit' });
    expect(context.verifyLink(`${token}x`)).toBeUndefined();
    clock.advance(60_000);
    expect(context.verifyLink(token)).toBeUndefined();
  });

  it('expires a link code when the manual clock passes its deadline', async () => {
    const clock = createManualClock();
    const context = createTestPluginContext({ clock });
    await context.ports.trajects.create(buildTraject());
    const { code } = await context.linkCodes.create(
      { trajectId: 'traject-test', purpose: 'teams-link', ttlMs: 60_000 },
      'vng',
    );
    clock.advance(60_000);
    expect(await context.linkCodes.redeem(code, 'teams-link', 'teams:x')).toBeUndefined();
  });

  it('runs queued jobs with their handlers, retries failures, and holds a singleton key on an exclusive queue only', async () => {
    const { jobs } = createTestPluginContext().ports;
    const seen: unknown[] = [];
    let failuresLeft = 2;
    jobs.register({
      name: 'slack-actie',
      async handler(data) {
        if (data.flaky && failuresLeft-- > 0) throw new Error('tijdelijk');
        seen.push(data.n);
        if (data.n === 1) await jobs.enqueue('slack-actie', { n: 3 });
      },
    });
    jobs.register({
      name: 'stuk',
      async handler() {
        throw new Error('altijd');
      },
    });
    jobs.register({ name: 'sync', exclusive: true, async handler() {} });
    await jobs.enqueue('slack-actie', { n: 1 }, { singletonKey: 'k' });
    await jobs.enqueue('slack-actie', { n: 2, flaky: true });
    await jobs.enqueue('stuk', {}, { retryLimit: 1 });
    expect(typeof (await jobs.enqueue('sync', {}, { singletonKey: 'k' }))).toBe('string');
    // An exclusive (stately) queue keeps one waiting job per key; a standard queue makes a second job.
    expect(await jobs.enqueue('sync', {}, { singletonKey: 'k' })).toBeUndefined();
    expect(typeof (await jobs.enqueue('slack-actie', { n: 9 }, { singletonKey: 'k' }))).toBe('string');
    const runs = await jobs.runAll();
    expect(seen).toEqual([1, 2, 9, 3]);
    expect(runs.map((run) => [run.job.name, run.state, run.attempts])).toEqual([
      ['slack-actie', 'completed', 1],
      ['slack-actie', 'completed', 3],
      ['stuk', 'failed', 2],
      ['sync', 'completed', 1],
      ['slack-actie', 'completed', 1],
      ['slack-actie', 'completed', 1],
    ]);
    expect(jobs.queued).toEqual([]);
    expect(typeof (await jobs.enqueue('sync', {}, { singletonKey: 'k' }))).toBe('string');
    await jobs.runAll();
    await jobs.enqueue('onbekend', {});
    await expect(jobs.runAll()).rejects.toThrow(/geen handler geregistreerd voor job "onbekend"/);
  });

  it('creates a job with a dedupe key once, also after it ran, and fails a permanent error without retries', async () => {
    const { jobs } = createTestPluginContext().ports;
    let calls = 0;
    jobs.register({
      name: 'controle',
      async handler(data) {
        calls++;
        if (data.fout) throw new ValidationError('Regel 2: onbekende datum.');
      },
    });
    expect(typeof (await jobs.enqueue('controle', {}, { dedupeKey: 'verzoek-1' }))).toBe('string');
    await jobs.runAll();
    expect(await jobs.enqueue('controle', {}, { dedupeKey: 'verzoek-1' })).toBeUndefined();
    await jobs.enqueue('controle', { fout: true });
    const [run] = await jobs.runAll();
    expect(run).toMatchObject({ state: 'failed', attempts: 1 });
    expect(calls).toBe(2);
  });
});
