import { App, ExpressReceiver, LogLevel } from '@slack/bolt';
import {
  isPermanentError,
  isVisielerenError,
  type JobDefinition,
  type JobOptions,
  type Notifier,
  type PluginContext,
} from '@visieleren/core';
import { botIsMember } from './channel-membership.js';
import {
  type CommandJob,
  NEEDS_GEMEENTE,
  parseCommand,
  type Reply,
  respond,
  respondEphemeral,
  runCommand,
} from './commands.js';
import type { AvailabilityButtonValue, RoundInputView } from './duo/messages.js';
import { interviewText } from './duo/messages.js';
import {
  MOVE_CALLBACK,
  moveModal,
  PLAN_CALLBACK,
  type PlanModalMetadata,
  parsePlanSubmission,
  planModal,
  SWAP_PREFIX,
} from './duo/plan-modal.js';
import { JOB_NAMES, RoundFlow } from './duo/round-flow.js';
import { HandledRequests, requestKey } from './handled-requests.js';
import { ACTIONS, HOME_LINK_TTL_MS, homeView } from './home.js';
import { createSlackNotifier } from './notifier.js';
import { SlackPoster, type Sleep } from './poster.js';
import { withinRequestWindow } from './request-window.js';
import type { SlackConfig } from './settings.js';
import { TeamAccess } from './team-access.js';
import { t } from './text.js';
import { findTraject, today } from './trajecten.js';
import { createSlackClients, type SlackClients, webClientOptions } from './web-client.js';

/** Where Slack sends commands, interactivity and events (one URL for all three), below the plugin's mount path. */
export const SLACK_EVENTS_PATH = '/events';
/** The availability deadline proposed in the plan modal: a week from now. */
const DEFAULT_DEADLINE_MS = 7 * 24 * 60 * 60_000;

export interface SlackAppOptions {
  context: PluginContext;
  config: SlackConfig;
  /** Tests and benchmarks pass their own sleep (still real time, but countable). */
  sleep?: Sleep;
  /** Spacing of posts per channel in ms (default 1,000: Slack's 1 message per second per channel). */
  postIntervalMs?: number;
  /** Web API request timeout in ms (default REQUEST_TIMEOUT_MS). */
  timeoutMs?: number;
}

export interface SlackApp {
  bolt: App;
  receiver: ExpressReceiver;
  /** What to mount at `/slack`: the receiver's router behind the five-minute window (both ways). */
  handler: ReturnType<typeof withinRequestWindow>;
  clients: SlackClients;
  poster: SlackPoster;
  flow: RoundFlow;
  notifier: Notifier;
  jobs: JobDefinition[];
}

/** The sequence the clicked button carried (a job's data), when it carried one. */
function seen(data: Record<string, unknown>): { seenSequence?: number } {
  return typeof data.seenSequence === 'number' ? { seenSequence: data.seenSequence } : {};
}

function teamOf(body: Record<string, unknown>): string | undefined {
  const team = body.team as { id?: string } | undefined;
  const user = body.user as { team_id?: string } | undefined;
  return (body.team_id as string | undefined) ?? team?.id ?? user?.team_id;
}

/** On Enterprise Grid a request names the organisation (E…) next to the workspace (T…): either may be ours. */
function enterpriseOf(body: Record<string, unknown>): string | undefined {
  const enterprise = body.enterprise as { id?: string } | undefined;
  return (body.enterprise_id as string | undefined) ?? enterprise?.id;
}

/**
 * The Slack app: Bolt on an ExpressReceiver (v0 signatures, 5-minute window), every request acknowledged at
 * once and its work queued as a job. Two things happen right after the acknowledgement instead: opening a
 * modal, because Slack's trigger id expires after 3 seconds, and the checks of a modal submission, because
 * their errors are the acknowledgement.
 */
export function createSlackApp(options: SlackAppOptions): SlackApp {
  const { context, config } = options;
  const logger = context.logger.child({ plugin: 'slack' });
  const clients = createSlackClients({
    token: config.botToken,
    apiUrl: config.apiUrl,
    logger,
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
  });
  const poster = new SlackPoster(clients, logger, {
    ...(options.sleep ? { sleep: options.sleep } : {}),
    ...(options.postIntervalMs !== undefined ? { intervalMs: options.postIntervalMs } : {}),
  });
  const flow = new RoundFlow({ context, clients, poster });
  const handled = new HandledRequests(context.links);
  const access = new TeamAccess(clients, config.vngUsergroup);

  const boltLogger = {
    debug: () => {},
    info: () => {},
    warn: (...messages: unknown[]) =>
      logger.warn('bolt', { detail: messages.map(String).join(' ').slice(0, 300) }),
    error: (...messages: unknown[]) =>
      logger.error('bolt', { detail: messages.map(String).join(' ').slice(0, 300) }),
    setLevel: () => {},
    getLevel: () => LogLevel.WARN,
    setName: () => {},
  };
  const receiver = new ExpressReceiver({
    signingSecret: config.signingSecret,
    endpoints: SLACK_EVENTS_PATH,
    processBeforeResponse: false,
    logger: boltLogger,
  });

  // Who the bot is (auth.test), learned in the background: the acknowledgement never waits for Slack's API.
  // The app listens to no message events, so Bolt's ignore-self check has nothing to do without the ids.
  let identity: { botId?: string; botUserId?: string } | undefined;
  let learning: Promise<void> | undefined;
  const authorize = async () => {
    if (!identity && !learning) {
      learning = clients.api.auth
        .test()
        .then(
          (result) => {
            identity = {
              ...(result.bot_id ? { botId: result.bot_id } : {}),
              ...(result.user_id ? { botUserId: result.user_id } : {}),
            };
          },
          () =>
            logger.warn(
              'auth.test mislukt; het bot-token wordt bij het volgende verzoek opnieuw gecontroleerd',
            ),
        )
        .finally(() => {
          learning = undefined;
        });
    }
    return { botToken: config.botToken, ...(identity ?? {}) };
  };
  const app = new App({
    receiver,
    authorize,
    logger: boltLogger,
    clientOptions: webClientOptions({ token: config.botToken, apiUrl: config.apiUrl, logger }, 'api'),
  });

  /** Bodies of requests Slack marked as retries (`X-Slack-Retry-Num`); only those can have been handled. */
  const retried = new WeakSet<object>();

  /** Queues the work of a request once; a retried request whose work is done or queued adds nothing. */
  async function enqueueOnce(
    name: string,
    data: Record<string, unknown>,
    body: Record<string, unknown>,
    extra: JobOptions = {},
  ) {
    const key = requestKey(body);
    // A first delivery skips the lookup (the job checks again before it works); a retry looks first.
    if (retried.has(body) && (await handled.has(key))) return;
    // The job runner's dedupe key (a fixed job id): one job per request, even from two instances at once.
    await context.jobs.enqueue(name, { ...data, requestKey: key }, { dedupeKey: key, ...extra });
  }

  // Only the VNG's workspace; anyone else hears so politely, and nothing else happens.
  app.use(async (args) => {
    const body = args.body as unknown as Record<string, unknown>;
    if (((args.context as { retryNum?: number }).retryNum ?? 0) > 0) retried.add(body);
    const team = teamOf(body);
    if (team === undefined || team === config.teamId || enterpriseOf(body) === config.teamId) {
      await args.next();
      return;
    }
    logger.info('verzoek uit een andere werkruimte geweigerd');
    const ack = (args as { ack?: (response?: unknown) => Promise<void> }).ack;
    if (!ack) return;
    if (body.command) await ack({ response_type: 'ephemeral', text: t('refusal', 'nl') });
    else if (body.type === 'view_submission') {
      await ack({ response_action: 'errors', errors: { deelnemers: t('refusal', 'nl') } });
    } else await ack();
  });

  async function openPlanModal(
    userId: string,
    triggerId: string,
    trajectQuery: string,
    channelId: string | undefined,
    replyTo: (reply: Reply) => Promise<void>,
  ) {
    try {
      const refusal = await access.refusal(userId);
      if (refusal) {
        await replyTo({ text: refusal });
        return;
      }
      const traject = await findTraject(context.trajects, trajectQuery);
      const metadata: PlanModalMetadata = { trajectId: traject.id, ...(channelId ? { channelId } : {}) };
      const deadline = new Date(context.clock.now().getTime() + DEFAULT_DEADLINE_MS);
      await clients.api.views.open({ trigger_id: triggerId, view: planModal(traject, metadata, deadline) });
      // Checked after the modal opened (its trigger id lives 3 seconds): the round still works without the
      // channel, but the planner hears how to add the app.
      if (channelId && (await botIsMember(clients, channelId).catch(() => undefined)) === false) {
        await replyTo({ text: t('planChannelWithoutBot', 'nl') });
      }
    } catch (error) {
      await replyTo({
        text: t('failed', 'nl', {
          reason: isVisielerenError(error) ? error.message : 'Slack opende het venster niet.',
        }),
      });
      if (!isVisielerenError(error))
        logger.warn('planvenster niet geopend', { error: error instanceof Error ? error.name : 'onbekend' });
    }
  }

  app.command('/visieleren', async ({ command, ack, body }) => {
    const parsed = parseCommand(command.text);
    if (parsed.name === 'help' || parsed.name === 'unknown') {
      await ack({
        response_type: 'ephemeral',
        text: parsed.name === 'help' ? t('help', 'nl') : t('unknownCommand', 'nl', { command: parsed.raw }),
      });
      return;
    }
    if (NEEDS_GEMEENTE.has(parsed.name) && !parsed.gemeente) {
      await ack({
        response_type: 'ephemeral',
        text: t('needGemeente', 'nl', { command: parsed.name === 'duo-plan' ? 'duo plan' : parsed.name }),
      });
      return;
    }
    await ack();
    if (parsed.name === 'duo-plan') {
      await openPlanModal(command.user_id, command.trigger_id, parsed.gemeente, command.channel_id, (reply) =>
        respond(command.response_url, reply),
      );
      return;
    }
    const job: CommandJob = {
      text: command.text,
      userId: command.user_id,
      channelId: command.channel_id,
      channelName: command.channel_name,
      teamId: command.team_id,
      responseUrl: command.response_url,
    };
    await enqueueOnce(JOB_NAMES.command, { ...job }, body as unknown as Record<string, unknown>);
  });

  app.event('app_home_opened', async ({ event, body }) => {
    if (event.tab !== 'home') return;
    await enqueueOnce(JOB_NAMES.home, { userId: event.user }, body as unknown as Record<string, unknown>);
  });

  app.action(ACTIONS.homeOpen, async ({ ack }) => {
    await ack();
  });

  app.action(ACTIONS.homePlanRound, async ({ ack, body, action }) => {
    await ack();
    const trajectId = (action as { value?: string }).value ?? '';
    const triggerId = (body as { trigger_id?: string }).trigger_id ?? '';
    await openPlanModal(body.user.id, triggerId, trajectId, undefined, async (reply) => {
      await poster.postUnique({
        channel: body.user.id,
        text: reply.text,
        key: `${requestKey(body as unknown as Record<string, unknown>)}:fout`,
      });
    });
  });

  app.action(new RegExp(`^${ACTIONS.availabilitySlot}:`), async ({ ack, body, action }) => {
    await ack();
    const value = JSON.parse((action as { value?: string }).value ?? '{}') as AvailabilityButtonValue;
    await enqueueOnce(
      JOB_NAMES.availability,
      { roundId: value.r, personId: value.p, slotId: value.s, on: value.on === true, userId: body.user.id },
      body as unknown as Record<string, unknown>,
    );
  });

  app.action(ACTIONS.availabilityNone, async ({ ack, body, action }) => {
    await ack();
    const value = JSON.parse((action as { value?: string }).value ?? '{}') as AvailabilityButtonValue;
    await enqueueOnce(
      JOB_NAMES.availability,
      { roundId: value.r, personId: value.p, none: true, userId: body.user.id },
      body as unknown as Record<string, unknown>,
    );
  });

  app.action(ACTIONS.roundScheduleNow, async ({ ack, body, action }) => {
    await ack();
    const roundId = (action as { value?: string }).value ?? '';
    await enqueueOnce(
      JOB_NAMES.schedule,
      { roundId, trigger: 'now', userId: body.user.id },
      body as unknown as Record<string, unknown>,
    );
    await showPending(body, `status:${roundId}`, `Wordt ingepland door <@${body.user.id}>…`);
  });

  app.action(ACTIONS.roundRefresh, async ({ ack, body, action }) => {
    await ack();
    const roundId = (action as { value?: string }).value ?? '';
    await enqueueOnce(
      JOB_NAMES.collect,
      { roundId, once: true, userId: body.user.id },
      body as unknown as Record<string, unknown>,
    );
  });

  app.action(ACTIONS.interviewMove, async ({ ack, body, action }) => {
    await ack();
    const value = JSON.parse((action as { value?: string }).value ?? '{}') as {
      r: string;
      i: number;
      s?: number;
    };
    const refusal = await access.refusal(body.user.id);
    if (refusal) {
      await flow.tell(
        body.user.id,
        refusal,
        `${requestKey(body as unknown as Record<string, unknown>)}:geweigerd`,
      );
      return;
    }
    const round = await context.duoRounds.get(value.r);
    const interview = round.schedule?.interviews[value.i];
    if (!interview) return;
    const view = round.input as RoundInputView;
    const channelId = (body as { channel?: { id?: string } }).channel?.id;
    await clients.api.views.open({
      trigger_id: (body as { trigger_id?: string }).trigger_id ?? '',
      view: moveModal(
        {
          roundId: value.r,
          index: value.i,
          ...(channelId ? { channelId } : {}),
          ...(typeof value.s === 'number' ? { sequence: value.s } : {}),
        },
        view.slots,
        interview.slot,
        interviewText(view, interview),
        (round.schedule?.interviews ?? []).flatMap((other, index) =>
          index === value.i || other.cancelled
            ? []
            : [{ index, label: interviewText(view, other).replace(/[*~]/g, '') }],
        ),
      ),
    });
  });

  app.action(ACTIONS.interviewCancel, async ({ ack, body, action }) => {
    await ack();
    const value = JSON.parse((action as { value?: string }).value ?? '{}') as {
      r: string;
      i: number;
      s?: number;
    };
    await enqueueOnce(
      JOB_NAMES.cancel,
      {
        roundId: value.r,
        index: value.i,
        userId: body.user.id,
        ...(typeof value.s === 'number' ? { seenSequence: value.s } : {}),
      },
      body as unknown as Record<string, unknown>,
    );
    await showPending(body, `interview:${value.r}:${value.i}`, `Wordt geannuleerd door <@${body.user.id}>…`);
  });

  app.view(PLAN_CALLBACK, async ({ ack, view, body }) => {
    let metadata: PlanModalMetadata;
    try {
      metadata = JSON.parse(view.private_metadata) as PlanModalMetadata;
    } catch {
      await ack({
        response_action: 'errors',
        errors: { deelnemers: 'Dit venster is verouderd; open het opnieuw.' },
      });
      return;
    }
    const traject = await context.trajects.get(metadata.trajectId, { kind: 'all' }).catch(() => undefined);
    if (!traject) {
      await ack({ response_action: 'errors', errors: { deelnemers: 'Dit traject bestaat niet meer.' } });
      return;
    }
    const result = parsePlanSubmission(view.state.values as never, metadata, traject, context.clock.now());
    if (!result.ok) {
      await ack({ response_action: 'errors', errors: result.errors });
      return;
    }
    await ack();
    await enqueueOnce(
      JOB_NAMES.create,
      { submission: result.value as unknown as Record<string, unknown>, userId: body.user.id },
      body as unknown as Record<string, unknown>,
    );
  });

  app.view(MOVE_CALLBACK, async ({ ack, view, body }) => {
    const metadata = JSON.parse(view.private_metadata) as {
      roundId: string;
      index: number;
      sequence?: number;
    };
    const chosen = (view.state.values.tijdvak?.value as { selected_option?: { value?: string } } | undefined)
      ?.selected_option?.value;
    if (!chosen) {
      await ack({
        response_action: 'errors',
        errors: { tijdvak: 'Kies een tijdvak of een interview om mee te wisselen.' },
      });
      return;
    }
    const swapWith = chosen.startsWith(SWAP_PREFIX) ? Number(chosen.slice(SWAP_PREFIX.length)) : undefined;
    const problems =
      swapWith === undefined
        ? await flow.checkMove(metadata.roundId, metadata.index, chosen)
        : await flow.checkSwap(metadata.roundId, metadata.index, swapWith);
    if (problems.length > 0) {
      await ack({ response_action: 'errors', errors: { tijdvak: problems.join(' ').slice(0, 1900) } });
      return;
    }
    await ack();
    const common = {
      roundId: metadata.roundId,
      userId: body.user.id,
      ...(typeof metadata.sequence === 'number' ? { seenSequence: metadata.sequence } : {}),
    };
    if (swapWith === undefined) {
      await enqueueOnce(
        JOB_NAMES.move,
        { ...common, index: metadata.index, slotId: chosen },
        body as unknown as Record<string, unknown>,
      );
    } else {
      await enqueueOnce(
        JOB_NAMES.swap,
        { ...common, first: metadata.index, second: swapWith },
        body as unknown as Record<string, unknown>,
      );
    }
  });

  // The bot was invited to a channel: rounds that could not post there go on.
  app.event('member_joined_channel', async ({ event, body }) => {
    if (!identity) {
      await authorize();
      await learning;
    }
    if (!identity?.botUserId || event.user !== identity.botUserId) return;
    await enqueueOnce(
      JOB_NAMES.resume,
      { channelId: event.channel },
      body as unknown as Record<string, unknown>,
    );
  });

  app.error(async (error) => {
    logger.error('fout in de Slack-app', { error: error.code ?? error.name });
  });

  /**
   * A job that runs once per request key: done keys are remembered. When it fails for good (a permanent
   * error, or its last attempt) the person who clicked hears so in Dutch, by DM: nothing fails silently.
   */
  const once =
    (
      work: (data: Record<string, unknown>, signal: AbortSignal) => Promise<void>,
      /** Only for the VNG team (planning, moving, cancelling): guests and people outside the group are refused. */
      options: { team?: boolean } = {},
    ): JobDefinition['handler'] =>
    async (data, { signal, finalAttempt }) => {
      const key = typeof data.requestKey === 'string' ? data.requestKey : undefined;
      if (key && (await handled.has(key))) return;
      try {
        if (options.team && typeof data.userId === 'string') await access.assert(data.userId);
        await work(data, signal);
      } catch (error) {
        const userId = typeof data.userId === 'string' ? data.userId : undefined;
        if (userId && key && (isPermanentError(error) || finalAttempt)) {
          const reason = isPermanentError(error)
            ? (error as Error).message
            : 'er ging iets mis bij Slack of de database; het visieleerteam kan het opnieuw proberen met `visieleren jobs`.';
          await flow.tell(userId, t('failed', 'nl', { reason }), `${key}:mislukt`).catch(() => undefined);
        }
        throw error;
      }
      if (key) await handled.add(key);
    };

  const TEAM = { team: true } as const;

  /**
   * The clicked message shows at once that the click arrived (its buttons give way to a line of text); the
   * work itself runs as a job, which updates the message again when it is done.
   */
  async function showPending(body: unknown, blockId: string, text: string): Promise<void> {
    const payload = body as {
      channel?: { id?: string };
      message?: { ts?: string; blocks?: unknown[]; text?: string };
    };
    const channel = payload.channel?.id;
    const message = payload.message;
    if (!channel || !message?.ts || !Array.isArray(message.blocks)) return;
    const blocksNow = message.blocks.map((block) =>
      (block as { block_id?: string }).block_id === blockId
        ? { type: 'context', block_id: blockId, elements: [{ type: 'mrkdwn', text }] }
        : block,
    );
    await poster
      .update(channel, message.ts, message.text ?? text, blocksNow as never)
      .catch(() => logger.warn('bericht niet direct bijgewerkt na een klik'));
  }

  const jobs: JobDefinition[] = [
    {
      name: JOB_NAMES.command,
      retryLimit: 3,
      handler: once(async (data, signal) => {
        const job = data as unknown as CommandJob;
        const name = parseCommand(job.text).name;
        const refusal =
          name === 'koppel' || name === 'teams-code' ? await access.refusal(job.userId) : undefined;
        const replies = refusal
          ? [{ text: refusal }]
          : await runCommand(context, job, (channelId) => botIsMember(clients, channelId));
        for (const reply of replies) {
          if (job.responseUrl)
            await respond(job.responseUrl, reply, AbortSignal.any([signal, AbortSignal.timeout(10_000)]));
          else await respondEphemeral(clients, job, reply);
        }
      }),
    },
    {
      name: JOB_NAMES.home,
      handler: once(async (data) => {
        const trajects = await context.trajects.list({ kind: 'all' });
        const userId = String(data.userId);
        const forTeam = (await access.refusal(userId)) === undefined;
        await clients.api.views.publish({
          user_id: userId,
          view: homeView(
            trajects,
            today(context.clock),
            forTeam
              ? (id) => context.signLink({ path: 'traject', trajectId: id, ttlMs: HOME_LINK_TTL_MS })
              : undefined,
          ),
        });
      }),
    },
    {
      name: JOB_NAMES.create,
      handler: once(async (data) => {
        await flow.create(data.submission as never, String(data.userId), String(data.requestKey));
      }, TEAM),
    },
    {
      name: JOB_NAMES.requestAvailability,
      handler: async (data) => flow.requestAvailability(String(data.roundId)),
    },
    {
      name: JOB_NAMES.availability,
      handler: once(async (data) => {
        await flow.clickAvailability({
          roundId: String(data.roundId),
          personId: String(data.personId),
          userId: String(data.userId),
          ...(typeof data.slotId === 'string' ? { slotId: data.slotId } : {}),
          on: data.on === true,
          none: data.none === true,
        });
      }),
    },
    {
      name: JOB_NAMES.collect,
      handler: once(async (data) => {
        if (data.once) await flow.collectFormAnswers(String(data.roundId));
        else await flow.collectTick(String(data.roundId));
      }, TEAM),
    },
    {
      name: JOB_NAMES.schedule,
      handler: once(async (data) => {
        const trigger = data.trigger === 'now' || data.trigger === 'all-answered' ? data.trigger : 'deadline';
        await flow.schedule(
          String(data.roundId),
          trigger,
          typeof data.userId === 'string' ? data.userId : undefined,
          typeof data.requestKey === 'string' ? data.requestKey : trigger,
        );
      }, TEAM),
    },
    { name: JOB_NAMES.invites, handler: async (data) => flow.sendInvites(String(data.roundId)) },
    {
      name: JOB_NAMES.move,
      handler: once(async (data) => {
        await flow.move({
          roundId: String(data.roundId),
          index: Number(data.index),
          slotId: String(data.slotId),
          userId: String(data.userId),
          requestKey: String(data.requestKey),
          ...seen(data),
        });
      }, TEAM),
    },
    {
      name: JOB_NAMES.reminder,
      handler: async (data) => flow.remind(String(data.roundId), Number(data.index), Number(data.sequence)),
    },
    {
      name: JOB_NAMES.swap,
      handler: once(async (data) => {
        await flow.swap({
          roundId: String(data.roundId),
          first: Number(data.first),
          second: Number(data.second),
          userId: String(data.userId),
          requestKey: String(data.requestKey),
          ...seen(data),
        });
      }, TEAM),
    },
    {
      name: JOB_NAMES.cancel,
      handler: once(async (data) => {
        await flow.cancel({
          roundId: String(data.roundId),
          index: Number(data.index),
          userId: String(data.userId),
          requestKey: String(data.requestKey),
          ...seen(data),
        });
      }, TEAM),
    },
    {
      name: JOB_NAMES.resume,
      handler: once(async (data) => {
        await flow.resumeChannel(String(data.channelId));
      }),
    },
  ];

  return {
    bolt: app,
    receiver,
    handler: withinRequestWindow(receiver.router as never),
    clients,
    poster,
    flow,
    notifier: createSlackNotifier(poster, clients),
    jobs,
  };
}
