import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../logger.js';
import type {
  AanmeldingPort,
  AuditPort,
  ChangeFeedPort,
  Clock,
  DuoRoundPort,
  FormSubmissionPort,
  JobDefinition,
  JobQueuePort,
  LinkCodePort,
  MailerPort,
  Notifier,
  PlatformLinkPort,
  TrajectRepositoryPort,
} from '../ports.js';

/**
 * The one interface through which `visieleren serve` mounts a plugin (Teams, Slack, Notion…). Adding a plugin
 * touches no other plugin: the server lists the plugins, asks each whether it is on, starts the ones that are
 * and wires their routes, notifier, jobs and forget hook. Node types only, so a plugin can hand over whatever
 * its vendor SDK produces (an Express router, botbuilder's `CloudAdapter.process`).
 */

/** An environment variable a plugin reads; `serve --help` and the READMEs list them. */
export interface PluginSetting {
  name: string;
  required: boolean;
  /** Never printed, never logged. */
  secret?: boolean;
  description: string;
}

export type PluginActivation = { enabled: true; reason: string } | { enabled: false; reason: string };

/** A request handler in Node's (and Express's) shape; `next` passes the request on. */
export type PluginRequestHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void;

/**
 * Mounted with Express's `app.use(path, handler)` before the JSON API and its body parser: inside the handler
 * `req.url` is relative to `path` (`req.originalUrl` is the full one) and the body is still unread.
 */
export interface PluginRoute {
  /** Mount path, e.g. `/api/messages`, `/slack`, `/teams`. */
  path: string;
  handler: PluginRequestHandler;
}

/** What the server hands a plugin: ports into the store, never the store itself. */
export interface PluginContext {
  env: Readonly<Record<string, string | undefined>>;
  /** The server's public address (`PUBLIC_URL`), for links in messages and manifests. */
  publicUrl: string;
  trajects: TrajectRepositoryPort;
  links: PlatformLinkPort;
  linkCodes: LinkCodePort;
  duoRounds: DuoRoundPort;
  formSubmissions: FormSubmissionPort;
  /** Aanmeldingen from a plugin's surface (a Teams card) become trajects in status `aangemeld`. */
  aanmeldingen: AanmeldingPort;
  audit: AuditPort;
  changes: ChangeFeedPort;
  jobs: JobQueuePort;
  /** Absent when SMTP_URL is not set: then invites are shown to the VNG team to send themselves. */
  mailer?: MailerPort;
  /**
   * A signed, expiring absolute URL: `form` → `${publicUrl}/forms/<token>` (the server's HTML form, `formId`
   * required); `traject` → `${publicUrl}/traject/<token>` (the traject page, served by the Teams plugin's
   * routes). Default lifetime 30 days.
   */
  signLink(input: {
    path: 'form' | 'traject';
    formId?: string;
    trajectId: string;
    subject?: string;
    ttlMs?: number;
    /** The slots a `beschikbaarheid` form asks about (Amsterdam local times); they travel in the signed link. */
    slots?: ReadonlyArray<{ id: string; start: string; end: string }>;
  }): string;
  /** The claims of a token made by `signLink` (the last path segment), or undefined when expired or altered. */
  verifyLink(token: string): { trajectId: string; formId: string; subject?: string } | undefined;
  clock: Clock;
  logger: Logger;
}

export interface PluginInstance {
  routes?: PluginRoute[];
  notifier?: Notifier;
  jobs?: JobDefinition[];
  /** AVG: removes the person (normalised e-mail) from every copy this plugin keeps outside the store. */
  forget?(participantKey: string, actor: string): Promise<{ removed: number }>;
  /** Lines `serve` logs at start (mode, endpoints). No secrets. */
  describe?(): string[];
  stop?(): Promise<void>;
}

export interface VisielerenPlugin {
  /** `teams`, `slack`, `notion`. */
  name: string;
  /** `Microsoft Teams`. */
  label: string;
  settings: readonly PluginSetting[];
  /** Pure: on or off from the environment, with the reason in Dutch (shown by `serve`). */
  activation(env: Readonly<Record<string, string | undefined>>): PluginActivation;
  start(context: PluginContext): Promise<PluginInstance>;
}
