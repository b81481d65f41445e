import { parseWith, ValidationError } from '@visieleren/core';
import type { Store } from '@visieleren/store';
import { type Response, Router } from 'express';
import { createFormLink, sendFormLink } from '../admin/form-links.js';
import { createTeamsKoppelcode, DEFAULT_CODE_HOURS } from '../admin/koppelcodes.js';
import { addTrajectToProgramme, createCohort } from '../admin/programmes.js';
import { retryReminder } from '../admin/reminders.js';
import { buildPortfolioReport, reportCsv, reportXlsx } from '../admin/report.js';
import type { AdminServices } from '../admin/services.js';
import { changeTrajectStatus, statusReasons } from '../admin/traject-status.js';
import { EXAMPLE_TRAJECT_ID, exampleTraject } from './api-examples.js';
import { actorOf, principalOf, requireToken, vngOnly } from './auth.js';
import {
  formulierlinkBodySchema,
  formulierlinkResponseSchema,
  herinneringenQuerySchema,
  herinneringenResponseSchema,
  herinneringPogingBodySchema,
  herinneringPogingResponseSchema,
  koppelcodeBodySchema,
  koppelcodeResponseSchema,
  programmaAnswerSchema,
  programmaBodySchema,
  rapportageQuerySchema,
  rapportageResponseSchema,
  redenenResponseSchema,
  statusWijzigingBodySchema,
  taakPogingResponseSchema,
  takenQuerySchema,
  takenResponseSchema,
  tokenBodySchema,
  tokenCreatedResponseSchema,
  tokensResponseSchema,
} from './beheer-schemas.js';
import { trajectAnswerSchema } from './lifecycle-schemas.js';
import { defineOperation, serveOperation } from './openapi/operation.js';
import { pathParam } from './path-param.js';
import { sendProblem } from './problem.js';

/**
 * The VNG team's daily work as API operations (the console's forms post to the same functions, and the CLI
 * calls these routes while `serve` runs): Teams koppelcodes, form links, status with a reason, tokens,
 * reminders and jobs with a retry, cohorts, and the portfolio report. VNG team only.
 */

const TAG = 'Beheer (VNG-team)';
const VNG_ONLY = 'Alleen het VNG-team mag dit.';
const idParam = { id: { description: 'Het id van het traject.', example: EXAMPLE_TRAJECT_ID } };
const NOT_FOUND = 'Het traject bestaat niet.';

export const beheerOperations = {
  koppelcode: defineOperation({
    method: 'post',
    path: '/trajecten/{id}/koppelcodes',
    operationId: 'maakKoppelcode',
    tag: TAG,
    summary: 'Een eenmalige code om een Teams-kanaal te koppelen',
    description:
      'De gemeente typt in haar Teams-kanaal `@Visieleren koppel <code>`; daarna komen de herinneringen en ' +
      'kaarten van dit traject daar. Bewaard wordt alleen een hash van de code.',
    auth: 'bearer',
    pathParams: idParam,
    requestBody: {
      schema: koppelcodeBodySchema,
      description: 'Kanaal en geldigheid.',
      example: { kanaal: 'teams', uren: 72 },
    },
    responses: {
      201: {
        description: 'De code (alleen nu te zien).',
        schema: koppelcodeResponseSchema,
        example: {
          koppelcode: {
            code: 'K7P-4QX-9ZD',
            trajectId: EXAMPLE_TRAJECT_ID,
            gemeente: 'Voorbeeld aan Zee',
            expiresAt: '2027-02-11T10:00:00.000Z',
            instruction: '@Visieleren koppel K7P-4QX-9ZD',
          },
        },
      },
    },
    problems: { 403: VNG_ONLY, 404: NOT_FOUND },
  }),
  formulierlink: defineOperation({
    method: 'post',
    path: '/trajecten/{id}/formulierlinks',
    operationId: 'maakFormulierlink',
    tag: TAG,
    summary: 'Een ondertekende formulierlink (VIT, evaluatie, nazorg)',
    description:
      'Een link naar het formulier voor dit traject, op het openbare adres van de server ' +
      '(VISIELEREN_PUBLIC_URL), die na `dagen` verloopt. Met `email` verstuurt de server hem meteen ' +
      '(alleen als SMTP_URL is ingesteld).',
    auth: 'bearer',
    pathParams: idParam,
    requestBody: {
      schema: formulierlinkBodySchema,
      description: 'Welk formulier, voor wie en hoe lang.',
      example: { formulier: 'evaluatie', dagen: 30 },
    },
    responses: {
      201: {
        description: 'De link.',
        schema: formulierlinkResponseSchema,
        example: {
          link: {
            url: 'https://visieleren.example.nl/forms/v2.abc',
            formId: 'evaluatie',
            trajectId: EXAMPLE_TRAJECT_ID,
            expiresAt: '2027-03-10T10:00:00.000Z',
          },
          verstuurd: false,
        },
      },
    },
    problems: { 403: VNG_ONLY, 404: NOT_FOUND },
  }),
  statuswijziging: defineOperation({
    method: 'post',
    path: '/trajecten/{id}/statuswijzigingen',
    operationId: 'wijzigStatusMetReden',
    tag: TAG,
    summary: 'De status van een traject wijzigen, met een reden',
    description:
      'Zet de status en legt de reden vast in het auditlog. De statusmachine van de kern beslist welke stap ' +
      'kan (pauzeren, hervatten, tussentijds stoppen, afsluiten …) en of een reden verplicht is (bij stoppen en ' +
      'afsluiten). Een aanmelding accepteren of afwijzen gaat via het besluit.',
    auth: 'bearer',
    pathParams: idParam,
    requestBody: {
      schema: statusWijzigingBodySchema,
      description: 'De nieuwe status en waarom.',
      example: { status: 'tussentijds-gestopt', reden: 'Reorganisatie van het sociaal domein' },
    },
    responses: {
      201: {
        description: 'Het traject met de nieuwe status.',
        schema: trajectAnswerSchema,
        example: { traject: exampleTraject() },
      },
    },
    problems: {
      403: VNG_ONLY,
      404: NOT_FOUND,
      409: 'De meegestuurde revisie is verouderd, of deze statusovergang bestaat niet.',
    },
  }),
  redenen: defineOperation({
    method: 'get',
    path: '/trajecten/{id}/statusredenen',
    operationId: 'listStatusredenen',
    tag: TAG,
    summary: 'Waarom een traject stopte, pauzeerde, of werd geannuleerd of afgewezen',
    description: 'De redenen uit het auditlog, nieuwste eerst, met wie en wanneer.',
    auth: 'bearer',
    pathParams: idParam,
    responses: {
      200: {
        description: 'De redenen.',
        schema: redenenResponseSchema,
        example: {
          redenen: [
            {
              status: 'tussentijds-gestopt',
              reason: 'Reorganisatie',
              at: '2027-03-01T10:00:00Z',
              by: 'token:vng (t1)',
            },
          ],
        },
      },
    },
    problems: { 403: VNG_ONLY, 404: NOT_FOUND },
  }),
  tokens: defineOperation({
    method: 'get',
    path: '/tokens',
    operationId: 'listTokens',
    tag: TAG,
    summary: 'API-tokens',
    description: 'Alle tokens met rol, traject en label, ingetrokken tokens ook. Nooit het token zelf.',
    auth: 'bearer',
    responses: {
      200: {
        description: 'De tokens.',
        schema: tokensResponseSchema,
        example: {
          tokens: [{ id: 't1', role: 'vng', label: 'vng-team', createdAt: '2027-01-04T09:00:00Z' }],
        },
      },
    },
    problems: { 403: VNG_ONLY },
  }),
  tokenMaken: defineOperation({
    method: 'post',
    path: '/tokens',
    operationId: 'maakToken',
    tag: TAG,
    summary: 'Een API-token maken',
    description:
      'Een token voor het VNG-team of voor één gemeente (één traject). Het token staat alleen in dit antwoord.',
    auth: 'bearer',
    requestBody: {
      schema: tokenBodySchema,
      description: 'Rol, label en (voor een gemeente) het traject.',
      example: { rol: 'vng', label: 'Collega VNG-team' },
    },
    responses: {
      201: {
        description: 'Het token en zijn gegevens.',
        schema: tokenCreatedResponseSchema,
        example: {
          token: 'vl_voorbeeld',
          record: {
            id: 't2',
            role: 'gemeente',
            trajectId: EXAMPLE_TRAJECT_ID,
            label: 'Ede',
            createdAt: '2027-01-04T09:00:00Z',
          },
        },
      },
    },
    problems: { 403: VNG_ONLY, 404: NOT_FOUND },
  }),
  tokenIntrekken: defineOperation({
    method: 'delete',
    path: '/tokens/{tokenId}',
    operationId: 'trekTokenIn',
    tag: TAG,
    summary: 'Een API-token intrekken',
    description: 'Het token werkt meteen niet meer; sessies die ermee zijn geopend eindigen ook.',
    auth: 'bearer',
    pathParams: { tokenId: { description: 'Het id van het token.', example: 't2' } },
    responses: { 204: { description: 'Ingetrokken (of was het al).' } },
    problems: { 403: VNG_ONLY, 404: 'Het token bestaat niet.' },
  }),
  herinneringen: defineOperation({
    method: 'get',
    path: '/herinneringen',
    operationId: 'listHerinneringen',
    tag: TAG,
    summary: 'Herinneringen: verstuurd, mislukt, onzeker',
    description:
      'Elke herinnering per ontvanger en kanaal met status, pogingen en laatste fout. `ambiguous` (onzeker): ' +
      'de oproep liep af terwijl het platform hem misschien al had aangenomen.',
    auth: 'bearer',
    query: herinneringenQuerySchema,
    queryExample: { status: 'failed' },
    responses: {
      200: {
        description: 'De herinneringen, oudste eerst.',
        schema: herinneringenResponseSchema,
        example: { herinneringen: [] },
      },
    },
    problems: { 403: VNG_ONLY },
  }),
  herinneringOpnieuw: defineOperation({
    method: 'post',
    path: '/herinneringen/pogingen',
    operationId: 'probeerHerinneringOpnieuw',
    tag: TAG,
    summary: 'Een mislukte of onzekere herinnering opnieuw proberen',
    description:
      'Zet de herinnering terug in de wachtrij; de verzender pakt hem bij de volgende ronde op. Een onzekere ' +
      'herinnering kan dan twee keer aankomen: probeer die alleen als u weet dat hij niet aankwam.',
    auth: 'bearer',
    requestBody: {
      schema: herinneringPogingBodySchema,
      description: 'Welke herinnering (sleutel, kanaal, ontvanger).',
      example: { key: 'ede-2027|kick-off|2027-02-01', channel: 'webhook', recipient: 'webhook' },
    },
    responses: {
      200: {
        description: 'Of hij opnieuw in de wachtrij staat.',
        schema: herinneringPogingResponseSchema,
        example: { opnieuw: true },
      },
    },
    problems: {
      403: VNG_ONLY,
      404: 'Geen mislukte of onzekere herinnering met deze sleutel, dit kanaal en deze ontvanger.',
    },
  }),
  taken: defineOperation({
    method: 'get',
    path: '/taken',
    operationId: 'listTaken',
    tag: TAG,
    summary: 'Achtergrondtaken',
    description: 'Taken van de wachtrij (Slack, Notion, uitnodigingen) met status, pogingen en fout.',
    auth: 'bearer',
    query: takenQuerySchema,
    queryExample: { status: 'failed' },
    responses: {
      200: { description: 'De taken, nieuwste eerst.', schema: takenResponseSchema, example: { taken: [] } },
    },
    problems: { 403: VNG_ONLY, 503: 'De takenwachtrij draait niet in dit proces.' },
  }),
  taakOpnieuw: defineOperation({
    method: 'post',
    path: '/taken/{taakId}/pogingen',
    operationId: 'probeerTaakOpnieuw',
    tag: TAG,
    summary: 'Een mislukte taak opnieuw proberen',
    description: 'Zet een mislukte taak terug in de wachtrij.',
    auth: 'bearer',
    pathParams: {
      taakId: { description: 'Het id van de taak.', example: '0b9a4c8e-5d1f-4a3b-9c2e-7f6d5e4c3b2a' },
    },
    responses: {
      200: {
        description: 'Opnieuw in de wachtrij.',
        schema: taakPogingResponseSchema,
        example: { opnieuw: true },
      },
    },
    problems: {
      403: VNG_ONLY,
      404: 'Geen mislukte taak met dit id.',
      503: 'De takenwachtrij draait niet in dit proces.',
    },
  }),
  programmaMaken: defineOperation({
    method: 'post',
    path: '/programmas',
    operationId: 'maakProgramma',
    tag: TAG,
    summary: 'Een programma (cohort) maken',
    description: 'Een programma dat trajecten groepeert; lijnen en indicatoren komen later.',
    auth: 'bearer',
    requestBody: {
      schema: programmaBodySchema,
      description: 'Het programma.',
      example: { key: 'cohort-2027', name: 'Cohort 2027', description: 'De trajecten die in 2027 starten.' },
    },
    responses: {
      201: {
        description: 'Het programma.',
        schema: programmaAnswerSchema,
        example: { programma: { key: 'cohort-2027', name: 'Cohort 2027' } },
      },
    },
    problems: { 403: VNG_ONLY, 404: NOT_FOUND },
  }),
  programmaTraject: defineOperation({
    method: 'put',
    path: '/programmas/{programma}/trajecten/{id}',
    operationId: 'voegTrajectToeAanProgramma',
    tag: TAG,
    summary: 'Een traject aan een programma toevoegen',
    description: 'Voegt het traject toe (al aanwezig: niets verandert).',
    auth: 'bearer',
    pathParams: {
      programma: { description: 'De sleutel van het programma.', example: 'cohort-2027' },
      ...idParam,
    },
    responses: {
      200: {
        description: 'Het programma.',
        schema: programmaAnswerSchema,
        example: { programma: { key: 'cohort-2027', trajectIds: [EXAMPLE_TRAJECT_ID] } },
      },
    },
    problems: { 403: VNG_ONLY, 404: 'Het programma of het traject bestaat niet.' },
  }),
  rapportage: defineOperation({
    method: 'get',
    path: '/rapportages/portfolio',
    operationId: 'getPortfolioRapportage',
    tag: TAG,
    summary: 'De portfolio over alle trajecten',
    description:
      'Per traject: status, fase, uitloop, uren tegen de norm per rol, het VIT-profiel en de evaluaties. ' +
      '`formaat=csv` geeft CSV (puntkomma, UTF-8), `formaat=xlsx` een spreadsheet.',
    auth: 'bearer',
    query: rapportageQuerySchema,
    queryExample: { formaat: 'json' },
    responses: {
      200: {
        description: 'De rapportage.',
        schema: rapportageResponseSchema,
        example: { rapportage: { today: '2027-02-08', rows: [], byStatus: [] } },
      },
    },
    problems: { 403: VNG_ONLY },
  }),
};

/** The report in the format asked for (also used by the console's download links). */
export async function sendPortfolio(
  res: Response,
  store: Store,
  today: string,
  format: 'json' | 'csv' | 'xlsx',
  calendar?: Parameters<typeof buildPortfolioReport>[2],
): Promise<void> {
  const report = await buildPortfolioReport(store, today, calendar);
  const name = `visieleren-portfolio-${today}`;
  if (format === 'csv') {
    res.setHeader('Content-Disposition', `attachment; filename="${name}.csv"`);
    res.type('text/csv; charset=utf-8').send(reportCsv(report));
    return;
  }
  if (format === 'xlsx') {
    res.setHeader('Content-Disposition', `attachment; filename="${name}.xlsx"`);
    res
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .send(await reportXlsx(report));
    return;
  }
  res.json({ rapportage: report });
}

export function createBeheerRouter(context: {
  store: Store;
  today(): string;
  calendar?: Parameters<typeof buildPortfolioReport>[2];
  services?: AdminServices;
}): Router {
  const { store, services } = context;
  const router = Router();
  const op = beheerOperations;
  const auth = requireToken(store.tokens);
  const actor = (res: Response) => actorOf(principalOf(res));
  const jobsOr503 = (res: Response) => {
    const jobs = services?.jobs?.();
    if (!jobs) sendProblem(res, 503, 'NOT_READY', 'De takenwachtrij draait niet in dit proces.');
    return jobs;
  };
  // An app made without them (a test app, an embedding) answers like the job queue: not ready here, no 500.
  const servicesOr503 = (res: Response): AdminServices | undefined => {
    if (!services) sendProblem(res, 503, 'NOT_READY', 'Formulierlinks maken kan niet in dit proces.');
    return services;
  };

  serveOperation(router, op.koppelcode, auth, async (req, res) => {
    if (!vngOnly(res, VNG_ONLY)) return;
    const body = parseWith(koppelcodeBodySchema, req.body, 'De koppelcode');
    const koppelcode = await createTeamsKoppelcode(
      store,
      pathParam(req, 'id'),
      body.uren ?? DEFAULT_CODE_HOURS,
      actor(res),
    );
    res.status(201).json({ koppelcode });
  });

  serveOperation(router, op.formulierlink, auth, async (req, res) => {
    if (!vngOnly(res, VNG_ONLY)) return;
    const body = parseWith(formulierlinkBodySchema, req.body, 'De formulierlink');
    await store.trajects.get(pathParam(req, 'id'), { kind: 'all' });
    const available = servicesOr503(res);
    if (!available) return;
    const { formsSecret, publicUrl, mailer, now } = available;
    const mail = body.email ? mailer?.() : undefined;
    if (body.email && !mail) {
      throw new ValidationError('E-mail versturen kan niet: op deze server is SMTP_URL niet ingesteld.', [
        { path: 'email', message: 'SMTP_URL ontbreekt; kopieer de link' },
      ]);
    }
    const link = await createFormLink(
      store,
      {
        formId: body.formulier,
        trajectId: pathParam(req, 'id'),
        ...(body.persoon ? { subject: body.persoon } : body.email ? { subject: body.email } : {}),
        ...(body.dagen ? { days: body.dagen } : {}),
        ...(body.taal ? { lang: body.taal } : {}),
      },
      { formsSecret, publicUrl: publicUrl(), ...(now ? { now: now() } : {}) },
    );
    if (mail && body.email) {
      const traject = await store.trajects.get(link.trajectId, { kind: 'all' });
      await sendFormLink(mail, link, body.email, traject.gemeenten.map((g) => g.name).join(', '));
    }
    res.status(201).json({ link, verstuurd: Boolean(mail && body.email) });
  });

  serveOperation(router, op.statuswijziging, auth, async (req, res) => {
    if (!vngOnly(res, VNG_ONLY)) return;
    const body = parseWith(statusWijzigingBodySchema, req.body, 'De statuswijziging');
    const traject = await changeTrajectStatus(
      store,
      pathParam(req, 'id'),
      { status: body.status, ...(body.reden ? { reason: body.reden } : {}) },
      { actor: actor(res), ...(body.revision ? { expectedRevision: body.revision } : {}) },
    );
    res.setHeader('ETag', `"${traject.revision}"`);
    res.status(201).json({ traject });
  });

  serveOperation(router, op.redenen, auth, async (req, res) => {
    if (!vngOnly(res, VNG_ONLY)) return;
    const id = pathParam(req, 'id');
    await store.trajects.get(id, { kind: 'all' });
    res.json({ redenen: await statusReasons(store, id) });
  });

  serveOperation(router, op.tokens, auth, async (_req, res) => {
    if (!vngOnly(res, VNG_ONLY)) return;
    res.json({ tokens: await store.tokens.list({ includeRevoked: true }) });
  });

  serveOperation(router, op.tokenMaken, auth, async (req, res) => {
    if (!vngOnly(res, VNG_ONLY)) return;
    const body = parseWith(tokenBodySchema, req.body, 'Het token');
    if (body.trajectId) await store.trajects.get(body.trajectId, { kind: 'all' });
    const created = await store.tokens.create(
      { role: body.rol, label: body.label, ...(body.trajectId ? { trajectId: body.trajectId } : {}) },
      actor(res),
    );
    res.setHeader('Cache-Control', 'no-store');
    res.status(201).json(created);
  });

  serveOperation(router, op.tokenIntrekken, auth, async (req, res) => {
    if (!vngOnly(res, VNG_ONLY)) return;
    await store.tokens.revoke(pathParam(req, 'tokenId'), actor(res));
    res.status(204).end();
  });

  serveOperation(router, op.herinneringen, auth, async (req, res) => {
    if (!vngOnly(res, VNG_ONLY)) return;
    const query = parseWith(herinneringenQuerySchema, req.query, 'De zoekvraag');
    const herinneringen = await store.reminderOutbox.list({
      ...(query.status ? { state: query.status } : {}),
      ...(query.traject ? { trajectId: query.traject } : {}),
      limit: 1000,
    });
    res.json({ herinneringen });
  });

  serveOperation(router, op.herinneringOpnieuw, auth, async (req, res) => {
    if (!vngOnly(res, VNG_ONLY)) return;
    const ref = parseWith(herinneringPogingBodySchema, req.body, 'De herinnering');
    const opnieuw = await retryReminder(store, ref, actor(res));
    if (!opnieuw) {
      sendProblem(
        res,
        404,
        'NOT_FOUND',
        'Geen mislukte of onzekere herinnering met deze sleutel, dit kanaal en deze ontvanger.',
      );
      return;
    }
    res.json({ opnieuw });
  });

  serveOperation(router, op.taken, auth, async (req, res) => {
    if (!vngOnly(res, VNG_ONLY)) return;
    const query = parseWith(takenQuerySchema, req.query, 'De zoekvraag');
    const jobs = jobsOr503(res);
    if (!jobs) return;
    res.json({ taken: await jobs.list({ ...(query.status ? { state: query.status } : {}), limit: 200 }) });
  });

  serveOperation(router, op.taakOpnieuw, auth, async (req, res) => {
    if (!vngOnly(res, VNG_ONLY)) return;
    const jobs = jobsOr503(res);
    if (!jobs) return;
    if (!(await jobs.retry(pathParam(req, 'taakId')))) {
      sendProblem(res, 404, 'NOT_FOUND', 'Geen mislukte taak met dit id.');
      return;
    }
    res.json({ opnieuw: true });
  });

  serveOperation(router, op.programmaMaken, auth, async (req, res) => {
    if (!vngOnly(res, VNG_ONLY)) return;
    const body = parseWith(programmaBodySchema, req.body, 'Het programma');
    res.status(201).json({ programma: await createCohort(store, body, actor(res)) });
  });

  serveOperation(router, op.programmaTraject, auth, async (req, res) => {
    if (!vngOnly(res, VNG_ONLY)) return;
    const programma = await addTrajectToProgramme(
      store,
      pathParam(req, 'programma'),
      pathParam(req, 'id'),
      actor(res),
    );
    res.json({ programma });
  });

  serveOperation(router, op.rapportage, auth, async (req, res) => {
    if (!vngOnly(res, VNG_ONLY)) return;
    const query = parseWith(rapportageQuerySchema, req.query, 'De zoekvraag');
    await sendPortfolio(res, store, context.today(), query.formaat ?? 'json', context.calendar);
  });

  return router;
}
