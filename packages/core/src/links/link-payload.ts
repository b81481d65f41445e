import { ValidationError } from '../errors.js';
import { parseWith } from '../validation.js';
import { isKnownLinkKind, linkPayloadSchemas } from './link-kinds.js';

/**
 * The payload as it is stored: checked against its kind's schema (defaults applied) when core knows the
 * kind, as given otherwise. A bad payload is a Dutch ValidationError naming the field (`payload.reference`).
 */
export function validateLinkPayload(kind: string, payload: Record<string, unknown>): Record<string, unknown> {
  if (!isKnownLinkKind(kind)) return payload;
  try {
    return parseWith(linkPayloadSchemas[kind], payload, 'De koppeling') as Record<string, unknown>;
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const issues = error.issues.map((issue) => ({
      path: issue.path ? `payload.${issue.path}` : 'payload',
      message: issue.message,
    }));
    throw new ValidationError(
      [
        `De gegevens van de koppeling (${kind}) zijn ongeldig:`,
        ...issues.map((issue) => `  - ${issue.path}: ${issue.message}`),
      ].join('\n'),
      issues,
      { cause: error },
    );
  }
}
