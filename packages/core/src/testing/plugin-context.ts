import { silentLogger } from '../logger.js';
import type { PluginContext } from '../plugins/plugin.js';
import { createMemoryPorts, type MemoryPorts } from './memory-ports.js';

/** A PluginContext on the in-memory ports; `ports` gives the test the kit's extras (audit entries, sent mail…). */
export type TestPluginContext = PluginContext & { ports: MemoryPorts };

export type TestPluginContextOverrides = Partial<PluginContext> & { ports?: MemoryPorts };

/**
 * A deterministic stand-in for the server's signed links: the same input gives the same address, and the
 * address shows what was signed (`…/forms/vit?token=test.<base64url JSON>`), so a test can assert on it.
 */
export function testSignLink(publicUrl: string): PluginContext['signLink'] {
  return (input) => {
    const token = `test.${Buffer.from(JSON.stringify(input)).toString('base64url')}`;
    const path = input.path === 'form' ? `forms/${input.formId ?? ''}` : `trajects/${input.trajectId}`;
    return `${publicUrl.replace(/\/$/, '')}/${path}?token=${token}`;
  };
}

export function createTestPluginContext(overrides: TestPluginContextOverrides = {}): TestPluginContext {
  const ports = overrides.ports ?? createMemoryPorts(overrides.clock ? { clock: overrides.clock } : {});
  const publicUrl = overrides.publicUrl ?? 'http://127.0.0.1';
  return {
    env: {},
    publicUrl,
    trajects: ports.trajects,
    links: ports.links,
    linkCodes: ports.linkCodes,
    duoRounds: ports.duoRounds,
    formSubmissions: ports.formSubmissions,
    audit: ports.audit,
    changes: ports.changes,
    jobs: ports.jobs,
    mailer: ports.mailer,
    signLink: testSignLink(publicUrl),
    clock: ports.clock,
    logger: silentLogger,
    ...overrides,
    ports,
  };
}
