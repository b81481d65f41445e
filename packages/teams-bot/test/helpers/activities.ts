import { randomUUID } from 'node:crypto';

/** Activity JSON as Teams sends it to a bot (scrubbed shapes of real payloads). */
export const BOT = { id: '28:00000000-0000-0000-0000-0000000000b0', name: 'Visieleren' };
export const TENANT = '00000000-0000-0000-0000-00000000000t';

export interface ConversationSpec {
  id: string;
  type?: 'channel' | 'groupChat' | 'personal';
  /** A channel's team (Teams' team id is its General channel's id), sent as `channelData.team`. */
  teamId?: string;
  /** The Teams client's locale of whoever acts (default nl-NL). */
  locale?: string;
}

export const USER = { id: '29:user-1', name: 'Anna de Vries', aadObjectId: 'aad-anna' };

function base(serviceUrl: string, conversation: ConversationSpec) {
  return {
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString(),
    locale: conversation.locale ?? 'nl-NL',
    from: USER,
    recipient: BOT,
    conversation: {
      id: conversation.id,
      conversationType: conversation.type ?? 'channel',
      tenantId: TENANT,
      isGroup: (conversation.type ?? 'channel') !== 'personal',
    },
    channelData: {
      tenant: { id: TENANT },
      ...(conversation.teamId ? { team: { id: conversation.teamId } } : {}),
    },
  };
}

export function installActivity(serviceUrl: string, conversation: ConversationSpec) {
  return { ...base(serviceUrl, conversation), type: 'conversationUpdate', membersAdded: [{ id: BOT.id }] };
}

export function removeActivity(serviceUrl: string, conversation: ConversationSpec) {
  return { ...base(serviceUrl, conversation), type: 'conversationUpdate', membersRemoved: [{ id: BOT.id }] };
}

export function messageActivity(serviceUrl: string, conversation: ConversationSpec, text: string) {
  return { ...base(serviceUrl, conversation), type: 'message', text: `<at>Visieleren</at> ${text}` };
}

export function submitActivity(
  serviceUrl: string,
  conversation: ConversationSpec,
  value: Record<string, unknown>,
) {
  return { ...base(serviceUrl, conversation), type: 'message', value, replyToId: 'card-1' };
}

export function executeActivity(
  serviceUrl: string,
  conversation: ConversationSpec,
  verb: string,
  data: Record<string, unknown>,
) {
  return {
    ...base(serviceUrl, conversation),
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: 'card-1',
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}
