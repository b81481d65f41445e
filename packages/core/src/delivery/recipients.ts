import { normaliseEmail, readLinkPayload } from '../links/link-kinds.js';
import type { Participant } from '../model/traject.js';
import type { PlatformLinkRecord } from '../ports.js';
import type { ReminderIntent } from '../reminders/types.js';
import type { Channel, Recipient } from './types.js';

/** What recipient resolution needs to know of a traject. */
export interface RecipientSource {
  participants: readonly Participant[];
  /** The traject's links, and the person links (slack-user) of its participants. */
  links: readonly PlatformLinkRecord[];
}

/**
 * Who receives this reminder on this channel. The template's rule says which roles (`intent.audience`); the
 * traject's links say where they are. An empty list means "niet van toepassing": the traject has no place on
 * that channel, so nothing is tried and nothing is recorded as sent.
 *
 * - teams: every active conversation linked to the traject (the gemeente's channel or chat).
 * - slack: a DM to each participant in the audience who has a Slack user link; when none has, the traject's
 *   Slack channel.
 * - webhook: one endpoint, for every reminder.
 * - email: each participant in the audience with an e-mail address.
 */
export function resolveRecipients(
  intent: Pick<ReminderIntent, 'audience' | 'trajectId'>,
  source: RecipientSource,
  channel: Channel,
): Recipient[] {
  const audience = new Set(intent.audience);
  const addressed = source.participants.filter((participant) => audience.has(participant.role));
  switch (channel) {
    case 'webhook':
      return [{ channel, address: 'webhook', kind: 'endpoint' }];
    case 'teams':
      return source.links
        .filter((link) => link.kind === 'teams-conversation' && link.trajectId === intent.trajectId)
        .filter((link) => readLinkPayload('teams-conversation', link.payload).active)
        .map((link) => ({ channel, address: link.externalId, kind: 'conversation' as const }));
    case 'slack': {
      const slackUsers = new Map(
        source.links
          .filter((link) => link.kind === 'slack-user' && link.participantKey)
          .map((link) => [link.participantKey as string, link.externalId]),
      );
      const direct = unique(
        addressed.flatMap((participant) => {
          const userId = participant.email ? slackUsers.get(normaliseEmail(participant.email)) : undefined;
          return userId
            ? [{ channel, address: userId, kind: 'user' as const, participantId: participant.id }]
            : [];
        }),
      );
      if (direct.length > 0) return direct;
      return source.links
        .filter((link) => link.kind === 'slack-channel' && link.trajectId === intent.trajectId)
        .map((link) => ({ channel, address: link.externalId, kind: 'channel' as const }));
    }
    case 'email':
      return unique(
        addressed.flatMap((participant) =>
          participant.email
            ? [
                {
                  channel,
                  address: normaliseEmail(participant.email),
                  kind: 'mailbox' as const,
                  participantId: participant.id,
                },
              ]
            : [],
        ),
      );
  }
}

function unique(recipients: Recipient[]): Recipient[] {
  const seen = new Set<string>();
  return recipients.filter((recipient) => {
    if (seen.has(recipient.address)) return false;
    seen.add(recipient.address);
    return true;
  });
}
