import { formatAmsterdamMoment, systemClock } from '@visieleren/core';
import type { ReminderDelivery } from '@visieleren/store';
import { retryReminder } from '../admin/reminders.js';
import { type Command, oneOf, requireOption, UsageError } from '../cli/command.js';
import { computeDueReminders } from '../reminders/compute-due.js';
import { CLI_ACTOR, withStore } from './with-store.js';

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

      const lines = [
        `Herinneringen die nu verstuurd moeten worden (${formatAmsterdamMoment(now)}): ${due.length}`,
      ];
      for (const intent of due) {
        const states = byKey.get(intent.key) ?? [];
        const state = states.length
          ? states.map((delivery) => `${delivery.channel}: ${stateLabel(delivery)}`).join('; ')
          : STATE_LABELS['nog-niet'];
        lines.push(`  ${formatAmsterdamMoment(intent.dueAt)}  ${intent.key}`);
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

const DELIVERY_STATES = Object.keys(STATE_LABELS).filter(
  (state): state is ReminderDelivery['state'] => state !== 'nog-niet',
);

/** The three options that name one delivery: the reminder, its channel and its recipient. */
const retryArguments = (delivery: ReminderDelivery) =>
  `--sleutel ${delivery.key} --kanaal ${delivery.channel} --ontvanger ${delivery.recipient}`;

export const remindersListCommand: Command = {
  path: ['reminders', 'list'],
  summary: 'Herinneringen per ontvanger en kanaal: verstuurd, mislukt, onzeker, met pogingen en fout',
  help: `Gebruik: visieleren reminders list [--toestand TOESTAND] [--traject ID] [--json]

Elke herinnering per ontvanger en kanaal met toestand, pogingen en laatste fout, oudste eerst, zoals
"Herinneringen" in de console en GET /api/v1/herinneringen. Bij een mislukte of onzekere herinnering staat
wat u aan visieleren reminders retry meegeeft.
  --toestand TOESTAND  ${DELIVERY_STATES.join(', ')} (oude naam: --state)
  --traject ID         alleen de herinneringen van dit traject
  --json               als JSON: { herinneringen }

Voorbeelden:
  visieleren reminders list --toestand failed
  visieleren reminders list --traject voorbeeld-aan-zee
`,
  aliases: { state: 'toestand' },
  options: { toestand: { type: 'string' }, traject: { type: 'string' }, json: { type: 'boolean' } },
  async run({ values, io }) {
    const state = values.toestand === undefined ? undefined : oneOf(values, 'toestand', DELIVERY_STATES);
    const trajectId = typeof values.traject === 'string' ? values.traject.trim() : undefined;
    return withStore(io, async (store) => {
      if (trajectId) await store.trajects.get(trajectId, { kind: 'all' });
      const herinneringen = await store.reminderOutbox.list({
        ...(state ? { state } : {}),
        ...(trajectId ? { trajectId } : {}),
        limit: 1000,
      });
      if (values.json) {
        io.stdout.write(`${JSON.stringify({ herinneringen }, null, 2)}\n`);
        return 0;
      }
      if (herinneringen.length === 0) {
        io.stdout.write(`Geen herinneringen${state ? ` met toestand ${state}` : ''}.\n`);
        return 0;
      }
      const lines: string[] = [];
      for (const delivery of herinneringen) {
        lines.push(
          `${delivery.trajectId}  ${delivery.channel} → ${delivery.recipient || '(geen ontvanger)'}  ${stateLabel(delivery)}  (${delivery.attempts} poging${delivery.attempts === 1 ? '' : 'en'}, ${formatAmsterdamMoment(delivery.updatedAt)})`,
          `  ${delivery.intent.message.nl}`,
        );
        if (delivery.lastError) lines.push(`  fout: ${delivery.lastError}`);
        if (delivery.state === 'failed' || delivery.state === 'ambiguous') {
          lines.push(`  opnieuw: visieleren reminders retry ${retryArguments(delivery)}`);
        }
      }
      lines.push('', `${herinneringen.length} herinnering${herinneringen.length === 1 ? '' : 'en'}`);
      io.stdout.write(`${lines.join('\n')}\n`);
      return 0;
    });
  },
};

export const remindersRetryCommand: Command = {
  path: ['reminders', 'retry'],
  summary: 'Een mislukte of onzekere herinnering opnieuw laten versturen',
  help: `Gebruik: visieleren reminders retry --sleutel SLEUTEL --kanaal KANAAL --ontvanger ONTVANGER

Zet de herinnering terug in de wachtrij; visieleren serve verstuurt hem bij de volgende ronde. Zoals
"Opnieuw proberen" in de console en POST /api/v1/herinneringen/pogingen; het audit-log noemt wie het vroeg.
Let op: een onzekere herinnering (ambiguous) is misschien al aangekomen. Probeer die alleen opnieuw als u
weet dat hij niet aankwam, anders krijgt de ontvanger hem twee keer.
  --sleutel SLEUTEL      de sleutel van de herinnering
  --kanaal KANAAL        het kanaal (webhook, teams, slack, …)
  --ontvanger ONTVANGER  de ontvanger op dat kanaal
De drie waarden staan bij elke mislukte of onzekere herinnering in visieleren reminders list.

Voorbeeld:
  visieleren reminders list --toestand failed
  visieleren reminders retry --sleutel <sleutel uit reminders list> --kanaal webhook --ontvanger webhook
`,
  options: { sleutel: { type: 'string' }, kanaal: { type: 'string' }, ontvanger: { type: 'string' } },
  async run({ values, io }) {
    const ref = {
      key: requireOption(values, 'sleutel').trim(),
      channel: requireOption(values, 'kanaal').trim(),
      recipient: requireOption(values, 'ontvanger').trim(),
    };
    return withStore(io, async (store) => {
      const [row] = (await store.reminderOutbox.list({ keys: [ref.key] })).filter(
        (delivery) => delivery.channel === ref.channel && delivery.recipient === ref.recipient,
      );
      if (!(await retryReminder(store, ref, CLI_ACTOR))) {
        io.stderr.write(
          `Fout: geen mislukte of onzekere herinnering met deze sleutel, dit kanaal en deze ontvanger${row ? ` (toestand nu: ${stateLabel(row)})` : ''}. Zie: visieleren reminders list --toestand failed\n`,
        );
        return 1;
      }
      io.stdout.write(
        `Herinnering ${ref.key} (${ref.channel} → ${ref.recipient}) staat weer in de wachtrij; visieleren serve verstuurt hem bij de volgende ronde.\n`,
      );
      if (row?.state === 'ambiguous') {
        io.stderr.write('Let op: deze herinnering was onzeker; de ontvanger kan hem twee keer krijgen.\n');
      }
      return 0;
    });
  },
};
