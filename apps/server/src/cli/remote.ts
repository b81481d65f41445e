import type { CliIo } from './command.js';
import type { LocalServer } from './local-server.js';

/** The CLI channel's path on the server (loopback only; see src/http/cli-channel.ts). */
export const CLI_CHANNEL_PATH = '/lokaal/cli';

export interface ChannelRequest {
  argv: string[];
  /** Relative file arguments (`--file traject.json`, `--out dossier.json`) are read and written from here. */
  cwd: string;
}

export interface ChannelResponse {
  code: number;
  stdout: string;
  stderr: string;
}

/** Sends the command to the running server, prints what it printed and returns its exit code. */
export async function runOnServer(server: LocalServer, argv: string[], io: CliIo): Promise<number> {
  const request: ChannelRequest = { argv, cwd: io.cwd };
  let response: Response;
  try {
    response = await fetch(new URL(CLI_CHANNEL_PATH, server.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${server.credential}`, 'content-type': 'application/json' },
      body: JSON.stringify(request),
    });
  } catch (error) {
    const reason = (error as { cause?: { code?: string } }).cause?.code ?? String(error);
    io.stderr.write(
      `Fout: de draaiende server (pid ${server.pid}, ${server.url}) heeft de database open maar antwoordt niet (${reason}). ` +
        'Wacht tot hij gestart is, of stop hem en probeer het opnieuw.\n',
    );
    return 1;
  }
  if (!response.ok) {
    io.stderr.write(
      `Fout: de draaiende server (pid ${server.pid}) weigerde de opdracht (HTTP ${response.status}). ` +
        'Is hij een andere versie? Start hem dan opnieuw.\n',
    );
    return 1;
  }
  const result = (await response.json()) as ChannelResponse;
  io.stdout.write(result.stdout);
  io.stderr.write(result.stderr);
  return result.code;
}
