import type { Clock, Logger, MailerPort, PluginContext } from '@visieleren/core';
import { signFormToken, verifyFormToken } from '@visieleren/forms';
import type { Store } from '@visieleren/store';
import type { JobRunner } from '../jobs/job-runner.js';
import { submitAanmelding } from '../lifecycle/aanmelding.js';

const DEFAULT_LINK_TTL_MS = 30 * 86_400_000;
/** The form id a traject page's link carries (it is not a form; the token format is shared). */
export const TRAJECT_PAGE_FORM_ID = 'traject-pagina';

export interface PluginContextInput {
  store: Store;
  jobs: JobRunner;
  mailer?: MailerPort;
  env: Readonly<Record<string, string | undefined>>;
  publicUrl: string;
  formsSecret: string;
  clock: Clock;
  logger: Logger;
}

/** The ports a plugin gets: the store's repositories under core's port types, never the store itself. */
export function createPluginContext(input: PluginContextInput): PluginContext {
  const { store, clock } = input;
  const base = input.publicUrl.replace(/\/+$/, '');
  return {
    env: input.env,
    publicUrl: base,
    trajects: store.trajects,
    links: store.platformLinks,
    linkCodes: store.linkCodes,
    duoRounds: store.duoRounds,
    formSubmissions: store.formSubmissions,
    aanmeldingen: {
      async submit(answers, source) {
        const traject = await submitAanmelding(store, answers, {
          clock,
          surface: source.surface,
          actor: source.actor,
        });
        return { trajectId: traject.id, name: traject.gemeenten.map((gemeente) => gemeente.name).join(', ') };
      },
    },
    audit: {
      async append(entry) {
        await store.audit.append(entry);
      },
    },
    changes: store.changes,
    jobs: input.jobs,
    ...(input.mailer ? { mailer: input.mailer } : {}),
    signLink(link) {
      const formId = link.path === 'traject' ? TRAJECT_PAGE_FORM_ID : link.formId;
      if (!formId) throw new Error('signLink: een formulierlink heeft een formId nodig');
      const token = signFormToken(
        {
          formId,
          trajectId: link.trajectId,
          ...(link.subject ? { subject: link.subject } : {}),
          ...(link.slots ? { slots: [...link.slots] } : {}),
          expiresAt: new Date(clock.now().getTime() + (link.ttlMs ?? DEFAULT_LINK_TTL_MS)),
        },
        input.formsSecret,
      );
      return `${base}/${link.path === 'traject' ? 'traject' : 'forms'}/${token}`;
    },
    verifyLink(token) {
      try {
        const claims = verifyFormToken(token, input.formsSecret, clock.now());
        return {
          trajectId: claims.trajectId,
          formId: claims.formId,
          ...(claims.subject ? { subject: claims.subject } : {}),
        };
      } catch {
        return undefined;
      }
    },
    clock,
    logger: input.logger,
  };
}
