import { normaliseEmail } from '@visieleren/core';
import { z } from 'zod';
import { type Command, requireOption, UsageError } from '../cli/command.js';
import { withPlugins } from './with-plugins.js';
import { CLI_ACTOR, lifecycleRepository, withStore } from './with-store.js';

const LABELS: Record<string, string> = {
  participants: 'deelnemers',
  hourLogs: 'urenregels',
  checklistItems: 'actiepunten',
  vitSubmissions: 'VIT-inzendingen',
  formSubmissions: 'formulierinzendingen',
  duoRounds: 'duo-interviewrondes',
  platformLinks: 'koppelingen met Teams/Slack/Notion',
  auditEntries: 'audit-regels',
  reminderDeliveries: 'herinneringen',
};

export const forgetCommand: Command = {
  path: ['forget'],
  summary: 'AVG: alle persoonsgegevens van één persoon verwijderen',
  help: `Gebruik: visieleren forget --persoon E-MAIL

Verwijdert of anonimiseert de persoonsgegevens van deze persoon overal (deelnemers, uren, formulieren,
duo-interviews, koppelingen, audit-log) en houdt alleen anonieme aantallen over. Vraagt niets, meldt per
soort gegeven hoeveel er is gewijzigd en schrijft een audit-regel zonder het e-mailadres zelf.

Voorbeeld:
  visieleren forget --persoon j.jansen@gemeente.nl
`,
  aliases: { person: 'persoon' },
  options: { persoon: { type: 'string' } },
  async run({ values, io }) {
    const person = requireOption(values, 'persoon').trim();
    if (!z.string().email().safeParse(person).success) {
      throw new UsageError(`Het argument --persoon verwacht een e-mailadres; nu: ${JSON.stringify(person)}.`);
    }
    return withStore(io, async (store, env) => {
      // The plugins are asked before and after the store forgets: before, because some find the person
      // through links the store then deletes (Slack users); after, because a sync that ran in between could
      // have copied the person back from the store (Notion). Both passes are idempotent.
      const { report, lifecycle, inPlugins } = await withPlugins(io, store, env, async (host) => {
        const key = normaliseEmail(person);
        const before = await host.forget(key, CLI_ACTOR);
        const report = await store.forgetPerson(person, CLI_ACTOR);
        // The lifecycle's own copies: the aanmelding's contact, the expert team, form answers on the dossier.
        const lifecycle = await (await lifecycleRepository(store)).forgetPerson(person, CLI_ACTOR);
        const after = await host.forget(key, CLI_ACTOR);
        const inPlugins = Object.fromEntries(
          Object.keys({ ...before, ...after }).map((name) => [
            name,
            (before[name] ?? 0) + (after[name] ?? 0),
          ]),
        );
        return { report, lifecycle, inPlugins };
      });
      const lines = Object.entries(LABELS).map(
        ([key, label]) => `  ${label.padEnd(36)} ${String(report[key as keyof typeof report]).padStart(5)}`,
      );
      const total = Object.keys(LABELS).reduce(
        (sum, key) => sum + Number(report[key as keyof typeof report]),
        0,
      );
      io.stdout.write(
        [
          total === 0
            ? 'Geen gegevens van deze persoon gevonden; er is niets gewijzigd (wel vastgelegd in het audit-log).'
            : 'De persoonsgegevens zijn verwijderd of geanonimiseerd:',
          ...lines,
          `  ${'aanmeldingen, teamleden, antwoorden'.padEnd(36)} ${String(lifecycle.intakes + lifecycle.team + lifecycle.formAnswers).padStart(5)}`,
          ...Object.entries(inPlugins).map(
            ([plugin, removed]) => `  ${`kopieën in ${plugin}`.padEnd(36)} ${String(removed).padStart(5)}`,
          ),
          `Kenmerk in het audit-log: ${report.personHash.slice(0, 16)}…`,
          '',
        ].join('\n'),
      );
      return 0;
    });
  },
};
