import {
  LESSON_KIND_LABELS,
  LESSON_KINDS,
  type Lesson,
  localize,
  searchLessons,
  THEME_LABELS,
  THEMES,
  UITGANGSPUNT_KEYS,
} from '@visieleren/core';
import type { LessonReview } from '../admin/lessons.js';
import { type Command, oneOf, requireOption, UsageError } from '../cli/command.js';
import { CLI_ACTOR, lifecycleRepository, withStore } from './with-store.js';

// The lessons' modules read the store: loaded when a command runs, so `visieleren lessen --help` stays light.
const views = () => import('../lifecycle/views.js');
const review = () => import('../admin/lessons.js');

function describeLesson(lesson: Lesson): string {
  return [
    `${lesson.id}`,
    `  ${lesson.title}`,
    `  ${localize(LESSON_KIND_LABELS[lesson.kind])} · ${localize(THEME_LABELS[lesson.theme])}${lesson.source ? ` · bron: ${lesson.source}` : ''}`,
    ...(lesson.uitgangspunten.length ? [`  uitgangspunten: ${lesson.uitgangspunten.join(', ')}`] : []),
    ...(lesson.trajectId
      ? [`  traject: ${lesson.trajectId}${lesson.shared ? ' (gedeeld)' : ' (alleen dit traject)'}`]
      : []),
  ].join('\n');
}

export const lessenListCommand: Command = {
  path: ['lessen', 'list'],
  summary: 'De bibliotheek van geleerde lessen, te zoeken op thema, uitgangspunt en tekst',
  help: `Gebruik: visieleren lessen list [--thema THEMA] [--uitgangspunt SLEUTEL] [--soort SOORT] [--tekst WOORDEN] [--traject ID] [--json]

De dilemma's en werkzame elementen uit de Rapportage Visieleren (VNG, april 2024, met bron) en de lessen van
trajecten. Met --traject ziet u wat die gemeente ziet: de eigen lessen en de gedeelde.

Thema's: ${THEMES.join(', ')}
Uitgangspunten: ${UITGANGSPUNT_KEYS.join(', ')}
Soorten: ${LESSON_KINDS.join(', ')}

Voorbeeld:
  visieleren lessen list --thema rust-en-regie --tekst koers
`,
  options: {
    thema: { type: 'string' },
    uitgangspunt: { type: 'string' },
    soort: { type: 'string' },
    tekst: { type: 'string' },
    traject: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run({ values, io }) {
    const theme = values.thema === undefined ? undefined : oneOf(values, 'thema', THEMES);
    const uitgangspunt =
      values.uitgangspunt === undefined ? undefined : oneOf(values, 'uitgangspunt', UITGANGSPUNT_KEYS);
    const kind = values.soort === undefined ? undefined : oneOf(values, 'soort', LESSON_KINDS);
    return withStore(io, async (store) => {
      const viewer =
        typeof values.traject === 'string'
          ? { kind: 'traject' as const, trajectId: values.traject }
          : { kind: 'all' as const };
      const lessen = searchLessons(await (await views()).allLessons(store), viewer, {
        ...(theme ? { theme } : {}),
        ...(uitgangspunt ? { uitgangspunt } : {}),
        ...(kind ? { kind } : {}),
        ...(typeof values.tekst === 'string' ? { text: values.tekst } : {}),
      });
      if (values.json) {
        io.stdout.write(`${JSON.stringify({ lessen }, null, 2)}\n`);
        return 0;
      }
      io.stdout.write(
        lessen.length
          ? `${lessen.map(describeLesson).join('\n\n')}\n\n${lessen.length} les${lessen.length === 1 ? '' : 'sen'}\n`
          : 'Geen lessen gevonden met deze keuzes.\n',
      );
      return 0;
    });
  },
};

export const lessenShowCommand: Command = {
  path: ['lessen', 'show'],
  summary: 'Eén les met tekst, thema, uitgangspunten en bron',
  help: `Gebruik: visieleren lessen show ID [--json]

Voorbeeld:
  visieleren lessen show rapportage-3-2-leiderschap
`,
  options: { json: { type: 'boolean' } },
  allowPositionals: true,
  async run({ values, positionals, io }) {
    const id = positionals[0];
    if (!id)
      throw new UsageError(
        'Geef het id van de les, bijvoorbeeld: visieleren lessen show rapportage-3-2-leiderschap',
      );
    return withStore(io, async (store) => {
      const lesson = (await (await views()).allLessons(store)).find((candidate) => candidate.id === id);
      if (!lesson) {
        io.stderr.write(`Les ${JSON.stringify(id)} bestaat niet. Zie: visieleren lessen list\n`);
        return 1;
      }
      io.stdout.write(
        values.json
          ? `${JSON.stringify({ les: lesson }, null, 2)}\n`
          : `${describeLesson(lesson)}\n\n${lesson.body}\n`,
      );
      return 0;
    });
  },
};

export const lessenAddCommand: Command = {
  path: ['lessen', 'add'],
  summary: 'Een geleerde les vastleggen, bij een traject of los',
  help: `Gebruik: visieleren lessen add --thema THEMA --titel TEKST --tekst TEKST [--uitgangspunt SLEUTEL,…] [--traject ID] [--gedeeld] [--soort SOORT]

Een les zonder traject is altijd gedeeld; een les van een traject alleen met --gedeeld.

Voorbeeld:
  visieleren lessen add --thema rust-en-regie --titel "Eén aanspreekpunt werkt" \\
    --tekst "Inwoners met meerdere vragen willen één vast aanspreekpunt." --uitgangspunt regie-en-zeggenschap
`,
  options: {
    thema: { type: 'string' },
    titel: { type: 'string' },
    tekst: { type: 'string' },
    uitgangspunt: { type: 'string' },
    traject: { type: 'string' },
    gedeeld: { type: 'boolean' },
    soort: { type: 'string' },
  },
  async run({ values, io }) {
    const theme = oneOf(values, 'thema', THEMES);
    const title = requireOption(values, 'titel');
    const body = requireOption(values, 'tekst');
    const kind = values.soort === undefined ? 'les' : oneOf(values, 'soort', LESSON_KINDS);
    const uitgangspunten =
      typeof values.uitgangspunt === 'string'
        ? values.uitgangspunt
            .split(',')
            .map((part) => part.trim())
            .filter(Boolean)
        : [];
    for (const key of uitgangspunten) {
      if (!(UITGANGSPUNT_KEYS as readonly string[]).includes(key)) {
        throw new UsageError(
          `Onbekend uitgangspunt bij --uitgangspunt: ${JSON.stringify(key)}. Kies uit: ${UITGANGSPUNT_KEYS.join(', ')}.`,
        );
      }
    }
    return withStore(io, async (store) => {
      const lesson = await (await lifecycleRepository(store)).addLesson(
        {
          theme,
          kind,
          title,
          body,
          uitgangspunten: uitgangspunten as (typeof UITGANGSPUNT_KEYS)[number][],
          shared: values.gedeeld === true,
          ...(typeof values.traject === 'string' ? { trajectId: values.traject } : {}),
        },
        CLI_ACTOR,
      );
      io.stdout.write(`Les vastgelegd: ${lesson.id}\n`);
      return 0;
    });
  },
};

export const lessenWachtendCommand: Command = {
  path: ['lessen', 'wachtend'],
  summary: 'De lessen van gemeenten en uit het nazorgformulier die op goedkeuring wachten',
  help: `Gebruik: visieleren lessen wachtend [--json]

Lessen die een gemeente (met haar token) of het nazorgformulier vastlegde, staan pas op de openbare pagina
/lessen als het VNG-team ze goedkeurt (en de gemeente ze laat delen). Dit zijn de lessen die wachten, oudste
eerst, zoals "Lessen beoordelen" in de console.
  --json   als JSON: { lessen }

Voorbeeld:
  visieleren lessen wachtend
`,
  options: { json: { type: 'boolean' } },
  async run({ values, io }) {
    return withStore(io, async (store) => {
      const lessen = await (await review()).lessonsAwaitingReview(store);
      if (values.json) {
        io.stdout.write(`${JSON.stringify({ lessen }, null, 2)}\n`);
        return 0;
      }
      if (lessen.length === 0) {
        io.stdout.write('Geen lessen die op goedkeuring wachten.\n');
        return 0;
      }
      const blocks = lessen.map(
        (lesson) =>
          `${describeLesson(lesson)}\n  ${lesson.shared ? 'mag gedeeld worden' : 'alleen voor het eigen traject'} · vastgelegd door ${lesson.createdBy ?? 'onbekend'}\n\n  ${lesson.body.replaceAll('\n', '\n  ')}`,
      );
      io.stdout.write(
        `${blocks.join('\n\n')}\n\n${lessen.length} les${lessen.length === 1 ? '' : 'sen'} wacht${lessen.length === 1 ? '' : 'en'}. ` +
          'Goedkeuren: visieleren lessen goedkeuren ID; afwijzen: visieleren lessen afwijzen ID\n',
      );
      return 0;
    });
  },
};

function reviewCommand(verdict: LessonReview): Command {
  const approve = verdict === 'goedgekeurd';
  const verb = approve ? 'goedkeuren' : 'afwijzen';
  return {
    path: ['lessen', verb],
    summary: approve
      ? 'Een les goedkeuren: gedeeld staat hij dan op de openbare pagina /lessen'
      : 'Een les afwijzen: hij blijft bij het traject en komt niet op /lessen',
    help: `Gebruik: visieleren lessen ${verb} ID [--json]

${
  approve
    ? `Keurt een les van een gemeente of uit het nazorgformulier goed; als de gemeente hem laat delen, staat hij
daarna op de openbare pagina /lessen. Een les uit de Rapportage Visieleren is al goedgekeurd.`
    : `Wijst een les van een gemeente of uit het nazorgformulier af: hij komt niet op de openbare pagina /lessen.
Een les uit de Rapportage Visieleren kan niet worden afgewezen.`
}
Zoals in de console en PUT /api/v1/lessen/{les}/beoordeling. De ids: visieleren lessen wachtend.
  --json   de les na de beoordeling als JSON

Voorbeeld${approve ? 'en' : ''}:
${approve ? '  visieleren lessen goedkeuren rapportage-3-2-leiderschap\n' : ''}  visieleren lessen wachtend
  visieleren lessen ${verb} <id uit lessen wachtend>
`,
    options: { json: { type: 'boolean' } },
    allowPositionals: true,
    async run({ values, positionals, io }) {
      const id = positionals[0]?.trim();
      if (!id || positionals.length > 1) {
        throw new UsageError(`Geef precies één les-id (zie visieleren lessen wachtend).`);
      }
      return withStore(io, async (store) => {
        const les = await (await review()).reviewLesson(store, id, verdict, CLI_ACTOR);
        if (values.json) {
          io.stdout.write(`${JSON.stringify({ les }, null, 2)}\n`);
          return 0;
        }
        const shown = approve && (les.shared || les.trajectId === undefined);
        io.stdout.write(
          `Les ${les.id} ${approve ? 'goedgekeurd' : 'afgewezen'}: ${les.title}. ${
            shown
              ? 'Hij staat op de openbare pagina /lessen.'
              : approve
                ? 'De gemeente deelt hem niet: hij blijft bij haar traject.'
                : 'Hij komt niet op de openbare pagina /lessen.'
          }\n`,
        );
        return 0;
      });
    },
  };
}

export const lessenGoedkeurenCommand = reviewCommand('goedgekeurd');
export const lessenAfwijzenCommand = reviewCommand('afgewezen');
