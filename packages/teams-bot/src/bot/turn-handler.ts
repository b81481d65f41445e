import { randomUUID } from 'node:crypto';
import {
  type AanmeldingPort,
  type AuditPort,
  amsterdamDate,
  type Clock,
  defaultVitBank,
  isIsoDate,
  type Lang,
  type LinkCodePort,
  type Logger,
  type PlatformLinkPort,
  roleSchema,
  type TrajectRecord,
  type TrajectRepositoryPort,
  VisielerenError,
} from '@visieleren/core';
import { adaptiveCardFormRef, FORM_SUBMIT_VERB, parseSubmission, toVitAnswers } from '@visieleren/forms';
import type { BotTurn, InboundActivity, InvokeResult, TurnHandler } from '../bot-framework/types.js';
import {
  aanmeldingFormCard,
  aanmeldingFormDefinition,
  aanmeldingReceivedCard,
} from '../cards/aanmelding-card.js';
import {
  badCodeCard,
  helpCard,
  linkedCard,
  notLinkedToThisCard,
  problemCard,
  unlinkDoneCard,
  unlinkedCard,
  welcomeCard,
} from '../cards/conversation-cards.js';
import { CARD_CONTENT_TYPE, type CardView, cardAttachment, type Json, VERBS } from '../cards/elements.js';
import { checklistCard, hoursCard, planCard, statusCard, vitSummaryCard } from '../cards/traject-cards.js';
import { vitFormCard, vitFormDefinition } from '../cards/vit-card.js';
import {
  type ConversationLink,
  conversationKey,
  findConversation,
  linkToTraject,
  markInactive,
  rememberConversation,
  unlinkFromTraject,
} from '../conversations.js';
import { trajectView } from '../traject-view.js';
import type { TellVngTeam } from '../vng-notice.js';
import { oncePerCard } from './once-per-card.js';

/** What the bot needs of the server: ports, a clock, a logger and the tab's signed links. */
export interface BotDependencies {
  trajects: TrajectRepositoryPort;
  links: PlatformLinkPort;
  linkCodes: LinkCodePort;
  audit: AuditPort;
  clock: Clock;
  logger: Logger;
  /** The traject page for whoever is in the linked conversation; undefined when links cannot be signed. */
  trajectPageUrl?(trajectId: string): string | undefined;
  /** Tells the VNG team a linked conversation went out of reach (TEAMS_MELDINGEN_EMAIL). */
  tellVngTeam?: TellVngTeam;
  /** Aanmeldingen from the card become trajects in status `aangemeld`. */
  aanmeldingen: AanmeldingPort;
}

/** One-time codes for Teams are made with this purpose (`visieleren teams code`). */
export const LINK_CODE_PURPOSE = 'teams';

const COMMANDS = new Set(['help', 'status', 'checklist', 'uren', 'planning', 'vit']);

export function langOf(activity: Pick<InboundActivity, 'locale'>): Lang {
  return activity.locale?.toLowerCase().startsWith('en') ? 'en' : 'nl';
}

/** Who did it, for the audit trail: the Entra object id when Teams gives one, else the channel account id. */
export function actorOf(activity: InboundActivity): string {
  return `teams:${activity.from?.aadObjectId ?? activity.from?.id ?? 'onbekend'}`;
}

/** A Teams message as the words typed: mentions (`<at>Visieleren</at>`) and markup removed. */
export function commandText(text: string | undefined): string {
  return (text ?? '')
    .replace(/<at>.*?<\/at>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .trim();
}

interface CardAction {
  verb: string;
  data: Record<string, unknown>;
  /** What parseSubmission takes for a form card: the invoke value or the submitted data. */
  payload: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function cardActionOf(activity: InboundActivity): CardAction | undefined {
  if (activity.type === 'invoke' && activity.name === 'adaptiveCard/action' && isRecord(activity.value)) {
    const action = activity.value.action;
    if (isRecord(action) && typeof action.verb === 'string') {
      return { verb: action.verb, data: isRecord(action.data) ? action.data : {}, payload: activity.value };
    }
  }
  if (activity.type === 'message' && isRecord(activity.value) && typeof activity.value.verb === 'string') {
    return { verb: activity.value.verb, data: activity.value, payload: activity.value };
  }
  return undefined;
}

function cardInvokeResult(card: Json): InvokeResult {
  return { status: 200, body: { statusCode: 200, type: CARD_CONTENT_TYPE, value: card } };
}

export function createTurnHandler(deps: BotDependencies): TurnHandler {
  const today = () => amsterdamDate(deps.clock.now());
  const submittedCards = oncePerCard<{ name: string }>({ ttlMs: 24 * 3600_000, maxEntries: 1000 });
  const reply = (turn: BotTurn, card: Json) =>
    turn.send({ type: 'message', attachments: [cardAttachment(card)] });

  async function linkedTraject(
    conversation: ConversationLink | undefined,
  ): Promise<TrajectRecord | undefined> {
    if (!conversation?.trajectId || !conversation.active) return undefined;
    try {
      return await deps.trajects.get(conversation.trajectId, {
        kind: 'traject',
        trajectId: conversation.trajectId,
      });
    } catch (error) {
      if (error instanceof VisielerenError && error.code === 'NOT_FOUND') return undefined;
      throw error;
    }
  }

  async function viewCard(view: CardView, traject: TrajectRecord, lang: Lang): Promise<Json> {
    const model = trajectView(traject, today());
    switch (view) {
      case 'status':
        return statusCard(model, lang, deps.trajectPageUrl?.(traject.id));
      case 'checklist':
        return checklistCard(model, lang);
      case 'uren':
        return hoursCard(model, lang);
      case 'planning':
        return planCard(model, lang);
      case 'vit':
        return vitSummaryCard(model, lang);
      case 'help':
        return helpCard(lang, { trajectId: traject.id, name: model.overview.name });
    }
  }

  async function onMessage(turn: BotTurn): Promise<void> {
    const { activity } = turn;
    const lang = langOf(activity);
    const actor = actorOf(activity);
    const conversation = await rememberConversation(deps.links, activity, turn.reference, actor);
    const words = commandText(activity.text).split(/\s+/).filter(Boolean);
    const command = (words[0] ?? '').toLowerCase();

    if (command === 'koppel') {
      const code = words.slice(1).join('');
      if (!code) return void (await reply(turn, badCodeCard(lang, true)));
      const redeemed = await deps.linkCodes.redeem(code, LINK_CODE_PURPOSE, actor);
      if (!redeemed) return void (await reply(turn, badCodeCard(lang, false)));
      const traject = await deps.trajects.get(redeemed.trajectId, {
        kind: 'traject',
        trajectId: redeemed.trajectId,
      });
      await linkToTraject(deps.links, activity, turn.reference, traject.id, actor);
      const model = trajectView(traject, today());
      await reply(turn, linkedCard(lang, model.overview.name));
      return;
    }
    if (command === 'aanmelden') {
      // Also (especially) before any link: this is how a gemeente starts.
      await reply(turn, aanmeldingFormCard(lang, randomUUID()));
      return;
    }
    if (command === 'ontkoppel') {
      if (conversation.trajectId) await unlinkFromTraject(deps.links, activity, turn.reference, actor);
      await reply(turn, unlinkDoneCard(lang));
      return;
    }
    const traject = await linkedTraject(conversation);
    if (!traject) {
      await reply(turn, command === 'help' || command === '' ? helpCard(lang) : unlinkedCard(lang));
      return;
    }
    const view: CardView = COMMANDS.has(command) ? (command as CardView) : 'help';
    await reply(turn, await viewCard(view, traject, lang));
  }

  /** Runs a card action after checking the conversation is linked to the card's traject. */
  async function onCardAction(turn: BotTurn, action: CardAction): Promise<Json> {
    const { activity } = turn;
    const lang = langOf(activity);
    const actor = actorOf(activity);
    if (action.verb === FORM_SUBMIT_VERB && adaptiveCardFormRef(action.payload)?.id === 'aanmelding') {
      return submitAanmelding(action.payload, action.data.cardId, lang, actor);
    }
    const conversation = await findConversation(deps.links, activity.conversation.id);
    const traject = await linkedTraject(conversation);
    if (!traject || typeof action.data.trajectId !== 'string' || action.data.trajectId !== traject.id) {
      return notLinkedToThisCard(lang);
    }
    const scope = { kind: 'traject' as const, trajectId: traject.id };
    const who = activity.from?.name?.trim() || actor;
    try {
      switch (action.verb) {
        case VERBS.show: {
          const view = action.data.view;
          const known: CardView[] = ['status', 'checklist', 'uren', 'planning', 'vit', 'help'];
          return viewCard(known.includes(view as CardView) ? (view as CardView) : 'help', traject, lang);
        }
        case VERBS.checklistToggle: {
          const { itemId, done } = action.data;
          const known = trajectView(traject, today()).template?.phases.some((phase) =>
            phase.checklist.some((item) => item.id === itemId),
          );
          if (typeof itemId !== 'string' || !known) {
            return problemCard(lang, lang === 'nl' ? 'Onbekend checklistpunt.' : 'Unknown checklist item.');
          }
          const updated = await deps.trajects.setChecklistItem(
            traject.id,
            { itemId, done: done === true || done === 'true', by: who, at: deps.clock.now().toISOString() },
            { actor, scope },
          );
          return checklistCard(trajectView(updated, today()), lang);
        }
        case VERBS.hoursLog:
          return logHours(traject, action.data, lang, actor);
        case VERBS.vitForm:
          return vitFormCard(traject.id, lang);
        case FORM_SUBMIT_VERB:
          return submitVit(traject, action.payload, lang, actor);
        default:
          return helpCard(lang, { trajectId: traject.id, name: trajectView(traject, today()).overview.name });
      }
    } catch (error) {
      if (error instanceof VisielerenError && (error.code === 'VALIDATION' || error.code === 'NOT_FOUND')) {
        return problemCard(lang, error.message);
      }
      throw error;
    }
  }

  async function logHours(
    traject: TrajectRecord,
    data: Record<string, unknown>,
    lang: Lang,
    actor: string,
  ): Promise<Json> {
    const role = roleSchema.safeParse(data.role);
    const hours = Number(String(data.hours ?? '').replace(',', '.'));
    const date = typeof data.date === 'string' ? data.date : '';
    const note =
      typeof data.note === 'string' && data.note.trim() ? data.note.trim().slice(0, 500) : undefined;
    const problems = [
      role.success ? undefined : lang === 'nl' ? 'Kies een rol.' : 'Choose a role.',
      isIsoDate(date) && date <= today()
        ? undefined
        : lang === 'nl'
          ? 'Kies een datum (niet in de toekomst).'
          : 'Choose a date (not in the future).',
      Number.isFinite(hours) && hours > 0 && hours <= 80
        ? undefined
        : lang === 'nl'
          ? 'Vul bij Aantal uur een getal in van 0,25 tot 80.'
          : 'Enter a number of hours from 0.25 to 80.',
    ].filter((problem): problem is string => problem !== undefined);
    if (problems.length > 0 || !role.success) {
      return hoursCard(trajectView(traject, today()), lang, problems.join(' '));
    }
    const updated = await deps.trajects.logHours(
      traject.id,
      { role: role.data, date, hours, ...(note ? { note } : {}) },
      { actor, scope: { kind: 'traject', trajectId: traject.id } },
    );
    const notice =
      lang === 'nl' ? `Vastgelegd: ${hours} uur op ${date}.` : `Saved: ${hours} hours on ${date}.`;
    return hoursCard(trajectView(updated, today()), lang, notice);
  }

  async function submitVit(
    traject: TrajectRecord,
    payload: unknown,
    lang: Lang,
    actor: string,
  ): Promise<Json> {
    const form = vitFormDefinition();
    const ref = adaptiveCardFormRef(payload);
    if (!ref || ref.id !== form.id) {
      return problemCard(
        lang,
        lang === 'nl' ? 'Deze kaart is geen VIT-formulier.' : 'This card is not a VIT form.',
      );
    }
    const result = parseSubmission(form, 'adaptive-card', payload, lang);
    if (!result.ok) return vitFormCard(traject.id, lang, { values: result.values, errors: result.errors });
    const updated = await deps.trajects.submitVit(
      traject.id,
      {
        bankId: defaultVitBank.id,
        bankVersion: defaultVitBank.version,
        answers: toVitAnswers(result.answers),
        submittedAt: deps.clock.now().toISOString(),
        submittedBy: actor,
      },
      { actor, scope: { kind: 'traject', trajectId: traject.id } },
    );
    return vitSummaryCard(trajectView(updated, today()), lang);
  }

  /**
   * An aanmelding needs no linked traject: it asks for one. Invalid answers come back on the card, named. A
   * card submitted again (a second click, also while the first is still under way) gets the first answer.
   */
  async function submitAanmelding(
    payload: unknown,
    cardId: unknown,
    lang: Lang,
    actor: string,
  ): Promise<Json> {
    const id = typeof cardId === 'string' && /^[0-9a-f-]{36}$/.test(cardId) ? cardId : randomUUID();
    const result = parseSubmission(aanmeldingFormDefinition(), 'adaptive-card', payload, lang);
    if (!result.ok) return aanmeldingFormCard(lang, id, { values: result.values, errors: result.errors });
    try {
      const { name } = await submittedCards.once(id, () =>
        deps.aanmeldingen.submit(result.answers, { surface: 'teams', actor }),
      );
      return aanmeldingReceivedCard(lang, name);
    } catch (error) {
      if (error instanceof VisielerenError && error.code === 'VALIDATION')
        return problemCard(lang, error.message);
      throw error;
    }
  }

  async function onConversationUpdate(turn: BotTurn): Promise<void> {
    const { activity } = turn;
    const botId = activity.recipient?.id;
    const actor = actorOf(activity);
    const added = activity.membersAdded?.some((member) => member.id === botId) ?? false;
    const removed = activity.membersRemoved?.some((member) => member.id === botId) ?? false;
    if (added) {
      await rememberConversation(deps.links, activity, turn.reference, actor);
      await reply(turn, welcomeCard(langOf(activity)));
    } else if (removed) {
      await goneFromConversation(activity.conversation.id, actor);
    }
  }

  async function goneFromConversation(conversationId: string, actor: string): Promise<void> {
    const reason = 'de bot is uit het gesprek verwijderd';
    const marked = await markInactive(deps.links, conversationKey(conversationId), reason);
    const link = marked?.link;
    if (link?.trajectId) {
      await deps.audit.append({
        actor,
        action: 'teams.conversation.removed',
        trajectId: link.trajectId,
        detail: { linkId: link.record.id },
      });
      if (marked?.changed) {
        await deps.tellVngTeam?.({
          trajectId: link.trajectId,
          linkId: link.record.id,
          revision: link.record.revision,
          reason,
        });
      }
    }
  }

  return async (turn) => {
    const { activity } = turn;
    const action = cardActionOf(activity);
    if (action) {
      const card = await onCardAction(turn, action);
      if (activity.type === 'invoke') return cardInvokeResult(card);
      // Action.Submit (older clients): replace the card the button was on, as Action.Execute would.
      if (activity.replyToId) {
        try {
          await turn.update({ type: 'message', id: activity.replyToId, attachments: [cardAttachment(card)] });
          return undefined;
        } catch (error) {
          deps.logger.debug('Teams: kaart niet vervangen, nieuwe kaart gestuurd', {
            error: error instanceof Error ? error.message : String(error),
          });
        }
      }
      await reply(turn, card);
      return undefined;
    }
    switch (activity.type) {
      case 'message':
        await onMessage(turn);
        return undefined;
      case 'conversationUpdate':
        await onConversationUpdate(turn);
        return undefined;
      case 'installationUpdate': {
        const action = (activity as { action?: string }).action ?? '';
        if (action.startsWith('remove'))
          await goneFromConversation(activity.conversation.id, actorOf(activity));
        return undefined;
      }
      case 'invoke':
        // Invokes we do not handle (message extensions, task modules) get an honest "not implemented".
        return { status: 501 };
      default:
        return undefined;
    }
  };
}
