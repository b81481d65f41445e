import { timingSafeEqual } from 'node:crypto';
import express, { type Router } from 'express';
import type { AttachedServer } from '../cli/command.js';
import { type ChannelResponse, CLI_CHANNEL_PATH } from '../cli/remote.js';
import { runCli } from '../cli/run.js';
import { sendProblem } from './problem.js';

export interface CliChannelOptions {
  /** The bearer credential the discovery file holds (src/cli/local-server.ts). */
  credential: string;
  /** The running server's store and settings; undefined while it is still starting. */
  attached: () => AttachedServer | undefined;
  /** The server's environment, as the commands would read it in its shell. */
  env: Record<string, string | undefined>;
}

const MAX_ARGS = 200;

/** Only the machine itself may use the channel, whatever address the server listens on (HOST=0.0.0.0). */
function fromLoopback(address: string | undefined): boolean {
  return (
    address === '::1' || address?.startsWith('127.') === true || address?.startsWith('::ffff:127.') === true
  );
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function isChannelRequest(body: unknown): body is { argv: string[]; cwd: string } {
  const candidate = body as { argv?: unknown; cwd?: unknown } | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    Array.isArray(candidate.argv) &&
    candidate.argv.length > 0 &&
    candidate.argv.length <= MAX_ARGS &&
    candidate.argv.every((arg) => typeof arg === 'string') &&
    typeof candidate.cwd === 'string' &&
    candidate.cwd.startsWith('/')
  );
}

/**
 * The local CLI channel: `visieleren <command>` in another shell, finding this server in the data folder,
 * posts its arguments here and the server runs the command with its own open store (the embedded database is
 * one process's). Not part of the public API: loopback only, with the credential only the same user can read.
 */
export function createCliChannelRouter(options: CliChannelOptions): Router {
  const router = express.Router();
  router.post(CLI_CHANNEL_PATH, express.json({ limit: '256kb' }), async (req, res) => {
    if (!fromLoopback(req.socket.remoteAddress)) {
      sendProblem(res, 403, 'FORBIDDEN', 'Het CLI-kanaal is alleen bereikbaar vanaf deze machine.');
      return;
    }
    const header = req.get('authorization') ?? '';
    const given = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
    if (!sameSecret(given, options.credential)) {
      sendProblem(res, 401, 'UNAUTHORIZED', 'Het CLI-kanaal vraagt de sleutel uit de datamap.');
      return;
    }
    if (!isChannelRequest(req.body)) {
      sendProblem(res, 400, 'BAD_REQUEST', 'Verwacht { argv: string[], cwd: absoluut pad }.');
      return;
    }
    const attached = options.attached();
    if (!attached) {
      sendProblem(res, 503, 'STARTING', 'De server start nog; probeer het zo opnieuw.');
      return;
    }
    const { argv, cwd } = req.body;
    let stdout = '';
    let stderr = '';
    const io = {
      stdout: { write: (chunk: string) => (stdout += chunk) },
      stderr: { write: (chunk: string) => (stderr += chunk) },
      cwd,
      env: options.env,
      attached,
    };
    let code = 1;
    if (argv[0] === 'serve') io.stderr.write('Fout: de server draait al (zie de datamap).\n');
    else code = await runCli(argv, io);
    const result: ChannelResponse = { code, stdout, stderr };
    res.setHeader('Cache-Control', 'no-store');
    res.json(result);
  });
  return router;
}
