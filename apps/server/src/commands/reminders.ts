import { formatAmsterdamMoment, systemClock } from '@visieleren/core';
import type { ReminderDelivery } from '@visieleren/store';
import { type Command, UsageError } from '../cli/command.js';
import { computeDueReminders } from '../reminders/compute-due.js';
import { withStore } from './with-store.js';

const STATE_LABELS: Record<ReminderDelivery['state'] | 'nog-niet', string> = {
  pending: 'wacht op verzending',
  claimed: 'bezig (geclaimd)',
  sent: 'verstuurd',
  failed: 'mislukt, volgt opnieuw',
  ambiguous: 'onzeker (mogelijk verstuurd)',
  'no-channel': 'geen kanaal',
  'niet-van-toepassing': 'niet van toepassing (geen koppeling op dit kanaal)',
  verlopen: 'verlopen (te laat voor een eerste verzending, niet verstuurd)',
  vervallen: 'vervallen (de aanleiding is weg, niet verstuurd)',
  'nog-niet': 'nog niet verstuurd',
};

function stateLabel(delivery: ReminderDelivery): string {
  if (delivery.state === 'failed' && delivery.nextAttemptAt === undefined) {
    return `DEFINITIEF MISLUKT na ${delivery.attempts} pogingen`;
  }
  return STATE_LABELS[delivery.state];
}

export const remindersDueCommand: Command = {
  path: ['reminders', 'due'],
  summary: 'Welke herinneringen nu verstuurd moeten worden, en hoe ver hun verzending is',
  help: `Gebruik: visieleren reminders due [--moment TIJDSTIP] [--json]

Toont de herinneringen die volgens de kern nu (of op --moment) verstuurd moeten worden, per herinnering met de stand
van verzending uit de database: nog niet verstuurd, bezig, verstuurd, mislukt (met de volgende poging),
definitief mislukt, onzeker of "geen kanaal". Daaronder de definitieve mislukkingen die niet meer
verstuurd worden, zodat geen enkele fout onzichtbaar blijft.

  --moment TIJDSTIP  ISO 8601, bijvoorbeeld 2027-02-01T09:00:00+01:00 (standaard: nu)
  --json             als JSON

Voorbeeld:
  visieleren reminders due --moment 2027-02-01T09:00:00+01:00
`,
  aliases: { at: 'moment' },
  options: { moment: { type: 'string' }, json: { type: 'boolean' } },
  async run({ values, io }) {
    let now = systemClock.now();
    if (values.moment !== undefined) {
      const at = typeof values.moment === 'string' ? new Date(values.moment) : new Date(Number.NaN);
      if (Number.isNaN(at.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(String(values.moment))) {
        throw new UsageError(
          `Het argument --moment verwacht een tijdstip als 2027-02-01T09:00:00+01:00; nu: ${JSON.stringify(values.moment)}.`,
        );
      }
      now = at;
    }
    return withStore(io, async (store) => {
      const due = computeDueReminders(await store.trajects.list({ kind: 'all' }, { openOnly: true }), now);
      const deliveries = due.length
        ? await store.reminderOutbox.list({ keys: due.map((intent) => intent.key) })
        : [];
      const byKey = new Map<string, ReminderDelivery[]>();
      for (const delivery of deliveries)
        byKey.set(delivery.key, [...(byKey.get(delivery.key) ?? []), delivery]);
      const dueKeys = new Set(due.map((intent) => intent.key));
      const finalFailures = (await store.reminderOutbox.list({ state: 'failed', limit: 1000 })).filter(
        (delivery) => delivery.nextAttemptAt === undefined && !dueKeys.has(delivery.key),
      );

      if (values.json) {
        const result = {
          at: now.toISOString(),
          due: due.map((intent) => ({ ...intent, deliveries: byKey.get(intent.key) ?? [] })),
          finalFailures,
        };
        io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        return 0;
      }

      const lines = [`Herinneringen die nu verstuurd moeten worden (${formatAmsterdamMoment(now)}): ${due.length}`];
      for (const intent of due) {
        const states = byKey.get(intent.key) ?? [];
        const state = states.length
          ? states.map((delivery) => `${delivery.channel}: ${stateLabel(delivery)}`).join('; ')
          : STATE_LABELS['nog-niet'];
        lines.push(`  ${intent.dueAt.slice(0, 16).replace('T', ' ')}Z  ${intent.key}`);
        lines.push(`      ${intent.message.nl}`);
        lines.push(`      stand: ${state}`);
      }
      if (finalFailures.length > 0) {
        lines.push('', `Definitief mislukt (wordt niet meer verstuurd): ${finalFailures.length}`);
        for (const delivery of finalFailures) {
          lines.push(`  ${delivery.key} (${delivery.channel}): ${delivery.lastError ?? 'onbekende fout'}`);
        }
      }
      io.stdout.write(`${lines.join('\n')}\n`);
      return 0;
    });
  },
};
