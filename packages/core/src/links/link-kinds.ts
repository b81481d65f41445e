import { z } from 'zod';

/**
 * The kinds of platform link and the payload each carries. The store validates a payload of a known kind, so
 * a plugin reads back exactly what it wrote. Unknown kinds keep a free-form payload.
 */
export const linkPayloadSchemas = {
  /** A Teams conversation (channel, group chat or personal chat). externalId: the conversation id. */
  'teams-conversation': z
    .object({
      /** Bot Framework ConversationReference, as botbuilder gives it: what a proactive send needs. */
      reference: z.record(z.string(), z.unknown()),
      conversationType: z.enum(['channel', 'groupChat', 'personal']).optional(),
      tenantId: z.string().optional(),
      /** False after a 403 (bot removed or blocked): no more sends until linked again. */
      active: z.boolean().default(true),
      inactiveReason: z.string().max(500).optional(),
    })
    .passthrough(),
  /** The traject's Slack channel. externalId: the channel id. */
  'slack-channel': z.object({ teamId: z.string().optional(), name: z.string().optional() }).passthrough(),
  /** A person in the VNG's Slack workspace. externalId: the user id; participantKey: their e-mail. */
  'slack-user': z.object({ teamId: z.string().optional() }).passthrough(),
  /** A Notion page or data-source row for one of our entities. externalId: the Notion id. */
  'notion-page': z
    .object({
      /** `traject`, `fase`, `sessie`, `checklist`, `uren`, `vit`, `dossier`. */
      entity: z.string(),
      /** Our id of the entity (`<traject>:<phase>`…). */
      entityId: z.string(),
      /** Content hash of what was last written or read, so an unchanged entity costs no request. */
      hash: z.string().optional(),
      /** Notion's last_edited_time seen at the last sync. */
      lastEditedTime: z.string().optional(),
    })
    .passthrough(),
  /** The Notion workspace structure made by `notion init`. externalId: the parent page id. */
  'notion-workspace': z.object({ dataSources: z.record(z.string(), z.string()) }).passthrough(),
} as const;

export type KnownLinkKind = keyof typeof linkPayloadSchemas;
export type LinkPayload<K extends KnownLinkKind> = z.output<(typeof linkPayloadSchemas)[K]>;

export function isKnownLinkKind(kind: string): kind is KnownLinkKind {
  return Object.hasOwn(linkPayloadSchemas, kind);
}

/** Reads a stored payload as its kind's type (defaults applied). */
export function readLinkPayload<K extends KnownLinkKind>(kind: K, payload: unknown): LinkPayload<K> {
  return linkPayloadSchemas[kind].parse(payload) as LinkPayload<K>;
}

/** The key that ties a person to their links: the e-mail address, trimmed and lower-cased. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
