import type { Store } from '@visieleren/store';
import type { Router } from 'express';
import type { Logger as PinoLogger } from 'pino';
import type { AdminServices } from '../admin/services.js';
import type { AppDomain } from './app-domain.js';
import { beheerOperations, createBeheerRouter } from './beheer-routes.js';
import { documentatieOperations } from './documentatie-routes.js';
import { createLessenRouter, lessenOperations } from './lessen-routes.js';
import { createLifecycleRouter, lifecycleOperations } from './lifecycle-routes.js';
import type { ApiOperation } from './openapi/operation.js';
import { createTrajectenRouter, trajectenOperations } from './trajecten-routes.js';

/**
 * THE list of the JSON API's modules (`/api/v1/…`). `createApp` mounts each module's router under /api/v1 and
 * the OpenAPI document lists each module's operations: add a module here and it is served and documented.
 * See apps/server/README.md, "Een endpoint toevoegen".
 */
export interface ApiModuleContext {
  store: Store;
  domain: AppDomain;
  logger: PinoLogger;
  /** Forms secret, public address, mailer and jobs, for the VNG team's work (beheer); absent in some tests. */
  services?: AdminServices;
}

export interface ApiModule {
  /** For messages: `trajecten`, `aanmeldingen`, … */
  name: string;
  /** Every operation the router serves; the document test fails on a route that is not here. */
  operations: readonly ApiOperation[];
  createRouter(context: ApiModuleContext): Router;
}

export const trajectenModule: ApiModule = {
  name: 'trajecten',
  operations: Object.values(trajectenOperations),
  createRouter: ({ store, domain }) => createTrajectenRouter({ store, domain }),
};

/** Aanmeldingen, the dossier, lessons and programmes: the traject as the VNG runs it (issue 12). */
export const lifecycleModule: ApiModule = {
  name: 'aanmeldingen',
  operations: Object.values(lifecycleOperations),
  createRouter: ({ store, domain }) => createLifecycleRouter({ store, domain }),
};

export const lessenModule: ApiModule = {
  name: 'lessen',
  operations: Object.values(lessenOperations),
  createRouter: ({ store, domain }) => createLessenRouter({ store, domain }),
};

/** The VNG team's daily work: koppelcodes, form links, tokens, reminders, jobs, cohorts, the report. */
export const beheerModule: ApiModule = {
  name: 'beheer',
  operations: Object.values(beheerOperations),
  createRouter: ({ store, domain, services }) =>
    createBeheerRouter({
      store,
      today: () => domain.today(),
      ...(domain.calendar ? { calendar: domain.calendar() } : {}),
      ...(services ? { services } : {}),
    }),
};

// The lifecycle comes first: its besluit acts on a traject that is still aangemeld.
export const apiModules: readonly ApiModule[] = [
  lifecycleModule,
  trajectenModule,
  lessenModule,
  beheerModule,
];

/** Every operation in the document: the documentation's own (this document, the page) and the modules'. */
export function apiOperations(modules: readonly ApiModule[] = apiModules): ApiOperation[] {
  return [...Object.values(documentatieOperations), ...modules.flatMap((module) => module.operations)];
}
