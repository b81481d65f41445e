import { NotFoundError, parseWith, type Traject, ValidationError } from '@visieleren/core';
import type { Store, StoredTraject, UpdateOptions } from '@visieleren/store';
import { type Request, type Response, Router } from 'express';
import {
  auditQuerySchema,
  type CreateTrajectBody,
  checklistBodySchema,
  createTrajectBodySchema,
  hoursBodySchema,
  phaseDatesBodySchema,
  statusBodySchema,
  vitBodySchema,
} from './api-schemas.js';
import { actorOf, principalOf, requireToken } from './auth.js';
import { sendProblem } from './problem.js';

/** What the API needs from core, passed in so routes stay thin and the server decides on "today". */
export interface TrajectDomain {
  /** Today in Europe/Amsterdam, `YYYY-MM-DD`. */
  today(): string;
  /** A new traject from a template (core `createTrajectFromTemplate`). */
  createTraject(input: CreateTrajectBody): Traject;
  /** Forecast plan, hours report and VIT profile for one traject. */
  describeTraject(traject: StoredTraject, today: string): Record<string, unknown>;
  /** Checklist item ids of the traject's template, to refuse unknown items with a 404. */
  checklistItemIds(traject: Traject): ReadonlySet<string>;
  /** Scores VIT answers with core (ValidationError in Dutch for unknown questions or bad values). */
  scoreVit(answers: Record<string, number | string | null>): {
    bankId: string;
    bankVersion: string;
    profile: unknown;
  };
}

export interface ApiRouterOptions {
  store: Store;
  domain: TrajectDomain;
}

/**
 * The revision the client last saw, from the body (`revision`) or an `If-Match` header (`"3"`, `W/"3"`, `3`).
 * Both given and different: a 422 rather than guessing which one is meant.
 */
function expectedRevision(req: Request, fromBody: number | undefined): number | undefined {
  const header = req.get('if-match');
  if (header === undefined || header.trim() === '*') return fromBody;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match) {
    throw new ValidationError('De If-Match-header is ongeldig: verwacht een revisie zoals "3".', [
      { path: 'If-Match', message: 'verwacht een revisie zoals "3"' },
    ]);
  }
  const revision = Number(match[1]);
  if (fromBody !== undefined && fromBody !== revision) {
    throw new ValidationError('revision in de inhoud en de If-Match-header verschillen.', [
      { path: 'revision', message: `verschilt van If-Match (${revision})` },
    ]);
  }
  return revision;
}

function updateOptions(req: Request, res: Response, revision: number | undefined): UpdateOptions {
  const principal = principalOf(res);
  const expected = expectedRevision(req, revision);
  return {
    actor: actorOf(principal),
    scope: principal.scope,
    ...(expected === undefined ? {} : { expectedRevision: expected }),
  };
}

function param(req: Request, name: string): string {
  const value = req.params[name];
  return typeof value === 'string' ? value : '';
}

function sendTraject(res: Response, traject: StoredTraject, status = 200): void {
  res.setHeader('ETag', `"${traject.revision}"`);
  res.status(status).json({ traject });
}

export function createApiRouter({ store, domain }: ApiRouterOptions): Router {
  const router = Router();
  router.use(requireToken(store.tokens));

  router.get('/trajects', async (_req, res) => {
    const principal = principalOf(res);
    // Summaries: the listing shows no parts, and loading every aggregate made it the slowest endpoint.
    const trajects = await store.trajects.summaries(principal.scope);
    res.json({
      trajects: trajects.map((traject) => ({
        id: traject.id,
        gemeenten: traject.gemeenten,
        kernvraag: traject.kernvraag,
        themes: traject.themes,
        templateKey: traject.templateKey,
        startDate: traject.startDate,
        status: traject.status,
        region: traject.region,
        revision: traject.revision,
        updatedAt: traject.updatedAt,
      })),
    });
  });

  router.post('/trajects', async (req, res) => {
    const principal = principalOf(res);
    if (principal.role !== 'vng') {
      sendProblem(res, 403, 'FORBIDDEN', 'Alleen het VNG-team kan trajecten aanmaken.');
      return;
    }
    const body = parseWith(createTrajectBodySchema, req.body, 'Het nieuwe traject');
    const traject = domain.createTraject(body);
    const stored = await store.trajects.create(traject, actorOf(principal));
    res.setHeader('Location', `/api/trajects/${encodeURIComponent(stored.id)}`);
    sendTraject(res, stored, 201);
  });

  router.get('/trajects/:id', async (req, res) => {
    const traject = await store.trajects.get(param(req, 'id'), principalOf(res).scope);
    res.setHeader('ETag', `"${traject.revision}"`);
    res.json({ traject, ...domain.describeTraject(traject, domain.today()) });
  });

  router.patch('/trajects/:id/phases/:phaseKey', async (req, res) => {
    const body = parseWith(phaseDatesBodySchema, req.body, 'De fasedatums');
    const { revision, ...change } = body;
    const id = param(req, 'id');
    const phaseKey = param(req, 'phaseKey');
    const options = updateOptions(req, res, revision);
    const current = await store.trajects.get(id, principalOf(res).scope);
    if (!current.phases.some((phase) => phase.key === phaseKey)) {
      throw new NotFoundError(`Het traject heeft geen fase "${phaseKey}".`);
    }
    sendTraject(res, await store.trajects.updatePhaseDates(id, phaseKey, change, options));
  });

  router.patch('/trajects/:id/status', async (req, res) => {
    const body = parseWith(statusBodySchema, req.body, 'De status');
    const id = param(req, 'id');
    sendTraject(res, await store.trajects.setStatus(id, body.status, updateOptions(req, res, body.revision)));
  });

  router.put('/trajects/:id/checklist/:itemId', async (req, res) => {
    const body = parseWith(checklistBodySchema, req.body, 'Het actiepunt');
    const id = param(req, 'id');
    const itemId = param(req, 'itemId');
    const options = updateOptions(req, res, body.revision);
    const current = await store.trajects.get(id, principalOf(res).scope);
    if (!domain.checklistItemIds(current).has(itemId)) {
      throw new NotFoundError(`Het traject heeft geen actiepunt "${itemId}".`);
    }
    const change = { itemId, done: body.done, ...(body.by === undefined ? {} : { by: body.by }) };
    sendTraject(res, await store.trajects.setChecklistItem(id, change, options));
  });

  router.post('/trajects/:id/hours', async (req, res) => {
    const { revision, ...entry } = parseWith(hoursBodySchema, req.body, 'De uren');
    const id = param(req, 'id');
    sendTraject(res, await store.trajects.logHours(id, entry, updateOptions(req, res, revision)), 201);
  });

  router.post('/trajects/:id/vit', async (req, res) => {
    const body = parseWith(vitBodySchema, req.body, 'De VIT-antwoorden');
    const id = param(req, 'id');
    const options = updateOptions(req, res, body.revision);
    // Look the traject up first: a gemeente must get the same 404 for another traject, before any scoring.
    await store.trajects.get(id, principalOf(res).scope);
    const scored = domain.scoreVit(body.answers);
    const submission = {
      bankId: scored.bankId,
      bankVersion: scored.bankVersion,
      answers: body.answers,
      submittedAt: new Date().toISOString(),
      ...(body.submittedBy === undefined ? {} : { submittedBy: body.submittedBy }),
    };
    const stored = await store.trajects.submitVit(id, submission, options);
    res.setHeader('ETag', `"${stored.revision}"`);
    res.status(201).json({ traject: stored, vit: scored.profile });
  });

  router.get('/trajects/:id/audit', async (req, res) => {
    const id = param(req, 'id');
    await store.trajects.get(id, principalOf(res).scope);
    const query = parseWith(auditQuerySchema, req.query, 'De zoekvraag');
    res.json({ entries: await store.audit.list({ trajectId: id, limit: query.limit }) });
  });

  return router;
}
