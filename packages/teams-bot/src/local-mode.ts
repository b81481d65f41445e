/**
 * The anonymous local mode (`TEAMS_LOCAL=1`) and where it may run. Apart from the rest of the settings so that
 * the server's settings check (every CLI command) can ask it without loading the Agents SDK:
 * `@visieleren/teams-bot/local-mode`.
 */

type Env = Readonly<Record<string, string | undefined>>;

export function isLocal(env: Env): boolean {
  return ['1', 'true', 'ja'].includes((env.TEAMS_LOCAL ?? '').trim().toLowerCase());
}

/** 127.0.0.0/8, ::1 and localhost: addresses only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const bare = host
    .trim()
    .replace(/^\[(.*)\]$/, '$1')
    .toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127(?:\.\d{1,3}){3}$/.test(bare);
}

/**
 * Why the anonymous local mode may not run on this address, or undefined when it may. Without a token check
 * anyone who reaches the server could post activities, redeem link codes and pick the `serviceUrl` the server
 * then calls; on a loopback address only this machine can.
 */
export function teamsLocalModeRefusal(env: Env, host: string): string | undefined {
  if (!isLocal(env) || env.TEAMS_APP_ID?.trim() || isLoopbackHost(host)) return undefined;
  return `TEAMS_LOCAL=1 (de anonieme Teams-modus zonder tokencontrole) mag alleen op een adres van deze machine draaien, maar HOST is ${host}. Zet HOST=127.0.0.1, of zet TEAMS_APP_ID en TEAMS_APP_PASSWORD en haal TEAMS_LOCAL weg.`;
}
