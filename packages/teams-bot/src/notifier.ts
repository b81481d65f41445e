import {
  type AuditPort,
  amsterdamDate,
  type Clock,
  DeliveryOutcomeUnknownError,
  type Logger,
  type Notifier,
  type OutgoingReminder,
  type PlatformLinkPort,
  RateLimitError,
  RecipientGoneError,
  type TrajectRepositoryPort,
} from '@visieleren/core';
import type { BotConnection } from './bot-framework/adapter.js';
import { ConnectorHttpError, ConnectorNoAnswerError } from './bot-framework/errors.js';
import { cardAttachment, cardSizeBytes, MAX_CARD_BYTES } from './cards/elements.js';
import { reminderCard } from './cards/traject-cards.js';
import { findConversation, markInactive } from './conversations.js';
import { Pacer, SendAbortedError, TEAMS_PACING } from './pacing.js';
import { trajectView } from './traject-view.js';
import type { TellVngTeam } from './vng-notice.js';

export interface TeamsNotifierDependencies {
  connection: Pick<BotConnection, 'send'>;
  trajects: TrajectRepositoryPort;
  links: PlatformLinkPort;
  audit: AuditPort;
  clock: Clock;
  logger: Logger;
  /** Shared with every other send of this process; one is made when absent. */
  pacer?: Pacer;
  /** Tells the VNG team a linked conversation went out of reach (TEAMS_MELDINGEN_EMAIL). */
  tellVngTeam?: TellVngTeam;
}

/** Without a Retry-After header: back off exponentially from 2 s (Teams' advice), at most a minute. */
function fallbackRetryAfter(attempt: number): number {
  return Math.min(60_000, 2000 * 2 ** Math.max(0, attempt - 1));
}

/**
 * Phase reminders into linked Teams conversations as Adaptive Cards, through the outbox. Each send carries the
 * outbox's delivery key in `channelData`, so a duplicate is recognisable; Bot Framework offers no way to read
 * a conversation back, so there is no `confirm` and an ambiguous delivery stays visible rather than resent.
 */
export function createTeamsNotifier(deps: TeamsNotifierDependencies): Notifier {
  const pacer = deps.pacer ?? new Pacer(TEAMS_PACING);
  const log = deps.logger;

  async function recipientGone(address: string, trajectId: string, status: number): Promise<void> {
    const reason =
      status === 404
        ? 'Teams antwoordde 404: het gesprek bestaat niet meer'
        : `Teams antwoordde ${status}: bot verwijderd of geblokkeerd`;
    const marked = await markInactive(deps.links, address, reason);
    const link = marked?.link;
    if (marked?.changed) {
      await deps.tellVngTeam?.({
        trajectId,
        linkId: marked.link.record.id,
        revision: marked.link.record.revision,
        reason,
      });
    }
    await deps.audit.append({
      actor: 'teams',
      action: 'teams.conversation.inactive',
      trajectId,
      detail: { status, ...(link ? { linkId: link.record.id } : {}) },
    });
    // For the VNG team: the gemeente's channel no longer receives reminders until the bot is added again.
    log.warn('Teams-gesprek niet meer bereikbaar; koppeling op inactief gezet', {
      trajectId,
      status,
      ...(link ? { linkId: link.record.id } : {}),
    });
  }

  return {
    channel: 'teams',
    pacing: {
      perRecipientIntervalMs: TEAMS_PACING.perConversationMs,
      perChannelPerSecond: TEAMS_PACING.perTenantPerSecond,
    },
    async deliver(reminder: OutgoingReminder, signal: AbortSignal) {
      const { intent, recipient } = reminder;
      const conversation = await findConversation(deps.links, recipient.address);
      if (!conversation?.active || conversation.trajectId !== intent.trajectId) {
        // Never post one traject's reminder into a conversation linked to another (or to none).
        throw new RecipientGoneError('Dit Teams-gesprek is niet (meer) actief gekoppeld aan dit traject.');
      }
      const traject = await deps.trajects.get(intent.trajectId, {
        kind: 'traject',
        trajectId: intent.trajectId,
      });
      const view = trajectView(traject, amsterdamDate(deps.clock.now()));
      // The conversation's one language (set at install or by `taal`), as its welcome and replies.
      const lang = conversation.lang ?? 'nl';
      const content = reminderCard(view, intent, lang);
      if (cardSizeBytes(content) > MAX_CARD_BYTES) {
        throw new Error(`De herinneringskaart is te groot voor Teams (${cardSizeBytes(content)} bytes).`);
      }
      const tenant = conversation.tenantId ?? 'onbekende-tenant';
      // Aborted while waiting for a slot: nothing left, so the plain error is retried.
      await pacer.acquire(conversation.record.externalId, tenant, signal);
      try {
        const sent = await deps.connection.send(
          conversation.reference,
          {
            type: 'message',
            summary: intent.message[lang],
            attachments: [cardAttachment(content)],
            channelData: { visieleren: { deliveryKey: reminder.deliveryKey } },
          },
          { signal, beforeRequest: () => pacer.admit(tenant, signal) },
        );
        return sent.id ? { externalId: sent.id } : {};
      } catch (error) {
        if (error instanceof ConnectorHttpError) {
          // 403: the bot was removed or blocked; 404: the conversation (a deleted channel or chat) is gone.
          // Neither gets better by trying again.
          if (error.status === 403 || error.status === 404) {
            await recipientGone(conversation.record.externalId, intent.trajectId, error.status);
            throw new RecipientGoneError(
              error.status === 403
                ? 'Teams weigert dit gesprek (403): de bot is verwijderd of geblokkeerd.'
                : 'Teams kent dit gesprek niet meer (404): het kanaal of de chat is verwijderd.',
              { cause: error },
            );
          }
          if (error.status === 429) {
            const wait = error.retryAfterMs ?? fallbackRetryAfter(reminder.attempt);
            pacer.backOff(conversation.record.externalId, wait);
            throw new RateLimitError('Teams vraagt om later opnieuw te proberen (429).', wait);
          }
          throw new Error(`Teams antwoordde met HTTP ${error.status}; later opnieuw.`, { cause: error });
        }
        if (error instanceof SendAbortedError) throw error; // aborted before it left: retryable
        if (error instanceof ConnectorNoAnswerError || signal.aborted) {
          throw new DeliveryOutcomeUnknownError(
            'Teams gaf geen antwoord op tijd; de herinnering is misschien al aangekomen.',
            { cause: error },
          );
        }
        throw error;
      }
    },
  };
}
