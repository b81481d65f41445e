import {
  NotFoundError,
  parseWith,
  planStatusChange,
  type Template,
  type Traject,
  ValidationError,
} from '@visieleren/core';
import type { Store, StoredTraject, UpdateOptions } from '@visieleren/store';
import { type Request, type Response, Router } from 'express';
import {
  EXAMPLE_TRAJECT_ID,
  EXAMPLE_VIT_ANSWERS,
  exampleCreateBody,
  exampleSummary,
  exampleTraject,
  exampleVitProfile,
} from './api-examples.js';
import {
  auditQuerySchema,
  auditResponseSchema,
  type CreateTrajectBody,
  checklistBodySchema,
  createTrajectBodySchema,
  hoursBodySchema,
  phaseDatesBodySchema,
  statusBodySchema,
  trajectDetailResponseSchema,
  trajectListResponseSchema,
  trajectResponseSchema,
  vitBodySchema,
  vitResponseSchema,
} from './api-schemas.js';
import { API_BASE_PATH } from './api-version.js';
import { actorOf, principalOf, requireToken } from './auth.js';
import { defineOperation, serveOperation } from './openapi/operation.js';
import { pathParam } from './path-param.js';
import { sendProblem } from './problem.js';

/** What the API needs from core, passed in so routes stay thin and the server decides on "today". */
export interface TrajectDomain {
  /** Today in Europe/Amsterdam, `YYYY-MM-DD`. */
  today(): string;
  /** A new traject from a template (core `createTrajectFromTemplate`). */
  createTraject(input: CreateTrajectBody, template?: Template): Traject;
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

export interface TrajectenRouterOptions {
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

function sendTraject(res: Response, traject: StoredTraject, status = 200): void {
  res.setHeader('ETag', `"${traject.revision}"`);
  res.status(status).json({ traject });
}

const TAG = 'Trajecten';

const idParam = {
  id: { description: 'Het id van het traject.', example: EXAMPLE_TRAJECT_ID },
};
const trajectHeaders = { ETag: 'De revisie van het traject, als "3"; stuur hem terug als If-Match.' };
const trajectAnswer = (description: string) => ({
  description,
  schema: trajectResponseSchema,
  example: { traject: exampleTraject() },
  headers: trajectHeaders,
});
const NOT_FOUND = 'Het traject bestaat niet of valt buiten wat dit token mag zien (dezelfde 404).';
const CONFLICT = 'De meegestuurde revisie is verouderd: haal het traject opnieuw op.';

/** The traject endpoints as data: the router below serves them, the OpenAPI document describes them. */
export const trajectenOperations = {
  list: defineOperation({
    method: 'get',
    path: '/trajecten',
    operationId: 'listTrajecten',
    tag: TAG,
    summary: 'Alle trajecten',
    description:
      'Alle trajecten die dit token mag zien, zonder onderdelen (het VNG-team alle, een gemeente het eigen).',
    auth: 'bearer',
    responses: {
      200: {
        description: 'De trajecten.',
        schema: trajectListResponseSchema,
        example: { trajecten: [exampleSummary()] },
      },
    },
  }),
  create: defineOperation({
    method: 'post',
    path: '/trajecten',
    operationId: 'createTraject',
    tag: TAG,
    summary: 'Nieuw traject',
    description:
      'Maakt een traject uit een template, gepland op werkdagen (alleen het VNG-team). Zonder `id` maakt de ' +
      'server er een uit de gemeente en het startjaar.',
    auth: 'bearer',
    requestBody: {
      schema: createTrajectBodySchema,
      description: 'Het nieuwe traject.',
      example: exampleCreateBody,
    },
    responses: {
      201: {
        ...trajectAnswer('Het traject is opgeslagen.'),
        headers: { ...trajectHeaders, Location: 'Het adres van het nieuwe traject.' },
      },
    },
    problems: {
      403: 'Alleen het VNG-team kan trajecten aanmaken.',
      404: 'Het template bestaat niet.',
      409: 'Een traject met dit id bestaat al.',
    },
  }),
  get: defineOperation({
    method: 'get',
    path: '/trajecten/{id}',
    operationId: 'getTraject',
    tag: TAG,
    summary: 'Eén traject',
    description: 'Eén traject met de verwachte planning, het urenoverzicht en het VIT-profiel.',
    auth: 'bearer',
    pathParams: idParam,
    responses: {
      200: {
        description: 'Het traject.',
        schema: trajectDetailResponseSchema,
        example: { traject: exampleTraject(), forecast: null, hours: null, vit: null },
        headers: trajectHeaders,
      },
    },
    problems: { 404: NOT_FOUND },
  }),
  phase: defineOperation({
    method: 'patch',
    path: '/trajecten/{id}/fasen/{fase}',
    operationId: 'updateFase',
    tag: TAG,
    summary: 'Datums van een fase',
    description: 'Zet de geplande of werkelijke begin- en einddatum van een fase (minstens één).',
    auth: 'bearer',
    pathParams: { ...idParam, fase: { description: 'De sleutel van de fase.', example: 'luisteren' } },
    requestBody: {
      schema: phaseDatesBodySchema,
      description: 'De nieuwe datums.',
      example: { actualStart: '2027-02-01', revision: 1 },
    },
    responses: { 200: trajectAnswer('Het bijgewerkte traject.') },
    problems: { 404: `${NOT_FOUND} Of de fase bestaat niet.`, 409: CONFLICT },
  }),
  status: defineOperation({
    method: 'patch',
    path: '/trajecten/{id}/status',
    operationId: 'updateStatus',
    tag: TAG,
    summary: 'Status van een traject',
    description:
      'Zet de status van het traject volgens de statusovergangen: accepteren, afwijzen, pauzeren, hervatten, ' +
      'tussentijds stoppen en afsluiten doet alleen het VNG-team; afsluiten, stoppen en afwijzen vragen een ' +
      '`reden`. Een gemeente kan alleen haar eigen aanmelding intrekken (`geannuleerd`).',
    auth: 'bearer',
    pathParams: idParam,
    requestBody: {
      schema: statusBodySchema,
      description: 'De nieuwe status.',
      example: { status: 'lopend', revision: 1 },
    },
    responses: { 200: trajectAnswer('Het bijgewerkte traject.') },
    problems: {
      403: 'Deze stap is alleen voor het VNG-team.',
      404: NOT_FOUND,
      409: `${CONFLICT} Of deze statusovergang bestaat niet.`,
    },
  }),
  checklist: defineOperation({
    method: 'put',
    path: '/trajecten/{id}/checklist/{item}',
    operationId: 'setChecklistItem',
    tag: TAG,
    summary: 'Een actiepunt afvinken',
    description: 'Vinkt een actiepunt van de checklist af of zet het weer open.',
    auth: 'bearer',
    pathParams: {
      ...idParam,
      item: { description: 'Het id van het actiepunt in het template.', example: 'vit-invullen' },
    },
    requestBody: {
      schema: checklistBodySchema,
      description: 'Af of open, en door wie.',
      example: { done: true, by: 'contactpersoon Ede', revision: 1 },
    },
    responses: { 200: trajectAnswer('Het bijgewerkte traject.') },
    problems: { 404: `${NOT_FOUND} Of het actiepunt bestaat niet.`, 409: CONFLICT },
  }),
  hours: defineOperation({
    method: 'post',
    path: '/trajecten/{id}/uren',
    operationId: 'logUren',
    tag: TAG,
    summary: 'Uren vastleggen',
    description:
      'Legt gewerkte uren vast voor een rol op een dag; het urenoverzicht zet ze naast de afspraken.',
    auth: 'bearer',
    pathParams: idParam,
    requestBody: {
      schema: hoursBodySchema,
      description: 'De gewerkte uren.',
      example: {
        role: 'ambtelijk-contactpersoon',
        date: '2027-02-08',
        hours: 6,
        note: 'voorbereiding kick-off',
        revision: 1,
      },
    },
    responses: { 201: trajectAnswer('De uren zijn opgeslagen.') },
    problems: { 404: NOT_FOUND, 409: CONFLICT },
  }),
  vit: defineOperation({
    method: 'post',
    path: '/trajecten/{id}/vit',
    operationId: 'submitVit',
    tag: TAG,
    summary: 'VIT-antwoorden insturen',
    description:
      'Slaat antwoorden op het Verkenningsinstrument Toegang (voorlopige vragenset) op en geeft het profiel ' +
      'per uitgangspunt terug.',
    auth: 'bearer',
    pathParams: idParam,
    requestBody: {
      schema: vitBodySchema,
      description: 'Antwoorden per vraag-id.',
      example: { answers: EXAMPLE_VIT_ANSWERS, submittedBy: 'contactpersoon Ede' },
    },
    responses: {
      201: {
        description: 'De antwoorden zijn opgeslagen; `vit` is het profiel.',
        schema: vitResponseSchema,
        example: { traject: exampleTraject(), vit: exampleVitProfile() },
        headers: trajectHeaders,
      },
    },
    problems: { 404: NOT_FOUND, 409: CONFLICT },
  }),
  audit: defineOperation({
    method: 'get',
    path: '/trajecten/{id}/auditregels',
    operationId: 'listAuditregels',
    tag: TAG,
    summary: 'Het audit-log van een traject',
    description: 'Wie wat wanneer veranderde aan het traject, nieuwste eerst.',
    auth: 'bearer',
    pathParams: idParam,
    query: auditQuerySchema,
    queryExample: { limit: 20 },
    responses: {
      200: {
        description: 'De auditregels.',
        schema: auditResponseSchema,
        example: {
          auditregels: [
            {
              id: 1,
              at: '2027-01-04T09:00:00.000Z',
              actor: 'token:VNG (tok_1)',
              action: 'traject.create',
              trajectId: EXAMPLE_TRAJECT_ID,
              detail: {},
            },
          ],
        },
      },
    },
    problems: { 404: NOT_FOUND },
  }),
};

export function createTrajectenRouter({ store, domain }: TrajectenRouterOptions): Router {
  const router = Router();
  const op = trajectenOperations;
  const auth = requireToken(store.tokens);

  serveOperation(router, op.list, auth, async (_req, res) => {
    const principal = principalOf(res);
    // Summaries: the listing shows no parts, and loading every aggregate made it the slowest endpoint.
    const trajects = await store.trajects.summaries(principal.scope);
    res.json({
      trajecten: trajects.map((traject) => ({
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

  serveOperation(router, op.create, auth, async (req, res) => {
    const principal = principalOf(res);
    if (principal.role !== 'vng') {
      sendProblem(res, 403, 'FORBIDDEN', 'Alleen het VNG-team kan trajecten aanmaken.');
      return;
    }
    const body = parseWith(createTrajectBodySchema, req.body, 'Het nieuwe traject');
    const traject = domain.createTraject(body);
    const stored = await store.trajects.create(traject, actorOf(principal));
    res.setHeader('Location', `${API_BASE_PATH}/trajecten/${encodeURIComponent(stored.id)}`);
    sendTraject(res, stored, 201);
  });

  serveOperation(router, op.get, auth, async (req, res) => {
    const traject = await store.trajects.get(pathParam(req, 'id'), principalOf(res).scope);
    res.setHeader('ETag', `"${traject.revision}"`);
    res.json({ traject, ...domain.describeTraject(traject, domain.today()) });
  });

  serveOperation(router, op.phase, auth, async (req, res) => {
    const body = parseWith(phaseDatesBodySchema, req.body, 'De fasedatums');
    const { revision, ...change } = body;
    const id = pathParam(req, 'id');
    const phaseKey = pathParam(req, 'fase');
    const options = updateOptions(req, res, revision);
    const current = await store.trajects.get(id, principalOf(res).scope);
    if (!current.phases.some((phase) => phase.key === phaseKey)) {
      throw new NotFoundError(`Het traject heeft geen fase "${phaseKey}".`);
    }
    sendTraject(res, await store.trajects.updatePhaseDates(id, phaseKey, change, options));
  });

  serveOperation(router, op.status, auth, async (req, res) => {
    const body = parseWith(statusBodySchema, req.body, 'De status');
    const id = pathParam(req, 'id');
    const principal = principalOf(res);
    const current = await store.trajects.get(id, principal.scope);
    // Core's status machine decides: which step this is, whether this token may take it, and its reason.
    const change = planStatusChange({
      from: current.status,
      to: body.status,
      actor: principal.role,
      reason: body.reden,
    });
    if (!change.step) {
      sendTraject(res, current);
      return;
    }
    sendTraject(
      res,
      await store.trajects.setStatus(id, body.status, updateOptions(req, res, body.revision), change.reason),
    );
  });

  serveOperation(router, op.checklist, auth, async (req, res) => {
    const body = parseWith(checklistBodySchema, req.body, 'Het actiepunt');
    const id = pathParam(req, 'id');
    const itemId = pathParam(req, 'item');
    const options = updateOptions(req, res, body.revision);
    const current = await store.trajects.get(id, principalOf(res).scope);
    if (!domain.checklistItemIds(current).has(itemId)) {
      throw new NotFoundError(`Het traject heeft geen actiepunt "${itemId}".`);
    }
    const change = { itemId, done: body.done, ...(body.by === undefined ? {} : { by: body.by }) };
    sendTraject(res, await store.trajects.setChecklistItem(id, change, options));
  });

  serveOperation(router, op.hours, auth, async (req, res) => {
    const { revision, ...entry } = parseWith(hoursBodySchema, req.body, 'De uren');
    const id = pathParam(req, 'id');
    sendTraject(res, await store.trajects.logHours(id, entry, updateOptions(req, res, revision)), 201);
  });

  serveOperation(router, op.vit, auth, async (req, res) => {
    const body = parseWith(vitBodySchema, req.body, 'De VIT-antwoorden');
    const id = pathParam(req, 'id');
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

  serveOperation(router, op.audit, auth, async (req, res) => {
    const id = pathParam(req, 'id');
    await store.trajects.get(id, principalOf(res).scope);
    const query = parseWith(auditQuerySchema, req.query, 'De zoekvraag');
    res.json({ auditregels: await store.audit.list({ trajectId: id, limit: query.limit }) });
  });

  return router;
}
