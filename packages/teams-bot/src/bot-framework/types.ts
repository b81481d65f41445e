/**
 * The Bot Framework Activity protocol as this plugin uses it: plain JSON, no SDK types, so the code that reads
 * and writes activities does not depend on the SDK (`@microsoft/agents-hosting`, behind ./adapter.ts).
 */

export interface ChannelAccountJson {
  id: string;
  name?: string;
  aadObjectId?: string;
  role?: string;
}

export interface ConversationJson {
  id: string;
  conversationType?: string;
  tenantId?: string;
  isGroup?: boolean;
  name?: string;
}

/** What a proactive send needs (Bot Framework ConversationReference). Stored in the `teams-conversation` link. */
export interface ConversationReferenceJson {
  activityId?: string;
  bot?: ChannelAccountJson;
  channelId: string;
  conversation: ConversationJson;
  serviceUrl: string;
  user?: ChannelAccountJson;
  locale?: string;
  [extra: string]: unknown;
}

export interface InboundActivity {
  type: string;
  id?: string;
  name?: string;
  text?: string;
  value?: unknown;
  channelId: string;
  serviceUrl: string;
  from?: ChannelAccountJson;
  recipient?: ChannelAccountJson;
  conversation: ConversationJson;
  membersAdded?: ChannelAccountJson[];
  membersRemoved?: ChannelAccountJson[];
  replyToId?: string;
  locale?: string;
  channelData?: Record<string, unknown>;
  [extra: string]: unknown;
}

export interface Attachment {
  contentType: string;
  content: unknown;
}

export interface OutboundActivity {
  type?: string;
  id?: string;
  text?: string;
  attachments?: Attachment[];
  channelData?: Record<string, unknown>;
  summary?: string;
}

/** The HTTP answer to an invoke activity (Universal Actions expect one). */
export interface InvokeResult {
  status: number;
  body?: unknown;
}

/** One inbound activity and the ways to answer it. */
export interface BotTurn {
  activity: InboundActivity;
  /** The conversation reference of this activity (for proactive sends later). */
  reference: ConversationReferenceJson;
  send(activity: OutboundActivity): Promise<{ id?: string }>;
  update(activity: OutboundActivity & { id: string }): Promise<void>;
}

export type TurnHandler = (turn: BotTurn) => Promise<InvokeResult | undefined>;
