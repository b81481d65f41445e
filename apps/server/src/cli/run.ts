import { parseArgs } from 'node:util';
import { isVisielerenError, ValidationError } from '@visieleren/core';
import { commands } from '../commands/index.js';
import { type CliIo, type Command, UsageError } from './command.js';

const EXIT_OK = 0;
const EXIT_FAILURE = 1;
const EXIT_USAGE = 2;

function overview(): string {
  const width = Math.max(...commands.map((command) => command.path.join(' ').length));
  const lines = commands.map((command) => `  ${command.path.join(' ').padEnd(width)}  ${command.summary}`);
  return [
    'visieleren — de visieleertrajecten van de VNG in Teams, Slack, Notion en formulieren',
    '',
    'Gebruik: visieleren <opdracht> [opties]',
    '',
    'Opdrachten:',
    ...lines,
    '',
    'Meer over één opdracht: visieleren <opdracht> --help',
    '',
  ].join('\n');
}

/** Finds the command whose words match the longest prefix of argv. */
function findCommand(argv: string[]): { command: Command; rest: string[] } | undefined {
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

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.stdout.write(overview());
    return argv.length === 0 ? EXIT_USAGE : EXIT_OK;
  }
  const found = findCommand(argv);
  if (!found) {
    const known = commands.filter((command) => command.path[0] === argv[0]);
    const hint = known.length
      ? `Bedoelt u: ${known.map((command) => `visieleren ${command.path.join(' ')}`).join(', ')}?`
      : 'Zie visieleren --help voor de opdrachten.';
    io.stderr.write(`Onbekende opdracht: ${argv.slice(0, 2).join(' ')}. ${hint}\n`);
    return EXIT_USAGE;
  }
  const { command, rest } = found;
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(`${command.help.trimEnd()}\n`);
    return EXIT_OK;
  }
  try {
    let parsed: ReturnType<typeof parseArgs>;
    try {
      parsed = parseArgs({
        args: rest,
        options: command.options,
        allowPositionals: command.allowPositionals ?? false,
        strict: true,
      });
    } catch (error) {
      throw translateParseError(error);
    }
    return await command.run({ values: parsed.values, positionals: parsed.positionals, io });
  } catch (error) {
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
}
