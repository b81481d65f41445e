import { moveSession, parseWith, planStatusChange, teamGaps } from '@visieleren/core';
import { lifecycleOf, type Store, type UpdateOptions } from '@visieleren/store';
import { type Response, Router } from 'express';
import { decideAanmelding } from '../lifecycle/aanmelding.js';
import {
  DEFAULT_LIFECYCLE_SETTINGS,
  type LifecycleDomain,
  lifecycleDossierView,
} from '../lifecycle/views.js';
import { EXAMPLE_TRAJECT_ID, exampleTraject } from './api-examples.js';
import type { AppDomain } from './app-domain.js';
import { actorOf, principalOf, requireToken, vngOnly } from './auth.js';
import {
  aanmeldingenResponseSchema,
  besluitBodySchema,
  dossierResponseSchema,
  extraSessieBodySchema,
  extraSessiesResponseSchema,
  kernvraagBodySchema,
  kernvragenResponseSchema,
  productBodySchema,
  productResponseSchema,
  sessieBodySchema,
  teamlidBodySchema,
  teamResponseSchema,
  trajectAnswerSchema,
} from './lifecycle-schemas.js';
import { defineOperation, serveOperation } from './openapi/operation.js';
import { pathParam } from './path-param.js';

const TAG = 'Aanmeldingen en dossier';
const idParam = { id: { description: 'Het id van het traject.', example: EXAMPLE_TRAJECT_ID } };
const NOT_FOUND = 'Het traject bestaat niet of valt buiten wat dit token mag zien (dezelfde 404).';
const VNG_ONLY = 'Alleen het VNG-team mag dit.';

/** The traject as the VNG runs it: aanmeldingen and their besluit, kernvragen, producten, team, sessies. */
export const lifecycleOperations = {
  aanmeldingen: defineOperation({
    method: 'get',
    path: '/aanmeldingen',
    operationId: 'listAanmeldingen',
    tag: TAG,
    summary: 'Aanmeldingen die op een besluit wachten',
    description:
      'Trajecten in status `aangemeld`, met wat de gemeente insturde (vraagstuk, contactpersoon, antwoorden). Alleen het VNG-team.',
    auth: 'bearer',
    responses: {
      200: {
        description: 'De aanmeldingen, oudste eerst.',
        schema: aanmeldingenResponseSchema,
        example: { aanmeldingen: [{ traject: exampleTraject(), intake: null }] },
      },
    },
    problems: { 403: VNG_ONLY },
  }),
  besluit: defineOperation({
    method: 'put',
    path: '/aanmeldingen/{id}/besluit',
    operationId: 'besluitAanmelding',
    tag: TAG,
    summary: 'Een aanmelding accepteren of afwijzen',
    description:
      'Accepteren plant het traject uit het template vanaf de startdatum (status `lopend`): de mensen die de ' +
      'aanmelding noemt (contactpersoon, wethouder, ondersteuning, professionals) worden deelnemers en de ' +
      'actiepunten die de aanmelding al beantwoordt worden afgevinkt. Afwijzen sluit de aanmelding met een ' +
      'reden (status `afgewezen`). Wat de gemeente insturde blijft bewaard.',
    auth: 'bearer',
    pathParams: idParam,
    requestBody: {
      schema: besluitBodySchema,
      description: 'Het besluit.',
      example: {
        besluit: 'accepteren',
        templateKey: 'visieleertraject',
        startDate: '2027-02-01',
        revision: 1,
      },
    },
    responses: {
      200: {
        description: 'Het traject na het besluit.',
        schema: trajectAnswerSchema,
        example: { traject: exampleTraject() },
        headers: { ETag: 'De revisie van het traject.' },
      },
    },
    problems: { 403: VNG_ONLY, 404: NOT_FOUND, 409: 'Het traject is niet (meer) aangemeld.' },
  }),
  dossier: defineOperation({
    method: 'get',
    path: '/trajecten/{id}/dossier',
    operationId: 'getDossier',
    tag: TAG,
    summary: 'Het dossier van een traject',
    description:
      'De aanmelding, de kernvragen (met datum en wie), antwoorden op evaluatie en nazorg, de producten ' +
      '(handelingsperspectief, advies, eindrapportage) met versies, het expertteam en wat ontbreekt, extra ' +
      'sessies en de nazorg.',
    auth: 'bearer',
    pathParams: idParam,
    responses: {
      200: {
        description: 'Het dossier.',
        schema: dossierResponseSchema,
        example: { dossier: { kernvragen: [], producten: [], team: [] } },
      },
    },
    problems: { 404: NOT_FOUND },
  }),
  kernvraag: defineOperation({
    method: 'post',
    path: '/trajecten/{id}/kernvragen',
    operationId: 'wijzigKernvraag',
    tag: TAG,
    summary: 'De kernvraag aanscherpen',
    description:
      'Legt een nieuwe kernvraag vast; het vraagstuk van de aanmelding en eerdere kernvragen blijven.',
    auth: 'bearer',
    pathParams: idParam,
    requestBody: {
      schema: kernvraagBodySchema,
      description: 'De aangescherpte kernvraag.',
      example: {
        kernvraag: 'Hoe geven we inwoners met meerdere vragen één aanspreekpunt?',
        toelichting: 'Kick-off',
      },
    },
    responses: {
      201: {
        description: 'De kernvraag is vastgelegd.',
        schema: kernvragenResponseSchema,
        example: { traject: exampleTraject(), kernvragen: [] },
        headers: { ETag: 'De revisie van het traject.' },
      },
    },
    problems: { 404: NOT_FOUND, 409: 'De meegestuurde revisie is verouderd.' },
  }),
  product: defineOperation({
    method: 'post',
    path: '/trajecten/{id}/producten',
    operationId: 'addProduct',
    tag: TAG,
    summary: 'Een versie van een product vastleggen',
    description:
      'Handelingsperspectief (ontwerpsessie), advies of beknopte eindrapportage (borgingssessie): tekst of ' +
      'link, met status concept, gepresenteerd of vastgesteld. Elke keer een nieuwe versie. Alleen het VNG-team.',
    auth: 'bearer',
    pathParams: idParam,
    requestBody: {
      schema: productBodySchema,
      description: 'De nieuwe versie.',
      example: { kind: 'advies', state: 'concept', url: 'https://vng.nl/advies-ede.pdf' },
    },
    responses: {
      201: {
        description: 'De versie is opgeslagen.',
        schema: productResponseSchema,
        example: { product: { kind: 'advies', version: 1, state: 'concept' } },
      },
    },
    problems: { 403: VNG_ONLY, 404: NOT_FOUND },
  }),
  teamlid: defineOperation({
    method: 'put',
    path: '/trajecten/{id}/teamleden/{lid}',
    operationId: 'zetTeamlid',
    tag: TAG,
    summary: 'Een lid van het expertteam',
    description:
      'Voegt een trajectleider, expert of moderator toe (of werkt hem bij), met expertise bestuurlijk, ' +
      'ambtelijk of uitvoerend. Het antwoord zegt welke expertise of perspectieven nog ontbreken. Alleen het VNG-team.',
    auth: 'bearer',
    pathParams: { ...idParam, lid: { description: 'Een id voor het teamlid.', example: 'expert-1' } },
    requestBody: {
      schema: teamlidBodySchema,
      description: 'Het teamlid.',
      example: { name: 'A. Expert', role: 'vng-expert', expertise: ['uitvoerend'] },
    },
    responses: {
      200: {
        description: 'Het team en wat ontbreekt.',
        schema: teamResponseSchema,
        example: { team: [], tekorten: {} },
      },
    },
    problems: { 403: VNG_ONLY, 404: NOT_FOUND },
  }),
  extraSessie: defineOperation({
    method: 'put',
    path: '/trajecten/{id}/extra-sessies/{sleutel}',
    operationId: 'zetExtraSessie',
    tag: TAG,
    summary: 'Een inwonerssessie, werkbezoek of nazorggesprek',
    description:
      'Plant een sessie naast die van het template (Rapportage Visieleren, VNG, april 2024, Tabel 1) of legt de datum vast.',
    auth: 'bearer',
    pathParams: {
      ...idParam,
      sleutel: { description: 'Een sleutel voor de sessie.', example: 'werkbezoek-1' },
    },
    requestBody: {
      schema: extraSessieBodySchema,
      description: 'De sessie.',
      example: { kind: 'werkbezoek', plannedDate: '2027-06-02' },
    },
    responses: {
      200: {
        description: 'De extra sessies van het traject.',
        schema: extraSessiesResponseSchema,
        example: { extraSessies: [{ key: 'werkbezoek-1', kind: 'werkbezoek', plannedDate: '2027-06-02' }] },
      },
    },
    problems: { 404: NOT_FOUND },
  }),
  sessie: defineOperation({
    method: 'put',
    path: '/trajecten/{id}/sessies/{sessie}',
    operationId: 'verplaatsSessie',
    tag: TAG,
    summary: 'Een sessie verplaatsen',
    description:
      'Zet een sessie op een andere dag (de eerstvolgende werkdag als het geen werkdag is). Later: wat volgt ' +
      'schuift evenveel werkdagen mee, feestdagen blijven vrij. Eerder: alleen deze sessie.',
    auth: 'bearer',
    pathParams: {
      ...idParam,
      sessie: { description: 'De sleutel van de sessie.', example: 'borgingssessie' },
    },
    requestBody: {
      schema: sessieBodySchema,
      description: 'De nieuwe datum.',
      example: { plannedDate: '2027-06-09' },
    },
    responses: {
      200: {
        description: 'Het traject met de nieuwe planning.',
        schema: trajectAnswerSchema,
        example: { traject: exampleTraject() },
        headers: { ETag: 'De revisie van het traject.' },
      },
    },
    problems: {
      404: `${NOT_FOUND} Of de sessie bestaat niet.`,
      409: 'De meegestuurde revisie is verouderd.',
    },
  }),
};

function options(res: Response, revision?: number): UpdateOptions {
  const principal = principalOf(res);
  return {
    actor: actorOf(principal),
    scope: principal.scope,
    ...(revision === undefined ? {} : { expectedRevision: revision }),
  };
}

export function createLifecycleRouter(context: {
  store: Store;
  domain: AppDomain & Partial<LifecycleDomain>;
}): Router {
  const { store, domain } = context;
  // The server's own settings (VISIELEREN_NAZORG_MAANDEN, its calendar), as its reminders use them.
  const settings = domain.lifecycleSettings?.() ?? DEFAULT_LIFECYCLE_SETTINGS;
  const router = Router();
  const op = lifecycleOperations;
  const auth = requireToken(store.tokens);
  const lifecycle = lifecycleOf(store);

  serveOperation(router, op.aanmeldingen, auth, async (_req, res) => {
    if (!vngOnly(res, VNG_ONLY)) return;
    const trajects = (await store.trajects.list({ kind: 'all' })).filter((t) => t.status === 'aangemeld');
    const aanmeldingen = await Promise.all(
      trajects.map(async (traject) => ({ traject, intake: (await lifecycle.getIntake(traject.id)) ?? null })),
    );
    res.json({ aanmeldingen });
  });

  serveOperation(router, op.besluit, auth, async (req, res) => {
    const body = parseWith(besluitBodySchema, req.body, 'Het besluit');
    const id = pathParam(req, 'id');
    const principal = principalOf(res);
    const current = await store.trajects.get(id, principal.scope);
    if (!vngOnly(res, VNG_ONLY)) return;
    // Core's status machine: only the VNG team decides, only on an aangemeld traject, declining with a reason.
    planStatusChange({
      from: current.status,
      to: body.besluit === 'accepteren' ? 'lopend' : 'afgewezen',
      actor: principal.role,
      reason: body.reden,
    });
    const traject = await decideAanmelding(
      store,
      id,
      body.besluit === 'accepteren'
        ? {
            besluit: 'accepteren',
            templateKey: body.templateKey ?? 'visieleertraject',
            startDate: body.startDate!,
            ...(body.region ? { region: body.region } : {}),
          }
        : { besluit: 'afwijzen', reden: body.reden ?? '' },
      options(res, body.revision),
    );
    res.setHeader('ETag', `"${traject.revision}"`);
    res.json({ traject });
  });

  serveOperation(router, op.dossier, auth, async (req, res) => {
    const principal = principalOf(res);
    const traject = await store.trajects.get(pathParam(req, 'id'), principal.scope);
    const dossier = await lifecycleDossierView(store, traject, domain.today(), {
      settings,
      withContact: principal.role === 'vng',
    });
    res.json({ dossier });
  });

  serveOperation(router, op.kernvraag, auth, async (req, res) => {
    const body = parseWith(kernvraagBodySchema, req.body, 'De kernvraag');
    const id = pathParam(req, 'id');
    await store.trajects.get(id, principalOf(res).scope);
    const traject = await lifecycle.changeKernvraag(id, body.kernvraag, {
      ...options(res, body.revision),
      ...(body.toelichting ? { note: body.toelichting } : {}),
    });
    res.setHeader('ETag', `"${traject.revision}"`);
    res.status(201).json({ traject, kernvragen: await lifecycle.kernvraagHistory(id) });
  });

  serveOperation(router, op.product, auth, async (req, res) => {
    const body = parseWith(productBodySchema, req.body, 'Het product');
    const id = pathParam(req, 'id');
    await store.trajects.get(id, principalOf(res).scope);
    if (!vngOnly(res, VNG_ONLY)) return;
    const product = await lifecycle.addDeliverable(id, body, actorOf(principalOf(res)));
    res.status(201).json({ product });
  });

  serveOperation(router, op.teamlid, auth, async (req, res) => {
    const body = parseWith(teamlidBodySchema, req.body, 'Het teamlid');
    const id = pathParam(req, 'id');
    const traject = await store.trajects.get(id, principalOf(res).scope);
    if (!vngOnly(res, VNG_ONLY)) return;
    const team = await lifecycle.upsertTeamMember(
      id,
      { ...body, id: pathParam(req, 'lid') },
      actorOf(principalOf(res)),
    );
    res.json({ team, tekorten: teamGaps(team, traject.participants) });
  });

  serveOperation(router, op.extraSessie, auth, async (req, res) => {
    const body = parseWith(extraSessieBodySchema, req.body, 'De sessie');
    const id = pathParam(req, 'id');
    await store.trajects.get(id, principalOf(res).scope);
    const extraSessies = await lifecycle.upsertExtraSession(
      id,
      { ...body, key: pathParam(req, 'sleutel') },
      actorOf(principalOf(res)),
    );
    res.json({ extraSessies });
  });

  serveOperation(router, op.sessie, auth, async (req, res) => {
    const body = parseWith(sessieBodySchema, req.body, 'De sessie');
    const id = pathParam(req, 'id');
    const current = await store.trajects.get(id, principalOf(res).scope);
    const move = moveSession(current, pathParam(req, 'sessie'), body.plannedDate, domain.calendar?.());
    const update = options(res, body.revision);
    let traject = await store.trajects.updateSessionDates(id, move.sessions, update);
    const { expectedRevision: _seen, ...rest } = update;
    for (const phase of move.phases) {
      const { key, ...dates } = phase;
      traject = await store.trajects.updatePhaseDates(id, key, dates, rest);
    }
    res.setHeader('ETag', `"${traject.revision}"`);
    res.json({ traject });
  });

  return router;
}
