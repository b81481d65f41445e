import {
  isLang,
  type Lang,
  type PlatformLinkPort,
  type PlatformLinkRecord,
  readLinkPayload,
} from '@visieleren/core';
import type { ConversationReferenceJson, InboundActivity } from './bot-framework/types.js';

/** The link kind core knows for a Teams conversation (payload: the ConversationReference). */
export const CONVERSATION_LINK = 'teams-conversation';

/**
 * A channel message in a thread has `19:…@thread.tacv2;messageid=…` as its conversation id; the channel is the
 * part before `;`. Links and proactive sends use the channel, so reminders start a new post, not a reply.
 */
export function conversationKey(conversationId: string): string {
  return conversationId.split(';')[0] ?? conversationId;
}

export function conversationType(activity: InboundActivity): 'channel' | 'groupChat' | 'personal' {
  const type = activity.conversation.conversationType;
  return type === 'channel' || type === 'groupChat' ? type : 'personal';
}

/**
 * The reference as stored: the channel (not the thread), without the activity it came from and without the
 * user who happened to write (a name and Entra id are personal data, and a send to a conversation needs neither).
 */
export function storedReference(reference: ConversationReferenceJson): ConversationReferenceJson {
  const { activityId: _activityId, user: _user, ...rest } = reference;
  return { ...rest, conversation: { ...rest.conversation, id: conversationKey(rest.conversation.id) } };
}

export interface ConversationLink {
  record: PlatformLinkRecord;
  reference: ConversationReferenceJson;
  active: boolean;
  trajectId?: string;
  tenantId?: string;
  conversationType?: 'channel' | 'groupChat' | 'personal';
  /** The team a channel belongs to (Teams' team id, which is its General channel's id). */
  teamId?: string;
  /** One language per conversation: set at install from the installer's locale, or by `taal`. */
  lang?: Lang;
}

export function readConversation(record: PlatformLinkRecord): ConversationLink {
  const payload = readLinkPayload(CONVERSATION_LINK, record.payload);
  return {
    record,
    reference: payload.reference as unknown as ConversationReferenceJson,
    active: payload.active,
    ...(record.trajectId ? { trajectId: record.trajectId } : {}),
    ...(payload.tenantId ? { tenantId: payload.tenantId } : {}),
    ...(payload.conversationType ? { conversationType: payload.conversationType } : {}),
    ...(typeof payload.teamId === 'string' ? { teamId: payload.teamId } : {}),
    ...(isLang(payload.lang) ? { lang: payload.lang } : {}),
  };
}

export async function findConversation(
  links: PlatformLinkPort,
  conversationId: string,
): Promise<ConversationLink | undefined> {
  const record = await links.find(CONVERSATION_LINK, conversationKey(conversationId));
  return record ? readConversation(record) : undefined;
}

function payloadFor(
  activity: InboundActivity,
  reference: ConversationReferenceJson,
): Record<string, unknown> {
  const tenantId =
    activity.conversation.tenantId ??
    ((activity.channelData?.tenant as { id?: string } | undefined)?.id || undefined);
  const teamId = teamOf(activity);
  return {
    reference: storedReference(reference),
    conversationType: conversationType(activity),
    ...(tenantId ? { tenantId } : {}),
    ...(teamId ? { teamId } : {}),
    active: true,
  };
}

/** The team of a channel activity (`channelData.team.id`), if any. */
export function teamOf(activity: Pick<InboundActivity, 'channelData'>): string | undefined {
  const team = activity.channelData?.team as { id?: unknown } | undefined;
  return typeof team?.id === 'string' && team.id ? conversationKey(team.id) : undefined;
}

/** What a new link keeps of the one it replaces: the conversation's language. */
async function keptFrom(links: PlatformLinkPort, externalId: string): Promise<Record<string, unknown>> {
  const existing = await findConversation(links, externalId);
  return existing?.lang ? { lang: existing.lang } : {};
}

/**
 * Stores (or refreshes) the conversation so reminders can reach it: on install, and on every message, since
 * Teams may move a conversation to another serviceUrl. Reactivates a link a 403 had closed.
 */
export async function rememberConversation(
  links: PlatformLinkPort,
  activity: InboundActivity,
  reference: ConversationReferenceJson,
  actor: string,
): Promise<ConversationLink> {
  const externalId = conversationKey(activity.conversation.id);
  const existing = await findConversation(links, externalId);
  const payload = payloadFor(activity, reference);
  if (!existing) {
    return readConversation(await links.link({ kind: CONVERSATION_LINK, externalId, payload }, actor));
  }
  if (existing.active && existing.reference.serviceUrl === reference.serviceUrl) return existing;
  const updated = await links.updatePayload(
    CONVERSATION_LINK,
    externalId,
    { ...existing.record.payload, ...payload },
    existing.record.revision,
  );
  // Someone wrote in between: their write is as fresh as ours.
  return updated ? readConversation(updated) : ((await findConversation(links, externalId)) ?? existing);
}

/** Ties the conversation to a traject (audited by the link port). */
export async function linkToTraject(
  links: PlatformLinkPort,
  activity: InboundActivity,
  reference: ConversationReferenceJson,
  trajectId: string,
  actor: string,
): Promise<ConversationLink> {
  const externalId = conversationKey(activity.conversation.id);
  const payload = { ...(await keptFrom(links, externalId)), ...payloadFor(activity, reference) };
  const record = await links.link({ kind: CONVERSATION_LINK, externalId, trajectId, payload }, actor);
  return readConversation(record);
}

/** Removes the traject from the conversation but keeps the conversation known (for a later `koppel`). */
export async function unlinkFromTraject(
  links: PlatformLinkPort,
  activity: InboundActivity,
  reference: ConversationReferenceJson,
  actor: string,
): Promise<void> {
  const externalId = conversationKey(activity.conversation.id);
  const kept = await keptFrom(links, externalId);
  await links.unlink(CONVERSATION_LINK, externalId, actor);
  await links.link(
    { kind: CONVERSATION_LINK, externalId, payload: { ...kept, ...payloadFor(activity, reference) } },
    actor,
  );
}

/** Compare-and-set on the payload, a few tries; undefined when the conversation is not known. */
async function updateConversation(
  links: PlatformLinkPort,
  externalId: string,
  change: (current: ConversationLink) => Record<string, unknown> | undefined,
): Promise<{ link: ConversationLink; changed: boolean } | undefined> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const current = await findConversation(links, externalId);
    if (!current) return undefined;
    const next = change(current);
    if (!next) return { link: current, changed: false };
    const updated = await links.updatePayload(
      CONVERSATION_LINK,
      externalId,
      { ...current.record.payload, ...next },
      current.record.revision,
    );
    if (updated) return { link: readConversation(updated), changed: true };
  }
  const settled = await findConversation(links, externalId);
  return settled ? { link: settled, changed: false } : undefined;
}

/** The language the bot speaks in this conversation from now on (welcome, replies and reminders). */
export async function setConversationLanguage(
  links: PlatformLinkPort,
  conversationId: string,
  lang: Lang,
): Promise<void> {
  await updateConversation(links, conversationKey(conversationId), (current) =>
    current.lang === lang ? undefined : { lang },
  );
}

/**
 * Every known conversation of a team: its channels (stored with `teamId`) and the team's General channel,
 * whose id is the team's.
 */
export async function conversationsOfTeam(
  links: PlatformLinkPort,
  teamId: string,
): Promise<ConversationLink[]> {
  const team = conversationKey(teamId);
  return (await links.listByKind(CONVERSATION_LINK))
    .map(readConversation)
    .filter((link) => link.teamId === team || link.record.externalId === team);
}

/**
 * After a 403 or the bot's removal: no more sends until the bot is installed or linked again. Compare-and-set, a
 * few tries. `changed` is true only for the write that took the link from active to inactive.
 */
export async function markInactive(
  links: PlatformLinkPort,
  externalId: string,
  reason: string,
): Promise<{ link: ConversationLink; changed: boolean } | undefined> {
  return updateConversation(links, externalId, (current) =>
    current.active ? { active: false, inactiveReason: reason } : undefined,
  );
}
