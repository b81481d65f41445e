import {
  amsterdamDate,
  formatDateLong,
  isVisielerenError,
  type PluginContext,
  trajectName,
} from '@visieleren/core';
import type { AnyBlock } from './block-kit/blocks.js';
import { blocks } from './block-kit/blocks.js';
import { BLOCK_LIMITS, splitBlocks } from './block-kit/limits.js';
import { portfolioBlocks } from './home.js';
import { t } from './text.js';
import { findTraject, overviewLine, today } from './trajecten.js';
import type { SlackClients } from './web-client.js';

export type CommandName = 'help' | 'trajecten' | 'status' | 'duo-plan' | 'koppel' | 'teams-code' | 'unknown';

export interface ParsedCommand {
  name: CommandName;
  gemeente: string;
  /** The words as typed, for the "unknown command" answer. */
  raw: string;
}

/** `/visieleren duo plan Hoorn` → duo-plan, "Hoorn". */
export function parseCommand(text: string): ParsedCommand {
  const raw = text.trim().replace(/\s+/g, ' ');
  const [first = '', ...rest] = raw.split(' ');
  const word = first.toLowerCase();
  if (word === '' || word === 'help' || word === 'hulp') return { name: 'help', gemeente: '', raw };
  if (word === 'trajecten') return { name: 'trajecten', gemeente: '', raw };
  if (word === 'status' || word === 'koppel' || word === 'teams-code') {
    return { name: word, gemeente: rest.join(' '), raw };
  }
  if (word === 'duo' && rest[0]?.toLowerCase() === 'plan')
    return { name: 'duo-plan', gemeente: rest.slice(1).join(' '), raw };
  return { name: 'unknown', gemeente: '', raw };
}

export const NEEDS_GEMEENTE: ReadonlySet<CommandName> = new Set([
  'status',
  'duo-plan',
  'koppel',
  'teams-code',
]);

export interface CommandJob {
  text: string;
  userId: string;
  channelId: string;
  channelName?: string;
  teamId?: string;
  responseUrl?: string;
}

export interface Reply {
  text: string;
  blocks?: AnyBlock[];
}

/** A Teams link code lives a day: long enough to walk over to Teams, short enough not to linger. */
const TEAMS_CODE_TTL_MS = 24 * 60 * 60_000;

/** The work behind a slash command, after the acknowledgement: what to answer, possibly in several messages. */
export async function runCommand(
  context: PluginContext,
  job: CommandJob,
  /** Whether the bot is in the command's channel (undefined: a DM, nothing to check). */
  botInChannel: (channelId: string) => Promise<boolean | undefined> = async () => undefined,
): Promise<Reply[]> {
  const parsed = parseCommand(job.text);
  const actor = `slack:${job.userId}`;
  try {
    switch (parsed.name) {
      case 'help':
        return [{ text: t('help', 'nl') }];
      case 'unknown':
        return [{ text: t('unknownCommand', 'nl', { command: parsed.raw }) }];
      case 'trajecten': {
        const trajects = await context.trajects.list({ kind: 'all' });
        const all = portfolioBlocks(trajects, today(context.clock), {
          maxBlocks: Number.POSITIVE_INFINITY,
          trajectUrl: (id) => context.signLink({ path: 'traject', trajectId: id }),
          withButtons: false,
        });
        return splitBlocks(
          all.map((block) => [block]),
          BLOCK_LIMITS.blocksPerMessage,
        ).map((part, index) => ({
          text: index === 0 ? t('portfolioHeader', 'nl') : `${t('portfolioHeader', 'nl')} (${index + 1})`,
          blocks: part,
        }));
      }
      case 'status': {
        const traject = await findTraject(context.trajects, parsed.gemeente);
        const { text } = overviewLine(traject, today(context.clock));
        const rounds = await context.duoRounds.listRounds(traject.id);
        const roundText = rounds.length
          ? rounds
              .map(
                (round) =>
                  `ronde ${round.roundNumber} (${round.state}, ${Object.keys(round.availability).length} antwoorden)`,
              )
              .join(', ')
          : t('noRounds', 'nl');
        return [
          {
            text: `${trajectName(traject)}`,
            blocks: [blocks.section(text), blocks.context(t('rounds', 'nl', { rounds: roundText }))],
          },
        ];
      }
      case 'koppel': {
        const traject = await findTraject(context.trajects, parsed.gemeente);
        // A channel the bot is not in would take no reminder or schedule: link it once the bot is there.
        if ((await botInChannel(job.channelId)) === false) {
          return [
            { text: t('notInChannel', 'nl', { name: trajectName(traject), gemeente: parsed.gemeente }) },
          ];
        }
        await context.links.link(
          {
            kind: 'slack-channel',
            externalId: job.channelId,
            trajectId: traject.id,
            payload: {
              ...(job.teamId ? { teamId: job.teamId } : {}),
              ...(job.channelName ? { name: job.channelName } : {}),
            },
          },
          actor,
        );
        return [{ text: t('linked', 'nl', { name: trajectName(traject) }) }];
      }
      case 'teams-code': {
        const traject = await findTraject(context.trajects, parsed.gemeente);
        const code = await context.linkCodes.create(
          { trajectId: traject.id, purpose: 'teams', ttlMs: TEAMS_CODE_TTL_MS },
          actor,
        );
        const until = new Date(code.expiresAt);
        const time = new Intl.DateTimeFormat('nl-NL', {
          timeZone: 'Europe/Amsterdam',
          hour: '2-digit',
          minute: '2-digit',
        }).format(until);
        return [
          {
            text: t('teamsCode', 'nl', {
              name: trajectName(traject),
              code: code.code,
              until: `${formatDateLong(amsterdamDate(until))} ${time}`,
            }),
          },
        ];
      }
      case 'duo-plan':
        // Opened right after the acknowledgement (the trigger id lives 3 s); never queued.
        return [];
    }
  } catch (error) {
    if (isVisielerenError(error) && error.code !== 'INTERNAL')
      return [{ text: t('failed', 'nl', { reason: error.message }) }];
    throw error;
  }
}

/** Sends an ephemeral answer through the command's response_url (works in every channel, also DMs). */
export async function respond(url: string, reply: Reply, signal?: AbortSignal): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      response_type: 'ephemeral',
      text: reply.text,
      ...(reply.blocks ? { blocks: reply.blocks } : {}),
    }),
    signal: signal ?? AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`response_url antwoordde ${response.status}`);
}

/** When Slack gave no response_url: an ephemeral message via the Web API. */
export async function respondEphemeral(clients: SlackClients, job: CommandJob, reply: Reply): Promise<void> {
  await clients.post.chat.postEphemeral({
    channel: job.channelId,
    user: job.userId,
    text: reply.text,
    ...(reply.blocks ? { blocks: reply.blocks } : {}),
  });
}
