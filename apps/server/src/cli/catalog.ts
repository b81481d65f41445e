import type { Command } from './command.js';

/**
 * The command groups `visieleren` knows, in the order `--help` lists them. Each group's module is imported only
 * when one of its commands runs: `visieleren --help` and `visieleren plan` stay fast because the store,
 * pg-boss and the Teams, Slack and Notion SDKs are loaded only by the commands that use them.
 * A group's commands are the `Command` objects its module exports, so a new command needs no entry here.
 */
export interface CommandGroup {
  /** The first word: `traject` in `visieleren traject list`. */
  name: string;
  /** One Dutch line for the overview. */
  summary: string;
  load(): Promise<Record<string, unknown>>;
}

export const COMMAND_GROUPS: readonly CommandGroup[] = [
  {
    name: 'serve',
    summary: 'De server starten: overzichtspagina, JSON-API en herinneringen',
    load: () => import('../commands/serve.js'),
  },
  {
    name: 'traject',
    summary: 'Trajecten: overzicht, één traject in detail, een nieuw traject, status met reden',
    load: () => import('../commands/traject.js'),
  },
  {
    name: 'aanmeldingen',
    summary: 'Aanmeldingen: de open aanmeldingen, het hele formulier, accepteren of afwijzen',
    load: () => import('../commands/aanmeldingen.js'),
  },
  {
    name: 'token',
    summary: 'API-tokens voor het VNG-team of één gemeente: maken, tonen, intrekken',
    load: () => import('../commands/token.js'),
  },
  {
    name: 'rapport',
    summary: 'De rapportage over alle trajecten als CSV of spreadsheet',
    load: () => import('../commands/rapport.js'),
  },
  {
    name: 'reminders',
    summary: 'Herinneringen: wat aan de beurt is, wat verstuurd, mislukt of onzeker is, opnieuw proberen',
    load: () => import('../commands/reminders.js'),
  },
  {
    name: 'db',
    summary: 'De database bijwerken naar de nieuwste versie (migraties)',
    load: () => import('../commands/db.js'),
  },
  {
    name: 'export',
    summary: 'Het hele dossier van één traject als JSON',
    load: () => import('../commands/export.js'),
  },
  {
    name: 'forget',
    summary: 'AVG: alle persoonsgegevens van één persoon verwijderen',
    load: () => import('../commands/forget.js'),
  },
  {
    name: 'templates',
    summary: 'De ingebouwde trajecttemplates: fasen, weken en gevraagde inzet',
    load: () => import('../commands/templates.js'),
  },
  {
    name: 'plan',
    summary: 'Een gedateerd plan voor een traject: fasen, sessies, actiepunten (tekst, JSON of agenda)',
    load: () => import('../commands/plan.js'),
  },
  {
    name: 'lessen',
    summary: 'De bibliotheek van geleerde lessen: zoeken, lezen, vastleggen, goedkeuren of afwijzen',
    load: () => import('../commands/lessen.js'),
  },
  {
    name: 'programma',
    summary: "Programma's: een cohort maken, trajecten toevoegen, metingen vastleggen",
    load: () => import('../commands/programmas.js'),
  },
  {
    name: 'vit',
    summary: 'De VIT-vragen en het scoren van antwoorden tot een profiel',
    load: () => import('../commands/vit.js'),
  },
  {
    name: 'duo',
    summary: 'Een ronde duo-interviews plannen: paren, tijdsloten en moderatoren',
    load: () => import('../commands/duo.js'),
  },
  {
    name: 'forms',
    summary: 'Formulieren: tonen, renderen per kanaal, een ondertekende link maken of mailen',
    load: () => import('../commands/forms.js'),
  },
  {
    name: 'jobs',
    summary: 'Achtergrondtaken (Slack, Notion, uitnodigingen): toestand en opnieuw proberen',
    load: () => import('../commands/jobs.js'),
  },
  {
    name: 'openapi',
    summary: 'Het OpenAPI 3.1-document van de JSON-API afdrukken',
    load: () => import('../commands/openapi.js'),
  },
  {
    name: 'notion',
    summary: 'Notion: de werkruimte aanmaken en de dossiers synchroniseren',
    load: () => import('../commands/notion.js'),
  },
  {
    name: 'slack',
    summary: 'Slack: het app-manifest en de koppelingen',
    load: () => import('../commands/slack.js'),
  },
  {
    name: 'teams',
    summary: 'Teams: koppelcodes, koppelingen, het app-manifest en -pakket',
    load: () => import('../commands/teams.js'),
  },
];

function isCommand(value: unknown): value is Command {
  const candidate = value as Partial<Command> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    Array.isArray(candidate.path) &&
    typeof candidate.run === 'function' &&
    typeof candidate.help === 'string'
  );
}

/** The commands a group's module exports (arrays of commands included), each once, in export order. */
export async function loadGroupCommands(group: CommandGroup): Promise<Command[]> {
  const exported = Object.values(await group.load()).flatMap((value) =>
    Array.isArray(value) ? value : [value],
  );
  return [...new Set(exported.filter(isCommand))].filter((command) => command.path[0] === group.name);
}

export function findGroup(name: string | undefined): CommandGroup | undefined {
  return COMMAND_GROUPS.find((group) => group.name === name);
}
