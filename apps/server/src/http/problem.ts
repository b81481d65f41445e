import type { FieldIssue } from '@visieleren/core';
import type { Response } from 'express';
import { z } from 'zod';

/** RFC 9457 problem details: the one error shape of the API (`application/problem+json`). */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Dutch titles per status: the title stays the same for every occurrence of a problem type. */
const TITLES: Record<number, string> = {
  400: 'Ongeldig verzoek',
  401: 'Niet ingelogd',
  403: 'Geen toegang',
  404: 'Niet gevonden',
  406: 'Niet aanvaardbaar',
  409: 'Conflict',
  410: 'Verdwenen',
  413: 'Verzoek te groot',
  415: 'Mediatype niet ondersteund',
  421: 'Verkeerd adres',
  422: 'Ongeldige invoer',
  429: 'Te veel verzoeken',
  500: 'Interne fout',
  503: 'Niet beschikbaar',
};

export function problemTitle(status: number): string {
  return TITLES[status] ?? (status >= 500 ? 'Serverfout' : 'Fout in het verzoek');
}

/** `VALIDATION` → `urn:visieleren:probleem:validation`: a stable, absolute identifier per problem type. */
export function problemType(code: string): string {
  return `urn:visieleren:probleem:${code.toLowerCase().replace(/_/g, '-')}`;
}

/** What the document says a problem looks like; the same schema the tests validate answers with. */
export const invalidParamSchema = z
  .object({
    name: z
      .string()
      .describe('Het veld, als pad met punten (bijv. `gemeenten.0.name`); leeg voor de hele invoer.'),
    reason: z.string().describe('Wat er mis is, in het Nederlands.'),
  })
  .meta({ description: 'Een fout bij één veld.' });

export const problemSchema = z
  .object({
    type: z.string().describe('URI die het soort probleem aanduidt.'),
    title: z.string().describe('Korte Nederlandse samenvatting van het soort probleem.'),
    status: z.number().int().min(400).max(599).describe('De HTTP-statuscode.'),
    detail: z.string().describe('Uitleg voor deze keer, in het Nederlands.'),
    instance: z.string().describe('Het pad van het verzoek waar het probleem optrad.'),
    code: z.string().describe('Vaste code van het probleem, bijvoorbeeld `VALIDATION` of `CONFLICT`.'),
    requestId: z.string().describe('Het request-id (ook in de header `X-Request-Id`); noem het bij vragen.'),
    invalidParams: z
      .array(invalidParamSchema)
      .optional()
      .describe('De velden met een fout (alleen bij 422).'),
  })
  .meta({ description: 'Probleemdetails volgens RFC 9457, in het Nederlands.' });

export type Problem = z.infer<typeof problemSchema>;

/** The path of the request, without its query string (which may carry what does not belong in an answer). */
function instanceOf(res: Response): string {
  const url = res.req?.originalUrl ?? '';
  return url.split('?')[0] ?? '';
}

export function sendProblem(
  res: Response,
  status: number,
  code: string,
  message: string,
  fields?: FieldIssue[],
): void {
  const body: Problem = {
    type: problemType(code),
    title: problemTitle(status),
    status,
    detail: message,
    instance: instanceOf(res),
    code,
    requestId: String(res.locals.requestId ?? ''),
    ...(fields
      ? { invalidParams: fields.map((field) => ({ name: field.path, reason: field.message })) }
      : {}),
  };
  res.status(status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
}
