import { createHash, randomUUID } from 'node:crypto';
import {
  type AanmeldingPort,
  type AuditPort,
  amsterdamDate,
  type Clock,
  defaultVitBank,
  formatDate,
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
  languageCard,
  linkedCard,
  notLinkedToThisCard,
  type Place,
  problemCard,
  unlinkDoneCard,
  unlinkedCard,
  welcomeCard,
} from '../cards/conversation-cards.js';
import {
  CARD_CONTENT_TYPE,
  type CardView,
  cardAttachment,
  formatHours,
  type Json,
  VERBS,
} from '../cards/elements.js';
import {
  checklistCard,
  hoursCard,
  pageLinkCard,
  planCard,
  statusCard,
  vitSummaryCard,
} from '../cards/traject-cards.js';
import { vitFormCard, vitFormDefinition } from '../cards/vit-card.js';
import {
  type ConversationLink,
  conversationKey,
  conversationsOfTeam,
  conversationType,
  findConversation,
  linkToTraject,
  markInactive,
  rememberConversation,
  setConversationLanguage,
  teamOf,
  unlinkFromTraject,
} from '../conversations.js';
import { type ConversationMember, MEMBER_PAGE_LINK_TTL_MS } from '../tab/member-links.js';
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
  /** A traject page link for one member of the conversation (tab/member-links.ts); undefined: none possible. */
  memberPageUrl?(trajectId: string, member: ConversationMember): string | undefined;
  /** Tells the VNG team a linked conversation went out of reach (TEAMS_MELDINGEN_EMAIL). */
  tellVngTeam?: TellVngTeam;
  /** Aanmeldingen from the card become trajects in status `aangemeld`. */
  aanmeldingen: AanmeldingPort;
}

/** One-time codes for Teams are made with this purpose (`visieleren teams code`). */
export const LINK_CODE_PURPOSE = 'teams';

const COMMANDS = new Set(['help', 'status', 'checklist', 'uren', 'planning', 'vit']);

/** The language of a Teams client's locale: English for `en-*`, Dutch otherwise. */
export function langOf(activity: Pick<InboundActivity, 'locale'>): Lang {
  return activity.locale?.toLowerCase().startsWith('en') ? 'en' : 'nl';
}

function placeOf(activity: InboundActivity): Place {
  return conversationType(activity) === 'channel' ? 'channel' : 'chat';
}

/**
 * The hour log's id for a card action: the same invoke (Teams retries one it got no answer to, with the same
 * activity id) makes the same id, and the store keeps one row per id, across servers and restarts.
 */
function hourLogIdOf(activity: InboundActivity): string | undefined {
  if (!activity.id) return undefined;
  const key = `${conversationKey(activity.conversation.id)}|${activity.id}`;
  return `teams-${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;
}

/** Until when a link made now works, as people in the Netherlands read a time ("14:05"). */
function clockTime(at: Date, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', {
    timeZone: 'Europe/Amsterdam',
    hour: '2-digit',
    minute: '2-digit',
  }).format(at);
}

/**
 * What a card action answers. `everyone`: the action changed the traject, so the card it came from is replaced
 * for everyone in the conversation (the message is updated) besides the invoke's answer. `clicker`: for the
 * person who clicked only, never posted.
 */
interface ActionOutcome {
  card: Json;
  audience: 'everyone' | 'clicker' | 'view';
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
  // Teams retries an invoke it got no answer to with the same activity id: the second gets the first's outcome.
  const handledActions = oncePerCard<ActionOutcome>({ ttlMs: 24 * 3600_000, maxEntries: 5000 });
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

  async function viewCard(
    view: CardView,
    traject: TrajectRecord,
    lang: Lang,
    place: Place,
    phaseKey?: string,
  ): Promise<Json> {
    const model = trajectView(traject, today());
    switch (view) {
      case 'status':
        return statusCard(model, lang);
      case 'checklist':
        return checklistCard(model, lang, phaseKey);
      case 'uren':
        return hoursCard(model, lang);
      case 'planning':
        return planCard(model, lang);
      case 'vit':
        return vitSummaryCard(model, lang);
      case 'help':
        return helpCard(lang, place, { trajectId: traject.id, name: model.overview.name });
    }
  }

  /** The conversation's language; the first contact without one fixes it from the writer's locale. */
  async function languageOf(conversation: ConversationLink | undefined, activity: InboundActivity) {
    if (conversation?.lang) return conversation.lang;
    const lang = langOf(activity);
    if (conversation) await setConversationLanguage(deps.links, conversation.record.externalId, lang);
    return lang;
  }

  async function onMessage(turn: BotTurn): Promise<void> {
    const { activity } = turn;
    const actor = actorOf(activity);
    const place = placeOf(activity);
    const conversation = await rememberConversation(deps.links, activity, turn.reference, actor);
    const lang = await languageOf(conversation, activity);
    const words = commandText(activity.text).split(/\s+/).filter(Boolean);
    const command = (words[0] ?? '').toLowerCase();

    if (command === 'taal' || command === 'language') {
      const chosen = (words[1] ?? '').toLowerCase();
      if (chosen !== 'nl' && chosen !== 'en')
        return void (await reply(turn, languageCard(lang, place, false)));
      await setConversationLanguage(deps.links, activity.conversation.id, chosen);
      return void (await reply(turn, languageCard(chosen, place, true)));
    }
    if (command === 'koppel') {
      const code = words.slice(1).join('');
      if (!code) return void (await reply(turn, badCodeCard(lang, true, place)));
      const redeemed = await deps.linkCodes.redeem(code, LINK_CODE_PURPOSE, actor);
      if (!redeemed) return void (await reply(turn, badCodeCard(lang, false, place)));
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
      await reply(
        turn,
        command === 'help' || command === '' ? helpCard(lang, place) : unlinkedCard(lang, place),
      );
      return;
    }
    const view: CardView = COMMANDS.has(command) ? (command as CardView) : 'help';
    await reply(turn, await viewCard(view, traject, lang, place));
  }

  /** Runs a card action after checking the conversation is linked to the card's traject. */
  async function onCardAction(turn: BotTurn, action: CardAction): Promise<ActionOutcome> {
    const { activity } = turn;
    const actor = actorOf(activity);
    const place = placeOf(activity);
    const conversation = await findConversation(deps.links, activity.conversation.id);
    const lang = await languageOf(conversation, activity);
    const forClicker = (card: Json): ActionOutcome => ({ card, audience: 'clicker' });
    const view = (card: Json): ActionOutcome => ({ card, audience: 'view' });
    const forEveryone = (card: Json): ActionOutcome => ({ card, audience: 'everyone' });
    if (action.verb === FORM_SUBMIT_VERB && adaptiveCardFormRef(action.payload)?.id === 'aanmelding') {
      return view(await submitAanmelding(action.payload, action.data.cardId, lang, actor));
    }
    const traject = await linkedTraject(conversation);
    if (!traject || typeof action.data.trajectId !== 'string' || action.data.trajectId !== traject.id) {
      return view(notLinkedToThisCard(lang, place));
    }
    const scope = { kind: 'traject' as const, trajectId: traject.id };
    const who = activity.from?.name?.trim() || actor;
    const phaseKey = typeof action.data.phase === 'string' ? action.data.phase : undefined;
    try {
      switch (action.verb) {
        case VERBS.show: {
          const known: CardView[] = ['status', 'checklist', 'uren', 'planning', 'vit', 'help'];
          const chosen = known.includes(action.data.view as CardView)
            ? (action.data.view as CardView)
            : 'help';
          return view(await viewCard(chosen, traject, lang, place, phaseKey));
        }
        case VERBS.open:
          return forClicker(pageLink(traject, activity, conversation, lang));
        case VERBS.checklistToggle: {
          const { itemId, done } = action.data;
          const known = trajectView(traject, today()).template?.phases.some((phase) =>
            phase.checklist.some((item) => item.id === itemId),
          );
          if (typeof itemId !== 'string' || !known) {
            return view(
              problemCard(lang, lang === 'nl' ? 'Onbekend checklistpunt.' : 'Unknown checklist item.'),
            );
          }
          const updated = await deps.trajects.setChecklistItem(
            traject.id,
            { itemId, done: done === true || done === 'true', by: who, at: deps.clock.now().toISOString() },
            { actor, scope },
          );
          // The card stays on the phase the item belongs to.
          const itemPhase = trajectView(updated, today()).template?.phases.find((phase) =>
            phase.checklist.some((item) => item.id === itemId),
          )?.key;
          return forEveryone(checklistCard(trajectView(updated, today()), lang, itemPhase ?? phaseKey));
        }
        case VERBS.hoursLog:
          return logHours(traject, action.data, lang, actor, hourLogIdOf(activity));
        case VERBS.vitForm:
          return view(vitFormCard(traject.id, lang));
        case FORM_SUBMIT_VERB:
          return submitVit(traject, action.payload, lang, actor);
        default:
          return view(
            helpCard(lang, place, {
              trajectId: traject.id,
              name: trajectView(traject, today()).overview.name,
            }),
          );
      }
    } catch (error) {
      if (error instanceof VisielerenError && (error.code === 'VALIDATION' || error.code === 'NOT_FOUND')) {
        return view(problemCard(lang, error.message));
      }
      throw error;
    }
  }

  /** "Traject bekijken": a page link for the person who clicked, checked against Teams' roster when opened. */
  function pageLink(
    traject: TrajectRecord,
    activity: InboundActivity,
    conversation: ConversationLink | undefined,
    lang: Lang,
  ): Json {
    const model = trajectView(traject, today());
    const objectId = activity.from?.aadObjectId;
    const url =
      objectId && conversation
        ? deps.memberPageUrl?.(traject.id, { objectId, conversationId: conversation.record.externalId })
        : undefined;
    if (!url) return pageLinkCard(model, lang, undefined);
    const until = new Date(deps.clock.now().getTime() + MEMBER_PAGE_LINK_TTL_MS);
    return pageLinkCard(model, lang, { url, until: clockTime(until, lang) });
  }

  async function logHours(
    traject: TrajectRecord,
    data: Record<string, unknown>,
    lang: Lang,
    actor: string,
    hourLogId: string | undefined,
  ): Promise<ActionOutcome> {
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
      return { card: hoursCard(trajectView(traject, today()), lang, problems.join(' ')), audience: 'view' };
    }
    const scope = { kind: 'traject' as const, trajectId: traject.id };
    let updated: TrajectRecord;
    try {
      updated = await deps.trajects.logHours(
        traject.id,
        { role: role.data, date, hours, ...(note ? { note } : {}), ...(hourLogId ? { id: hourLogId } : {}) },
        { actor, scope },
      );
    } catch (error) {
      // The same click handled before (by this or another server): the hours are there once.
      if (!(error instanceof VisielerenError && error.code === 'CONFLICT') || !hourLogId) throw error;
      updated = await deps.trajects.get(traject.id, scope);
    }
    const amount = formatHours(hours, lang);
    const day = formatDate(date, lang);
    const notice =
      lang === 'nl' ? `Vastgelegd: ${amount} uur op ${day}.` : `Saved: ${amount} hours on ${day}.`;
    return { card: hoursCard(trajectView(updated, today()), lang, notice), audience: 'everyone' };
  }

  async function submitVit(
    traject: TrajectRecord,
    payload: unknown,
    lang: Lang,
    actor: string,
  ): Promise<ActionOutcome> {
    const form = vitFormDefinition();
    const ref = adaptiveCardFormRef(payload);
    if (!ref || ref.id !== form.id) {
      const message = lang === 'nl' ? 'Deze kaart is geen VIT-formulier.' : 'This card is not a VIT form.';
      return { card: problemCard(lang, message), audience: 'view' };
    }
    const result = parseSubmission(form, 'adaptive-card', payload, lang);
    if (!result.ok) {
      const card = vitFormCard(traject.id, lang, { values: result.values, errors: result.errors });
      return { card, audience: 'view' };
    }
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
    return { card: vitSummaryCard(trajectView(updated, today()), lang), audience: 'everyone' };
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
    const teamDeleted = activity.channelData?.eventType === 'teamDeleted';
    if (added) {
      // The installer's language becomes the conversation's: the welcome, replies and reminders follow it.
      const lang = langOf(activity);
      const conversation = await rememberConversation(deps.links, activity, turn.reference, actor);
      await setConversationLanguage(deps.links, conversation.record.externalId, lang);
      await reply(turn, welcomeCard(lang, placeOf(activity)));
    } else if (removed || teamDeleted) {
      await goneFrom(activity, actor);
    }
  }

  /**
   * The bot left a conversation, or a whole team (then Teams names the team's General channel): every link of
   * that team goes inactive, and the VNG team hears once per traject that lost its conversation.
   */
  async function goneFrom(activity: InboundActivity, actor: string): Promise<void> {
    const reason = 'de bot is uit het gesprek verwijderd';
    const teamId = teamOf(activity);
    const ids = new Set([conversationKey(activity.conversation.id)]);
    if (teamId) {
      for (const link of await conversationsOfTeam(deps.links, teamId)) ids.add(link.record.externalId);
    }
    const told = new Set<string>();
    for (const id of ids) {
      const marked = await markInactive(deps.links, id, reason);
      const link = marked?.link;
      if (!marked || !link?.trajectId) continue;
      await deps.audit.append({
        actor,
        action: 'teams.conversation.removed',
        trajectId: link.trajectId,
        detail: { linkId: link.record.id },
      });
      if (marked.changed && !told.has(link.trajectId)) {
        told.add(link.trajectId);
        await deps.tellVngTeam?.({
          trajectId: link.trajectId,
          linkId: link.record.id,
          revision: link.record.revision,
          reason,
        });
      }
    }
  }

  /** An invoke answers the person who clicked; a change of the traject also replaces the card for everyone. */
  async function answerInvoke(turn: BotTurn, outcome: ActionOutcome): Promise<InvokeResult> {
    const messageId = turn.activity.replyToId;
    if (outcome.audience === 'everyone' && messageId) {
      try {
        await turn.update({ type: 'message', id: messageId, attachments: [cardAttachment(outcome.card)] });
      } catch (error) {
        // The change is stored and the person who clicked sees it; the others see it at their next look.
        deps.logger.warn('Teams: kaart niet voor iedereen bijgewerkt', {
          error: error instanceof Error ? error.name : 'onbekend',
        });
      }
    }
    return cardInvokeResult(outcome.card);
  }

  /** Action.Submit (older clients) arrives as a message: replace the card the button was on, or answer. */
  async function answerSubmit(turn: BotTurn, outcome: ActionOutcome): Promise<void> {
    const { activity } = turn;
    // A personal answer cannot be given to one person through a message: it would be posted for all to see.
    if (outcome.audience === 'clicker') return;
    if (activity.replyToId) {
      try {
        await turn.update({
          type: 'message',
          id: activity.replyToId,
          attachments: [cardAttachment(outcome.card)],
        });
        return;
      } catch (error) {
        deps.logger.debug('Teams: kaart niet vervangen, nieuwe kaart gestuurd', {
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
    await reply(turn, outcome.card);
  }

  return async (turn) => {
    const { activity } = turn;
    const action = cardActionOf(activity);
    if (action) {
      const outcome = activity.id
        ? await handledActions.once(`${conversationKey(activity.conversation.id)}|${activity.id}`, () =>
            onCardAction(turn, action),
          )
        : await onCardAction(turn, action);
      if (activity.type === 'invoke') return answerInvoke(turn, outcome);
      await answerSubmit(turn, outcome);
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
        if (action.startsWith('remove')) await goneFrom(activity, actorOf(activity));
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
