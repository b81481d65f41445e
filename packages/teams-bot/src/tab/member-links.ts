/**
 * Links to a traject page made for one member of one Teams conversation: the tab's after sign-in, and the
 * one "Traject bekijken" on a card hands the person who clicked. The signed link names who and where (its
 * subject, never readable in the link), so the page asks Teams again whether that person is still in that
 * conversation: someone removed from the team loses access within MEMBERSHIP_CACHE_MS, however long the link
 * itself would last.
 */

export interface ConversationMember {
  /** Entra object id. */
  objectId: string;
  /** The conversation as stored (channel id without `;messageid=`). */
  conversationId: string;
}

/** How long such a link works at most. */
export const MEMBER_PAGE_LINK_TTL_MS = 3600_000;
/** A confirmed membership is asked of Teams again after this long. */
export const MEMBERSHIP_CACHE_MS = 5 * 60_000;

const PREFIX = 'teams-lid';

export function memberSubject(member: ConversationMember): string {
  return `${PREFIX}|${member.objectId}|${member.conversationId}`;
}

export function readMemberSubject(subject: string): ConversationMember | undefined {
  const [prefix, objectId, ...rest] = subject.split('|');
  const conversationId = rest.join('|');
  if (prefix !== PREFIX || !objectId || !conversationId) return undefined;
  return { objectId, conversationId };
}
