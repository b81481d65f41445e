/**
 * The Teams bot in the anonymous local mode on http://127.0.0.1:$PORT/api/messages (default 3978), with the demo trajects in
 * memory and a fresh link code for "Aan Zee", for Microsoft 365 Agents Playground. See the README, "Agents
 * Playground". Stop with Ctrl+C.
 *
 *   npx tsx --conditions=@visieleren/source packages/teams-bot/scripts/playground-server.ts
 */
import { startTestServer } from '../test/helpers/bot-server.js';

export async function startPlaygroundBot(port = 0) {
  const server = await startTestServer({ TEAMS_LOCAL: '1' }, { port });
  const { code } = await server.ports.linkCodes.create(
    { trajectId: server.trajectIds.aanZee, purpose: 'teams', ttlMs: 24 * 3_600_000 },
    'playground',
  );
  return { server, code };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { server, code } = await startPlaygroundBot(Number(process.env.PORT ?? 3978));
  process.stdout.write(
    [
      `Bot: ${server.url}/api/messages (anoniem, alleen op deze machine)`,
      `Koppelcode voor Aan Zee (fictief): ${code}`,
      `Start de Playground: npx agentsplayground -e ${server.url}/api/messages -c msteams --dt`,
      '',
    ].join('\n'),
  );
}
