import type { Traject } from '../model/traject.js';
import {
  type AanmeldingPort,
  type ChangeFeedPort,
  type Clock,
  type DuoRoundPort,
  type LinkCodePort,
  type PlatformLinkPort,
  systemClock,
} from '../ports.js';
import { createMemoryAanmeldingen } from './memory-aanmeldingen.js';
import { createMemoryAudit, createMemoryChangeFeed, type MemoryAudit } from './memory-audit.js';
import { createMemoryDuoRounds } from './memory-duo-rounds.js';
import { createMemoryFormSubmissions, type MemoryFormSubmissions } from './memory-forms.js';
import { createMemoryJobs, type MemoryJobs } from './memory-jobs.js';
import { createMemoryLinkCodes, createMemoryLinks } from './memory-links.js';
import { createMemoryMailer, type MemoryMailer } from './memory-mailer.js';
import { createMemoryTrajects, type MemoryTrajects } from './memory-trajects.js';

/** Every port of `ports.ts` in memory, with the store's semantics, plus what tests need to look inside. */
export interface MemoryPorts {
  clock: Clock;
  trajects: MemoryTrajects;
  links: PlatformLinkPort;
  linkCodes: LinkCodePort;
  duoRounds: DuoRoundPort;
  formSubmissions: MemoryFormSubmissions;
  aanmeldingen: AanmeldingPort;
  audit: MemoryAudit;
  changes: ChangeFeedPort;
  jobs: MemoryJobs;
  mailer: MemoryMailer;
}

export interface MemoryPortsOptions {
  /** Default: the system clock. A `createManualClock()` lets a test expire link codes without waiting. */
  clock?: Clock;
  /** Trajects present from the start (without audit entries, so the change feed starts empty). */
  trajects?: readonly Traject[];
}

export function createMemoryPorts(options: MemoryPortsOptions = {}): MemoryPorts {
  const clock = options.clock ?? systemClock;
  const audit = createMemoryAudit(clock);
  const trajects = createMemoryTrajects(clock, audit, options.trajects);
  const exists = (id: string) => trajects.has(id);
  const formSubmissions = createMemoryFormSubmissions(clock, audit, exists);
  return {
    clock,
    trajects,
    links: createMemoryLinks(clock, audit, exists),
    linkCodes: createMemoryLinkCodes(clock, audit, exists),
    duoRounds: createMemoryDuoRounds(clock, audit, exists),
    formSubmissions,
    aanmeldingen: createMemoryAanmeldingen(clock, trajects, formSubmissions),
    audit,
    changes: createMemoryChangeFeed(audit),
    jobs: createMemoryJobs(),
    mailer: createMemoryMailer(),
  };
}
