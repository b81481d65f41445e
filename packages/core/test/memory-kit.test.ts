import { describe, expect, it } from 'vitest';
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

  it('runs queued jobs with their handlers, retries failures and frees a singleton key when done', async () => {
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
    await jobs.enqueue('slack-actie', { n: 1 }, { singletonKey: 'k' });
    await jobs.enqueue('slack-actie', { n: 2, flaky: true });
    await jobs.enqueue('stuk', {}, { retryLimit: 1 });
    expect(await jobs.enqueue('slack-actie', { n: 9 }, { singletonKey: 'k' })).toBeUndefined();
    const runs = await jobs.runAll();
    expect(seen).toEqual([1, 2, 3]);
    expect(runs.map((run) => [run.job.name, run.state, run.attempts])).toEqual([
      ['slack-actie', 'completed', 1],
      ['slack-actie', 'completed', 3],
      ['stuk', 'failed', 2],
      ['slack-actie', 'completed', 1],
    ]);
    expect(jobs.queued).toEqual([]);
    expect(typeof (await jobs.enqueue('slack-actie', { n: 4 }, { singletonKey: 'k' }))).toBe('string');
    await jobs.enqueue('onbekend', {});
    await expect(jobs.runAll()).rejects.toThrow(/geen handler geregistreerd voor job "onbekend"/);
  });
});
