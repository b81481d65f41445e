import {
  amsterdamDate,
  builtInTemplateKeys,
  formatAmsterdamMoment,
  isIsoDate,
  localize,
  mergeParticipants,
  participantsFromAanmelding,
  REGIONS,
  ROLE_LABELS,
  TRAJECT_STATUS_LABELS,
  trajectName,
} from '@visieleren/core';
import type { StoredIntake, StoredTraject } from '@visieleren/store';
import { type Command, oneOf, requireOption, UsageError, withOptionNames } from '../cli/command.js';
import { alignColumns } from '../cli/table.js';
import { CLI_ACTOR, lifecycleRepository, withStore } from './with-store.js';

/**
 * The aanmeldingen as the console shows them (`/console/aanmeldingen`): the open ones, one with its whole
 * form, and the besluit. Accepting and declining go through `decideAanmelding`, as the console and
 * `PUT /api/v1/aanmeldingen/{id}/besluit` do.
 */

function oneId(positionals: string[], usage: string): string {
  const id = positionals[0]?.trim();
  if (!id || positionals.length > 1) {
    throw new UsageError(`Geef precies één traject-id van een aanmelding, bijvoorbeeld: ${usage}`);
  }
  return id;
}

const gemeenteOf = (traject: StoredTraject) => traject.gemeenten.map((g) => g.name).join(', ');

// Loaded when a command runs, not with the group: `visieleren aanmeldingen --help` never pays for the store
// and the forms package.
const decide: typeof import('../lifecycle/aanmelding.js')['decideAanmelding'] = async (...args) =>
  (await import('../lifecycle/aanmelding.js')).decideAanmelding(...args);
const answersOf = async (answers: Record<string, unknown>) =>
  (await import('../lifecycle/aanmelding-answers.js')).aanmeldingAnswers(answers);

const aanmeldingenListCommand: Command = {
  path: ['aanmeldingen', 'list'],
  summary: 'De aanmeldingen die op een besluit wachten',
  help: `Gebruik: visieleren aanmeldingen list [--json]

Eén regel per aanmelding in status aangemeld, oudste eerst: id, gemeente, ontvangen, contactpersoon en
vraagstuk. Het hele formulier: visieleren aanmeldingen show ID.
  --json   als JSON (zoals GET /api/v1/aanmeldingen)

Voorbeeld:
  visieleren aanmeldingen list
`,
  options: { json: { type: 'boolean' } },
  async run({ values, io }) {
    return withStore(io, async (store) => {
      const lifecycle = await lifecycleRepository(store);
      const open = (await store.trajects.list({ kind: 'all' })).filter((t) => t.status === 'aangemeld');
      const aanmeldingen = await Promise.all(
        open.map(async (traject) => ({ traject, intake: (await lifecycle.getIntake(traject.id)) ?? null })),
      );
      if (values.json) {
        io.stdout.write(`${JSON.stringify({ aanmeldingen }, null, 2)}\n`);
        return 0;
      }
      if (aanmeldingen.length === 0) {
        io.stdout.write('Geen aanmeldingen die op een besluit wachten.\n');
        return 0;
      }
      const rows = aanmeldingen.map(({ traject, intake }) => [
        traject.id,
        gemeenteOf(traject),
        intake ? amsterdamDate(new Date(intake.submittedAt)) : '—',
        intake?.contact.name ?? '—',
        intake?.vraagstuk ?? traject.kernvraag,
      ]);
      const header = ['id', 'gemeente', 'ontvangen', 'contactpersoon', 'vraagstuk'];
      io.stdout.write(`${alignColumns([header, ...rows], { maxWidth: 40 })}\n`);
      return 0;
    });
  },
};

async function describeAanmelding(
  traject: StoredTraject,
  intake: StoredIntake | undefined,
): Promise<string[]> {
  const contact = intake
    ? [intake.contact.name, intake.contact.email, intake.contact.telefoon].filter(Boolean).join(', ')
    : '—';
  const lines = [
    `Aanmelding ${gemeenteOf(traject)} (${traject.id})`,
    `Status: ${localize(TRAJECT_STATUS_LABELS[traject.status])}`,
    `Ontvangen: ${intake ? formatAmsterdamMoment(intake.submittedAt) : 'onbekend'}`,
    `Contactpersoon: ${contact}`,
  ];
  if (intake?.decision) {
    lines.push(
      `Besluit: ${intake.decision.kind} op ${formatAmsterdamMoment(intake.decision.at)} door ${intake.decision.by}${intake.decision.reason ? `: ${intake.decision.reason}` : ''}`,
    );
  }
  lines.push('', 'Het ingevulde formulier:');
  if (!intake) {
    lines.push('  Deze aanmelding heeft geen formulier (aangemaakt zonder het aanmeldformulier).');
    return lines;
  }
  for (const section of await answersOf(intake.answers)) {
    lines.push('', `  ${section.title}`);
    for (const question of section.questions) {
      const answer = (question.answer ?? 'niet ingevuld').replaceAll('\n', '\n      ');
      lines.push(`    ${question.label}`, `      ${answer}`);
    }
  }
  return lines;
}

const aanmeldingenShowCommand: Command = {
  path: ['aanmeldingen', 'show'],
  summary: 'Eén aanmelding: het hele ingevulde formulier en wie deelnemer wordt',
  help: `Gebruik: visieleren aanmeldingen show ID [--json]

Toont wat de gemeente insturde: contactpersoon, elke vraag van het aanmeldformulier met het antwoord, en wie
bij accepteren deelnemer wordt (de contactpersoon, de wethouder en de andere mensen die de aanmelding noemt).
  --json   als JSON: { traject, intake, formulier, deelnemersBijAccepteren }

Voorbeeld:
  visieleren aanmeldingen show voorbeeld-heuvelland
`,
  options: { json: { type: 'boolean' } },
  allowPositionals: true,
  async run({ values, positionals, io }) {
    const id = oneId(positionals, 'visieleren aanmeldingen show voorbeeld-heuvelland');
    return withStore(io, async (store) => {
      const traject = await store.trajects.get(id, { kind: 'all' });
      const intake = await (await lifecycleRepository(store)).getIntake(traject.id);
      // The same list the console shows before accepting: who is there already plus whom the form names.
      const named = mergeParticipants(
        traject.participants,
        participantsFromAanmelding(intake?.answers ?? {}, traject.id, traject.gemeenten[0]?.name),
      );
      if (values.json) {
        const formulier = intake ? await answersOf(intake.answers) : null;
        const result = { traject, intake: intake ?? null, formulier, deelnemersBijAccepteren: named };
        io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        return 0;
      }
      const lines = await describeAanmelding(traject, intake);
      if (traject.status === 'aangemeld') {
        lines.push('', 'Bij accepteren worden deelnemer:');
        lines.push(
          ...(named.length
            ? named.map((person) => `  ${person.name} — ${localize(ROLE_LABELS[person.role])}`)
            : ['  (niemand: de aanmelding noemt geen mensen)']),
          '',
          `Accepteren: visieleren aanmeldingen accepteren ${traject.id} --start JJJJ-MM-DD`,
          `Afwijzen:   visieleren aanmeldingen afwijzen ${traject.id} --reden "…"`,
        );
      }
      io.stdout.write(`${lines.join('\n')}\n`);
      return 0;
    });
  },
};

const aanmeldingenAccepterenCommand: Command = {
  path: ['aanmeldingen', 'accepteren'],
  summary: 'Een aanmelding accepteren: het traject loopt vanaf de startdatum',
  help: `Gebruik: visieleren aanmeldingen accepteren ID --start JJJJ-MM-DD [--template SLEUTEL] [--regio noord|midden|zuid] [--json]

Plant het traject uit het template vanaf de startdatum (status lopend). De mensen die de aanmelding noemt
(contactpersoon, wethouder, ondersteuning, professionals) worden deelnemer en de actiepunten die de
aanmelding al beantwoordt worden afgevinkt. Hetzelfde als "Aanmelding accepteren" in de console.
  --start JJJJ-MM-DD   de startdatum van het plan, bijvoorbeeld de dag van de intake
  --template SLEUTEL   ${builtInTemplateKeys.join(' of ')} (standaard visieleertraject)
  --regio REGIO        schoolvakantieregio van de gemeente: ${REGIONS.join(', ')} (oude naam: --region)
  --json               het traject na het besluit als JSON

Voorbeeld:
  visieleren aanmeldingen accepteren voorbeeld-heuvelland --start 2027-03-01
`,
  aliases: { region: 'regio' },
  options: {
    start: { type: 'string' },
    template: { type: 'string' },
    regio: { type: 'string' },
    json: { type: 'boolean' },
  },
  allowPositionals: true,
  async run({ values, positionals, io }) {
    const id = oneId(
      positionals,
      'visieleren aanmeldingen accepteren voorbeeld-heuvelland --start 2027-03-01',
    );
    const startDate = requireOption(values, 'start').trim();
    if (!isIsoDate(startDate)) {
      throw new UsageError(
        `Ongeldige datum bij --start: ${JSON.stringify(startDate)}. Verwacht JJJJ-MM-DD, bijvoorbeeld 2027-03-01.`,
      );
    }
    const templateKey = oneOf(values, 'template', builtInTemplateKeys, 'visieleertraject');
    const region = values.regio === undefined ? undefined : oneOf(values, 'regio', REGIONS);
    return withStore(io, async (store) => {
      const before = await store.trajects.get(id, { kind: 'all' });
      const traject = await decide(
        store,
        id,
        { besluit: 'accepteren', templateKey, startDate, ...(region ? { region } : {}) },
        { actor: CLI_ACTOR },
      );
      if (values.json) {
        io.stdout.write(`${JSON.stringify({ traject }, null, 2)}\n`);
        return 0;
      }
      const known = new Set(before.participants.map((person) => person.id));
      const added = traject.participants.filter((person) => !known.has(person.id));
      const ticked = traject.checklist.filter((item) => item.done).length;
      io.stdout.write(
        [
          `Aanmelding geaccepteerd: ${trajectName(traject)} (${traject.id}) loopt vanaf ${traject.startDate}, ${traject.phases.length} fasen, ${traject.sessions.length} sessies.`,
          `Nieuwe deelnemers: ${added.length ? added.map((person) => `${person.name} (${localize(ROLE_LABELS[person.role])})`).join(', ') : 'geen'}.`,
          `Afgevinkte actiepunten: ${ticked}.`,
          '',
        ].join('\n'),
      );
      return 0;
    });
  },
};

const aanmeldingenAfwijzenCommand: Command = {
  path: ['aanmeldingen', 'afwijzen'],
  summary: 'Een aanmelding afwijzen, met een reden (status afgewezen)',
  help: `Gebruik: visieleren aanmeldingen afwijzen ID --reden TEKST [--json]

Sluit de aanmelding met status afgewezen; de reden komt in het dossier en het audit-log. Wat de gemeente
insturde blijft bewaard. Hetzelfde als "Aanmelding afwijzen" in de console.
  --reden TEKST   waarom, 3 tot 2000 tekens
  --json          het traject na het besluit als JSON

Voorbeeld:
  visieleren aanmeldingen afwijzen voorbeeld-heuvelland --reden "Past niet in deze ronde; meld u in het najaar opnieuw aan."
`,
  options: { reden: { type: 'string' }, json: { type: 'boolean' } },
  allowPositionals: true,
  async run({ values, positionals, io }) {
    const id = oneId(positionals, 'visieleren aanmeldingen afwijzen voorbeeld-heuvelland --reden "…"');
    const reden = requireOption(values, 'reden').trim();
    return withStore(io, async (store) => {
      // Core checks the reason (3 to 2000 characters); its error names --reden.
      const traject = await withOptionNames({ reden: 'reden' }, () =>
        decide(store, id, { besluit: 'afwijzen', reden }, { actor: CLI_ACTOR }),
      );
      if (values.json) {
        io.stdout.write(`${JSON.stringify({ traject }, null, 2)}\n`);
        return 0;
      }
      io.stdout.write(`Aanmelding afgewezen: ${trajectName(traject)} (${traject.id}). Reden: ${reden}\n`);
      return 0;
    });
  },
};

/** In the order `visieleren aanmeldingen --help` lists them (a module's own exports come sorted by name). */
export const aanmeldingenCommands: Command[] = [
  aanmeldingenListCommand,
  aanmeldingenShowCommand,
  aanmeldingenAccepterenCommand,
  aanmeldingenAfwijzenCommand,
];
