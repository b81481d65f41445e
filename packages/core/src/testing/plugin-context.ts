import { silentLogger } from '../logger.js';
import type { PluginContext } from '../plugins/plugin.js';
import type { Clock } from '../ports.js';
import { createMemoryPorts, type MemoryPorts } from './memory-ports.js';

/** A PluginContext on the in-memory ports; `ports` gives the test the kit's extras (audit entries, sent mail…). */
export type TestPluginContext = PluginContext & { ports: MemoryPorts };

export type TestPluginContextOverrides = Partial<PluginContext> & { ports?: MemoryPorts };

const DEFAULT_LINK_TTL_MS = 30 * 24 * 60 * 60 * 1000;

interface TestLinkClaims {
  path: 'form' | 'traject';
  trajectId: string;
  formId?: string;
  subject?: string;
  expiresAt: number;
}

/**
 * Deterministic stand-ins for the server's signed links, in the server's URL shape (`/forms/<token>`,
 * `/traject/<token>`). The token is readable (`test.<base64url JSON>`), so a test can assert on what was
 * signed; `verifyLink` honours the lifetime by the given clock and refuses anything it did not make.
 */
export function testLinkSigner(
  publicUrl: string,
  clock: Clock,
): Pick<PluginContext, 'signLink' | 'verifyLink'> {
  return {
    signLink(input) {
      const claims: TestLinkClaims = {
        path: input.path,
        trajectId: input.trajectId,
        ...(input.formId === undefined ? {} : { formId: input.formId }),
        ...(input.subject === undefined ? {} : { subject: input.subject }),
        expiresAt: clock.now().getTime() + (input.ttlMs ?? DEFAULT_LINK_TTL_MS),
      };
      const token = `test.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
      return `${publicUrl.replace(/\/$/, '')}/${input.path === 'form' ? 'forms' : 'traject'}/${token}`;
    },
    verifyLink(token) {
      if (!token.startsWith('test.')) return undefined;
      let claims: Partial<TestLinkClaims>;
      try {
        claims = JSON.parse(Buffer.from(token.slice(5), 'base64url').toString('utf8'));
      } catch {
        return undefined;
      }
      if (typeof claims.trajectId !== 'string' || typeof claims.expiresAt !== 'number') return undefined;
      if (claims.expiresAt <= clock.now().getTime()) return undefined;
      return {
        trajectId: claims.trajectId,
        formId: claims.formId ?? '',
        ...(claims.subject === undefined ? {} : { subject: claims.subject }),
      };
    },
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
    aanmeldingen: ports.aanmeldingen,
    audit: ports.audit,
    changes: ports.changes,
    jobs: ports.jobs,
    mailer: ports.mailer,
    ...testLinkSigner(publicUrl, ports.clock),
    clock: ports.clock,
    logger: silentLogger,
    ...overrides,
    ports,
  };
}
