import { NotFoundError, parseWith, searchLessons } from '@visieleren/core';
import { lifecycleOf, type Store } from '@visieleren/store';
import { Router } from 'express';
import { reviewLesson } from '../admin/lessons.js';
import {
  allLessons,
  allProgrammes,
  ensureStoredProgramme,
  findProgramme,
  programmeWithProgress,
} from '../lifecycle/views.js';
import { actorOf, principalOf, requireToken } from './auth.js';
import {
  beoordelingBodySchema,
  lesBodySchema,
  lesResponseSchema,
  lessenQuerySchema,
  lessenResponseSchema,
  metingBodySchema,
  metingenResponseSchema,
  programmaResponseSchema,
  programmasResponseSchema,
} from './lifecycle-schemas.js';
import { defineOperation, serveOperation } from './openapi/operation.js';
import { pathParam } from './path-param.js';
import { sendProblem } from './problem.js';
import type { TrajectDomain } from './trajecten-routes.js';

const EXAMPLE_LESSON = {
  id: 'rapportage-2-2-korte-lijntjes',
  theme: 'inwoner-centraal' as const,
  kind: 'werkzaam-element' as const,
  uitgangspunten: ['passend-en-samenhangend', 'handelingsruimte'],
  title: 'Korte lijntjes voor integraliteit',
  body: 'Korte lijntjes tussen professionals met verschillende specialismen zijn een belangrijke succesfactor.',
  shared: true,
  source: 'Rapportage Visieleren, VNG, april 2024, §2.2',
};

/** The lessons library (seed 001 step 7, seed 002 ch. 2-5) and the programmes (seed 003's shape). */
export const lessenOperations = {
  list: defineOperation({
    method: 'get',
    path: '/lessen',
    operationId: 'listLessen',
    tag: 'Lessen',
    summary: 'De bibliotheek van geleerde lessen',
    description:
      "De dilemma's en werkzame elementen uit de Rapportage Visieleren (VNG, april 2024, met bron) en de lessen van " +
      'trajecten. Een gemeente ziet de eigen lessen en de gedeelde. Zoek op thema, uitgangspunt, soort of tekst.',
    auth: 'bearer',
    query: lessenQuerySchema,
    queryExample: { thema: 'inwoner-centraal' },
    responses: {
      200: { description: 'De lessen.', schema: lessenResponseSchema, example: { lessen: [EXAMPLE_LESSON] } },
    },
  }),
  get: defineOperation({
    method: 'get',
    path: '/lessen/{les}',
    operationId: 'getLes',
    tag: 'Lessen',
    summary: 'Eén les',
    description: 'Eén les met thema, uitgangspunten, bron en of hij gedeeld mag worden.',
    auth: 'bearer',
    pathParams: { les: { description: 'Het id van de les.', example: EXAMPLE_LESSON.id } },
    responses: {
      200: { description: 'De les.', schema: lesResponseSchema, example: { les: EXAMPLE_LESSON } },
    },
    problems: { 404: 'De les bestaat niet of is niet gedeeld met dit token.' },
  }),
  add: defineOperation({
    method: 'post',
    path: '/lessen',
    operationId: 'addLes',
    tag: 'Lessen',
    summary: 'Een les vastleggen',
    description:
      'Een geleerde les, bij een traject of los. Een gemeente legt lessen vast bij het eigen traject; ' +
      '`shared` bepaalt of andere gemeenten hem zien, zodra het VNG-team hem heeft goedgekeurd ' +
      '(`approval` is dan `wacht`). Een les van het VNG-team is meteen goedgekeurd.',
    auth: 'bearer',
    requestBody: {
      schema: lesBodySchema,
      description: 'De les.',
      example: {
        theme: 'rust-en-regie',
        title: 'Eén aanspreekpunt werkt',
        body: 'Inwoners met meerdere vragen willen één vast aanspreekpunt.',
        uitgangspunten: ['regie-en-zeggenschap'],
        shared: true,
      },
    },
    responses: {
      201: {
        description: 'De les is opgeslagen.',
        schema: lesResponseSchema,
        example: { les: EXAMPLE_LESSON },
      },
    },
    problems: { 404: 'Het traject bestaat niet of valt buiten dit token.' },
  }),
  beoordeling: defineOperation({
    method: 'put',
    path: '/lessen/{les}/beoordeling',
    operationId: 'beoordeelLes',
    tag: 'Lessen',
    summary: 'Een les goedkeuren of afwijzen',
    description:
      'Het VNG-team keurt een les van een gemeente of uit het nazorgformulier goed (dan staat hij, als hij ' +
      'gedeeld mag worden, op de openbare pagina /lessen) of wijst hem af. Alleen het VNG-team.',
    auth: 'bearer',
    pathParams: { les: { description: 'Het id van de les.', example: EXAMPLE_LESSON.id } },
    requestBody: {
      schema: beoordelingBodySchema,
      description: 'De beoordeling.',
      example: { beoordeling: 'goedgekeurd' },
    },
    responses: {
      200: {
        description: 'De les na de beoordeling.',
        schema: lesResponseSchema,
        example: { les: EXAMPLE_LESSON },
      },
    },
    problems: {
      403: 'Alleen het VNG-team mag lessen beoordelen.',
      404: 'De les bestaat niet.',
      409: 'Een les uit de Rapportage Visieleren is altijd goedgekeurd.',
    },
  }),
  programmas: defineOperation({
    method: 'get',
    path: '/programmas',
    operationId: 'listProgrammas',
    tag: "Programma's",
    summary: "Programma's en hun voortgang",
    description:
      "Programma's groeperen trajecten en hebben eigen programmalijnen (doel, resultaten na 1 en 3 jaar, " +
      'actielijnen) en indicatoren met streefwaarde en metingen.',
    auth: 'bearer',
    responses: {
      200: {
        description: "De programma's.",
        schema: programmasResponseSchema,
        example: { programmas: [{ key: 'impuls-vakmanschap', name: 'Impuls Vakmanschap' }] },
      },
    },
  }),
  programma: defineOperation({
    method: 'get',
    path: '/programmas/{programma}',
    operationId: 'getProgramma',
    tag: "Programma's",
    summary: 'Eén programma met voortgang',
    description:
      'Het programma en zijn voortgang: trajecten per status, indicatoren met metingen over de tijd.',
    auth: 'bearer',
    pathParams: {
      programma: { description: 'De sleutel van het programma.', example: 'impuls-vakmanschap' },
    },
    responses: {
      200: {
        description: 'Het programma.',
        schema: programmaResponseSchema,
        example: { programma: { key: 'impuls-vakmanschap' }, voortgang: {} },
      },
    },
    problems: { 404: 'Het programma bestaat niet.' },
  }),
  meting: defineOperation({
    method: 'post',
    path: '/programmas/{programma}/metingen',
    operationId: 'addMeting',
    tag: "Programma's",
    summary: 'Een meting van een indicator',
    description: 'Legt de waarde van een indicator op een datum vast. Alleen het VNG-team.',
    auth: 'bearer',
    pathParams: {
      programma: { description: 'De sleutel van het programma.', example: 'impuls-vakmanschap' },
    },
    requestBody: {
      schema: metingBodySchema,
      description: 'De meting.',
      example: { indicatorId: 'werkwijzers', measuredOn: '2027-06-30', value: 3 },
    },
    responses: {
      201: {
        description: 'De metingen van het programma.',
        schema: metingenResponseSchema,
        example: { metingen: [{ indicatorId: 'werkwijzers', measuredOn: '2027-06-30', value: 3 }] },
      },
    },
    problems: { 403: 'Alleen het VNG-team mag metingen vastleggen.', 404: 'Het programma bestaat niet.' },
  }),
};

export function createLessenRouter(context: { store: Store; domain: TrajectDomain }): Router {
  const { store, domain } = context;
  const router = Router();
  const op = lessenOperations;
  const auth = requireToken(store.tokens);

  serveOperation(router, op.list, auth, async (req, res) => {
    const query = parseWith(lessenQuerySchema, req.query, 'De zoekvraag');
    const lessen = searchLessons(await allLessons(store), principalOf(res).scope, {
      ...(query.thema ? { theme: query.thema } : {}),
      ...(query.uitgangspunt ? { uitgangspunt: query.uitgangspunt } : {}),
      ...(query.soort ? { kind: query.soort } : {}),
      ...(query.tekst ? { text: query.tekst } : {}),
    });
    res.json({ lessen });
  });

  serveOperation(router, op.get, auth, async (req, res) => {
    const id = pathParam(req, 'les');
    const les = searchLessons(await allLessons(store), principalOf(res).scope).find((l) => l.id === id);
    if (!les) throw new NotFoundError(`Les ${JSON.stringify(id)} bestaat niet of is niet gedeeld.`);
    res.json({ les });
  });

  serveOperation(router, op.add, auth, async (req, res) => {
    const body = parseWith(lesBodySchema, req.body, 'De les');
    const principal = principalOf(res);
    // A gemeente writes lessons of its own traject only.
    const trajectId = principal.scope.kind === 'traject' ? principal.scope.trajectId : body.trajectId;
    if (trajectId) await store.trajects.get(trajectId, principal.scope);
    const les = await lifecycleOf(store).addLesson(
      {
        ...body,
        ...(trajectId ? { trajectId } : {}),
        approval: principal.role === 'vng' ? 'goedgekeurd' : 'wacht',
      },
      actorOf(principal),
    );
    res.status(201).json({ les });
  });

  serveOperation(router, op.beoordeling, auth, async (req, res) => {
    const body = parseWith(beoordelingBodySchema, req.body, 'De beoordeling');
    const principal = principalOf(res);
    if (principal.role !== 'vng') {
      sendProblem(res, 403, 'FORBIDDEN', 'Alleen het VNG-team mag lessen beoordelen.');
      return;
    }
    const les = await reviewLesson(store, pathParam(req, 'les'), body.beoordeling, actorOf(principal));
    res.json({ les });
  });

  serveOperation(router, op.programmas, auth, async (_req, res) => {
    const today = domain.today();
    const programmas = await Promise.all(
      (await allProgrammes(store)).map(async (programma) => ({
        ...programma,
        voortgang: await programmeWithProgress(store, programma, today),
      })),
    );
    res.json({ programmas });
  });

  serveOperation(router, op.programma, auth, async (req, res) => {
    const programma = await findProgramme(store, pathParam(req, 'programma'));
    res.json({ programma, voortgang: await programmeWithProgress(store, programma, domain.today()) });
  });

  serveOperation(router, op.meting, auth, async (req, res) => {
    const body = parseWith(metingBodySchema, req.body, 'De meting');
    const programma = await findProgramme(store, pathParam(req, 'programma'));
    const principal = principalOf(res);
    if (principal.role !== 'vng') {
      sendProblem(res, 403, 'FORBIDDEN', 'Alleen het VNG-team mag metingen vastleggen.');
      return;
    }
    await ensureStoredProgramme(store, programma, actorOf(principal));
    const metingen = await lifecycleOf(store).addMeasurement(
      programma.key,
      {
        indicatorId: body.indicatorId,
        measuredOn: body.measuredOn,
        value: body.value,
        ...(body.note ? { note: body.note } : {}),
      },
      actorOf(principal),
    );
    res.status(201).json({ metingen });
  });

  return router;
}
