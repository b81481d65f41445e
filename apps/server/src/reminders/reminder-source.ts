import {
  type Channel,
  DEFAULT_REMINDER_LOOKBACK_MS,
  dueReminders,
  normaliseEmail,
  type PlatformLinkRecord,
  type Recipient,
  type ReminderIntent,
  reminderTimelyUntil,
  resolveRecipients,
  type Template,
  type Traject,
  type TrajectScope,
  templateOf,
} from '@visieleren/core';

/** The kinds of link recipients are resolved from (core's `resolveRecipients`). */
export const RECIPIENT_LINK_KINDS = ['teams-conversation', 'slack-channel', 'slack-user'] as const;

export type ReasonCheck = { holds: true; intent: ReminderIntent } | { holds: false; reason: string };

/** Everything one dispatcher run needs to know, read once at its start. */
export interface ReminderTick {
  /** What core says is due now. */
  due: readonly ReminderIntent[];
  /** Who receives `intent` on `channel`; empty = "niet van toepassing". */
  recipients(intent: ReminderIntent, channel: Channel): Recipient[];
  /** After this instant a first try is `verlopen` (core's `reminderTimelyUntil` with the intent's rule). */
  timelyUntil(intent: ReminderIntent): Date;
  /** Before a retry: is the reason still there (with today's wording of it), or gone (`vervallen`)? */
  check(intent: ReminderIntent): ReasonCheck;
}

export interface ReminderSource {
  load(now: Date): Promise<ReminderTick>;
}

export interface ReminderSourceDeps {
  /** Open trajects only: closed ones have no reminders (the store's per-minute read). */
  trajects: { list(scope: TrajectScope, filter?: { openOnly?: boolean }): Promise<Traject[]> };
  /** Platform links; without them only the webhook has recipients. */
  links?: { listByKind(kind: string): Promise<PlatformLinkRecord[]> };
  /**
   * Reminders outside the templates' rules, with the trajects they are about (closed ones included): the
   * nazorggesprek months after the borgingssessie (see `lifecycle/aftercare-source.ts`).
   */
  extra?(now: Date): Promise<Array<{ traject: Traject; template: Template; intents: ReminderIntent[] }>>;
}

const GONE: Record<ReminderIntent['kind'], string> = {
  session: 'Vervallen: de sessie is verplaatst, al geweest of het traject is gesloten.',
  'phase-start': 'Vervallen: de fase is al begonnen of het traject is gesloten.',
  'checklist-overdue': 'Vervallen: het checklistpunt is afgevinkt of het traject is gesloten.',
  'hours-check-in': 'Vervallen: deze week valt niet meer in het traject of het traject is gesloten.',
};

/**
 * Reads the open trajects and the recipient links once per run (1 + 3 reads, whatever the portfolio's size)
 * and answers the dispatcher's questions from memory.
 */
export function createReminderSource(deps: ReminderSourceDeps): ReminderSource {
  return {
    async load(now) {
      const [trajects, ...linkLists] = await Promise.all([
        deps.trajects.list({ kind: 'all' }, { openOnly: true }),
        ...RECIPIENT_LINK_KINDS.map((kind) => deps.links?.listByKind(kind) ?? Promise.resolve([])),
      ]);
      const entries = trajects.flatMap((traject) => {
        const template = templateOf(traject);
        return template ? [{ traject, template }] : [];
      });
      const byId = new Map(entries.map((entry) => [entry.traject.id, entry]));
      const extra = (await deps.extra?.(now)) ?? [];
      for (const { traject, template } of extra) {
        if (!byId.has(traject.id)) byId.set(traject.id, { traject, template });
      }
      const due = [...dueReminders(entries, now), ...extra.flatMap((entry) => entry.intents)];
      const dueByKey = new Map(due.map((intent) => [intent.key, intent]));

      const trajectLinks = new Map<string, PlatformLinkRecord[]>();
      const personLinks = new Map<string, PlatformLinkRecord[]>();
      for (const link of linkLists.flat()) {
        if (link.trajectId && link.kind !== 'slack-user') {
          trajectLinks.set(link.trajectId, [...(trajectLinks.get(link.trajectId) ?? []), link]);
        }
        if (link.participantKey) {
          personLinks.set(link.participantKey, [...(personLinks.get(link.participantKey) ?? []), link]);
        }
      }
      // Per traject: its own links and the person links of its participants (not every Slack user).
      const sources = new Map<string, Parameters<typeof resolveRecipients>[1]>();
      const sourceOf = (trajectId: string) => {
        let source = sources.get(trajectId);
        if (!source) {
          const participants = byId.get(trajectId)?.traject.participants ?? [];
          const people = participants.flatMap((participant) =>
            participant.email ? (personLinks.get(normaliseEmail(participant.email)) ?? []) : [],
          );
          source = { participants, links: [...(trajectLinks.get(trajectId) ?? []), ...people] };
          sources.set(trajectId, source);
        }
        return source;
      };

      const ruleOf = (intent: ReminderIntent, template: Template | undefined) =>
        template?.reminderRules.find((rule) => rule.id === intent.ruleId) ?? { kind: intent.kind };

      return {
        due,
        recipients: (intent, channel) => resolveRecipients(intent, sourceOf(intent.trajectId), channel),
        timelyUntil: (intent) =>
          reminderTimelyUntil(intent, ruleOf(intent, byId.get(intent.trajectId)?.template)),
        check(intent) {
          const fresh = dueByKey.get(intent.key);
          if (fresh) return { holds: true, intent: fresh };
          const entry = byId.get(intent.trajectId);
          if (!entry) return { holds: false, reason: GONE[intent.kind] ?? GONE.session };
          // Outside today's look-back window: ask core again with a window that reaches back to it.
          const lookbackMs = Math.max(
            DEFAULT_REMINDER_LOOKBACK_MS,
            now.getTime() - Date.parse(intent.dueAt) + 86_400_000,
          );
          const again = dueReminders([entry], now, { lookbackMs }).find(
            (candidate) => candidate.key === intent.key,
          );
          return again
            ? { holds: true, intent: again }
            : { holds: false, reason: GONE[intent.kind] ?? GONE.session };
        },
      };
    },
  };
}
