import { classifySlackError } from './slack-errors.js';
import type { SlackClients } from './web-client.js';

/** How to fix a channel the app is not in, in the words a VNG team member types. */
export const INVITE_HINT = 'Typ in het kanaal `/invite @Visieleren` om de app toe te voegen.';

/**
 * Whether the bot is a member of a channel (conversations.info `is_member`). Direct messages and group DMs
 * need no membership (undefined: nothing to check). A private channel the bot cannot see answers
 * `channel_not_found`: not a member either.
 */
export async function botIsMember(clients: SlackClients, channelId: string): Promise<boolean | undefined> {
  if (!/^[CG]/.test(channelId)) return undefined;
  try {
    const info = await clients.api.conversations.info({ channel: channelId });
    return info.channel?.is_member === true;
  } catch (error) {
    const failure = classifySlackError(error);
    if (failure.kind === 'gone' && failure.code === 'channel_not_found') return false;
    throw error;
  }
}
