import { parseArgs } from 'node:util';
import { COMMAND_GROUPS, type CommandGroup, findGroup, loadGroupCommands } from './catalog.js';
import { type CliIo, type Command, UsageError } from './command.js';
import { ServerHoldsDatabase } from './local-server.js';
import { alignColumns } from './table.js';

const EXIT_OK = 0;
const EXIT_FAILURE = 1;
const EXIT_USAGE = 2;

const HELP_WORDS = new Set(['--help', '-h', 'help']);

function overview(): string {
  return [
    'visieleren — de visieleertrajecten van de VNG in Teams, Slack, Notion en formulieren',
    '',
    'Gebruik: visieleren <opdracht> [opties]',
    '',
    'Opdrachten:',
    alignColumns(
      COMMAND_GROUPS.map((group) => [group.name, group.summary]),
      { indent: 2 },
    ),
    '',
    'Meer over een opdracht of groep: visieleren <opdracht> --help (bijvoorbeeld visieleren traject --help)',
    '',
  ].join('\n');
}

function groupHelp(group: CommandGroup, commands: Command[]): string {
  return [
    `visieleren ${group.name} — ${group.summary}`,
    '',
    'Opdrachten:',
    alignColumns(
      commands.map((command) => [`visieleren ${command.path.join(' ')}`, command.summary]),
      { indent: 2 },
    ),
    '',
    `Meer over één opdracht: visieleren ${commands[0]?.path.join(' ') ?? group.name} --help`,
    '',
  ].join('\n');
}

/** Finds the command whose words match the longest prefix of argv. */
function findCommand(commands: Command[], argv: string[]): { command: Command; rest: string[] } | undefined {
  let best: { command: Command; rest: string[] } | undefined;
  for (const command of commands) {
    const matches = command.path.every((word, index) => argv[index] === word);
    if (matches && (!best || command.path.length > best.command.path.length)) {
      best = { command, rest: argv.slice(command.path.length) };
    }
  }
  return best;
}

/** Node's parseArgs speaks English; our users read Dutch. */
function translateParseError(error: unknown): UsageError {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  const option = /'(-{1,2}[^'\s]+)/.exec(message)?.[1] ?? '';
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return new UsageError(`Onbekend argument ${option}.`);
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return new UsageError(`Het argument ${option} verwacht een waarde.`);
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return new UsageError(`Onverwacht argument ${/'([^']+)'/.exec(message)?.[1] ?? ''}.`);
    default:
      return new UsageError(message);
  }
}

/** `--region noord` and `--region=noord` become `--regio …` for a command that renamed the option. */
function applyAliases(args: string[], aliases: Record<string, string> | undefined): string[] {
  if (!aliases) return args;
  return args.map((arg) => {
    const match = /^--([^=]+)(=.*)?$/.exec(arg);
    const renamed = match?.[1] ? aliases[match[1]] : undefined;
    return renamed ? `--${renamed}${match?.[2] ?? ''}` : arg;
  });
}

/** Edit distance, for "did you mean": `trajec` → `traject`. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

function unknownCommand(argv: string[], io: CliIo, commands: Command[] = []): number {
  const near = COMMAND_GROUPS.filter((group) => distance(group.name, argv[0] ?? '') <= 2);
  const hint = commands.length
    ? `Bedoelt u: ${commands.map((command) => `visieleren ${command.path.join(' ')}`).join(', ')}?`
    : near.length
      ? `Bedoelt u: ${near.map((group) => `visieleren ${group.name}`).join(', ')}?`
      : 'Zie visieleren --help voor de opdrachten.';
  io.stderr.write(`Onbekende opdracht: ${argv.slice(0, 2).join(' ')}. ${hint}\n`);
  return EXIT_USAGE;
}

async function runCommand(command: Command, rest: string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: applyAliases(rest, command.aliases),
      options: command.options,
      allowPositionals: command.allowPositionals ?? false,
      strict: true,
    });
  } catch (error) {
    throw translateParseError(error);
  }
  return await command.run({ values: parsed.values, positionals: parsed.positionals, io });
}

async function reportError(error: unknown, command: Command, io: CliIo): Promise<number> {
  // Loaded only now: `--help` and the commands that succeed never pay for the core.
  const { isVisielerenError, ValidationError } = await import('@visieleren/core');
  if (error instanceof UsageError || error instanceof ValidationError) {
    io.stderr.write(`Fout: ${error.message}\nZie: visieleren ${command.path.join(' ')} --help\n`);
    return EXIT_USAGE;
  }
  if (isVisielerenError(error)) {
    io.stderr.write(`Fout: ${error.message}\n`);
    return EXIT_FAILURE;
  }
  io.stderr.write(`Onverwachte fout: ${error instanceof Error ? error.message : String(error)}\n`);
  return EXIT_FAILURE;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  if (argv.length === 0 || HELP_WORDS.has(argv[0] ?? '')) {
    io.stdout.write(overview());
    return argv.length === 0 ? EXIT_USAGE : EXIT_OK;
  }
  const group = findGroup(argv[0]);
  if (!group) return unknownCommand(argv, io);
  const commands = await loadGroupCommands(group);
  const found = findCommand(commands, argv);
  if (!found) {
    if (argv.length === 1 || HELP_WORDS.has(argv[1] ?? '')) {
      io.stdout.write(groupHelp(group, commands));
      return argv.length === 1 ? EXIT_USAGE : EXIT_OK;
    }
    return unknownCommand(argv, io, commands);
  }
  const { command, rest } = found;
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(`${command.help.trimEnd()}\n`);
    return EXIT_OK;
  }
  try {
    return await runCommand(command, rest, io);
  } catch (error) {
    if (error instanceof ServerHoldsDatabase) {
      // `serve` has the embedded database open: it runs the command for us, with its own store.
      const { runOnServer } = await import('./remote.js');
      return runOnServer(error.server, argv, io);
    }
    return reportError(error, command, io);
  }
}
