import { createMemoryPorts, createTestPluginContext } from '@visieleren/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { NotionGateway } from '../src/client/gateway.js';
import { NOTION_SYNC_JOB, notionPlugin } from '../src/plugin.js';
import { FakeNotion } from '../src/testing.js';
import { initWorkspace } from '../src/workspace.js';
import { demoTrajects } from './support.js';

let fake: FakeNotion | undefined;
let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  await fake?.close();
});

describe('notionPlugin', () => {
  it('is on only when NOTION_TOKEN is set, and says why in Dutch', () => {
    expect(notionPlugin.activation({})).toMatchObject({
      enabled: false,
      reason: expect.stringMatching(/NOTION_TOKEN ontbreekt/),
    });
    expect(notionPlugin.activation({ NOTION_TOKEN: 'x' }).enabled).toBe(true);
    expect(notionPlugin.settings.find((setting) => setting.name === 'NOTION_TOKEN')).toMatchObject({
      required: true,
      secret: true,
    });
  });

  it('registers one exclusive sync job that syncs the dossiers, and a forget hook', async () => {
    fake = new FakeNotion();
    await fake.start();
    const ports = createMemoryPorts({
      trajects: [
        {
          ...demoTrajects(1)[0]!,
          participants: [
            { id: 'c', name: 'Kim de Vries', email: 'kim@gemeente.nl', role: 'ambtelijk-contactpersoon' },
          ],
        },
      ],
    });
    const context = createTestPluginContext({
      ports,
      env: { NOTION_TOKEN: fake.token, NOTION_API_BASE_URL: fake.url, NOTION_REQUESTS_PER_MINUTE: '100000' },
    });
    const instance = await notionPlugin.start(context);
    stop = instance.stop;
    expect(instance.jobs).toEqual([expect.objectContaining({ name: NOTION_SYNC_JOB, exclusive: true })]);
    expect(instance.describe?.().join('\n')).not.toContain(fake.token);

    await initWorkspace(
      new NotionGateway({
        settings: { token: fake.token, baseUrl: fake.url, timeoutMs: 5000, requestsPerMinute: 100000 },
      }),
      ports.links,
      fake.parentPageId,
    );
    await instance.jobs![0]!.handler({}, { jobId: 'j1', signal: new AbortController().signal });
    expect(fake.rows('Trajecten')).toHaveLength(1);
    expect(fake.rows('Trajecten')[0]!.values['E-mail contactpersoon']).toBe('kim@gemeente.nl');

    expect(await instance.forget!('Kim@Gemeente.nl', 'cli')).toEqual({ removed: 1 });
    expect(fake.rows('Trajecten')[0]!.values['E-mail contactpersoon']).toBeNull();

    // A property someone deleted: the job ends failed (not "done" with a warning), naming it.
    fake.userDeletesProperty('Trajecten', 'Kernvraag');
    await expect(
      instance.jobs![0]!.handler({}, { jobId: 'j2', signal: new AbortController().signal }),
    ).rejects.toThrow(
      /Notion-synchronisatie mislukt:\nTrajecten: de eigenschap "Kernvraag" is in Notion verwijderd/,
    );
    expect(ports.audit.entries.at(-1)).toMatchObject({ action: 'notion.sync.failed' });
  });

  it('a job handler without a workspace logs and returns instead of failing (no retries)', async () => {
    fake = new FakeNotion();
    await fake.start();
    const context = createTestPluginContext({
      env: { NOTION_TOKEN: fake.token, NOTION_API_BASE_URL: fake.url },
    });
    const instance = await notionPlugin.start(context);
    stop = instance.stop;
    await expect(
      instance.jobs![0]!.handler({}, { jobId: 'j1', signal: new AbortController().signal }),
    ).resolves.toBeUndefined();
  });
});
