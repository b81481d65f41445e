import { parseWith } from '@visieleren/core';
import type { Store } from '@visieleren/store';
import { LINK_CODE_PURPOSE as TEAMS_LINK_CODE_PURPOSE } from '@visieleren/teams-bot';
import { type Request, Router } from 'express';
import { z } from 'zod';
import { EXAMPLE_TRAJECT_ID } from './api-examples.js';
import { actorOf, principalOf, requireToken } from './auth.js';
import { defineOperation, serveOperation } from './openapi/operation.js';
import { sendProblem } from './problem.js';

/** As `visieleren teams code`: long enough to pass on by phone or mail, short enough to leak little. */
const DEFAULT_HOURS = 72;
const MAX_HOURS = 24 * 14;

/** The platforms whose channels link to a traject with a one-time code, and how the gemeente uses it there. */
const PLATFORMS = {
  teams: {
    purpose: TEAMS_LINK_CODE_PURPOSE,
    instruction: (code: string) => `Typ in het Teams-kanaal van de gemeente: @Visieleren koppel ${code}`,
  },
} as const;

export const koppelcodeBodySchema = z
  .object({
    platform: z
      .enum(Object.keys(PLATFORMS) as [keyof typeof PLATFORMS])
      .describe('Het platform waarvan een kanaal aan het traject wordt gekoppeld.'),
    uren: z
      .number()
      .int()
      .min(1)
      .max(MAX_HOURS)
      .default(DEFAULT_HOURS)
      .describe(`Hoe lang de code geldig is, in uren (standaard ${DEFAULT_HOURS}).`),
  })
  .strict();

export const koppelcodeResponseSchema = z.object({
  koppelcode: z.object({
    code: z.string().describe('De eenmalige code; alleen nu zichtbaar, bewaard wordt alleen een hash.'),
    trajectId: z.string(),
    platform: z.string(),
    verlooptOp: z.string().describe('Tot wanneer de code werkt (ISO 8601).'),
    instructie: z.string().describe('Wat de gemeente in haar kanaal typt.'),
  }),
});

const EXAMPLE_CODE = 'K7PX2MRA';

export const koppelcodesOperations = {
  create: defineOperation({
    method: 'post',
    path: '/trajecten/{id}/koppelcodes',
    operationId: 'createKoppelcode',
    tag: 'Trajecten',
    summary: 'Een eenmalige koppelcode maken',
    description:
      'Een code waarmee een gemeente haar Teams-kanaal aan dit traject koppelt (zoals `visieleren teams code`). ' +
      'De code werkt één keer en verloopt; alleen het VNG-team maakt codes.',
    auth: 'bearer',
    pathParams: { id: { description: 'Het id van het traject.', example: EXAMPLE_TRAJECT_ID } },
    requestBody: {
      schema: koppelcodeBodySchema,
      description: 'Het platform en hoe lang de code geldig is.',
      example: { platform: 'teams', uren: 72 },
    },
    responses: {
      201: {
        description: 'De code, één keer getoond.',
        schema: koppelcodeResponseSchema,
        example: {
          koppelcode: {
            code: EXAMPLE_CODE,
            trajectId: EXAMPLE_TRAJECT_ID,
            platform: 'teams',
            verlooptOp: '2027-01-14T09:00:00.000Z',
            instructie: `Typ in het Teams-kanaal van de gemeente: @Visieleren koppel ${EXAMPLE_CODE}`,
          },
        },
      },
    },
    problems: { 403: 'Alleen het VNG-team maakt koppelcodes.', 404: 'Het traject bestaat niet.' },
  }),
};

function param(req: Request, name: string): string {
  return String(req.params[name] ?? '');
}

/** Teams (and later Slack) koppelcodes over the API: the console and scripts make them without the CLI. */
export function createKoppelcodesRouter(context: { store: Store }): Router {
  const { store } = context;
  const router = Router();
  const auth = requireToken(store.tokens);

  serveOperation(router, koppelcodesOperations.create, auth, async (req, res) => {
    const principal = principalOf(res);
    if (principal.role !== 'vng') {
      sendProblem(res, 403, 'FORBIDDEN', 'Alleen het VNG-team maakt koppelcodes.');
      return;
    }
    const body = parseWith(koppelcodeBodySchema, req.body ?? {}, 'De koppelcode');
    const traject = await store.trajects.get(param(req, 'id'), principal.scope);
    const platform = PLATFORMS[body.platform];
    const record = await store.linkCodes.create(
      { trajectId: traject.id, purpose: platform.purpose, ttlMs: body.uren * 3_600_000 },
      actorOf(principal),
    );
    res.setHeader('Cache-Control', 'no-store');
    res.status(201).json({
      koppelcode: {
        code: record.code,
        trajectId: traject.id,
        platform: body.platform,
        verlooptOp: record.expiresAt,
        instructie: platform.instruction(record.code),
      },
    });
  });
  return router;
}
