import {
  amsterdamToUtc,
  checkInterviewMove,
  type DuoRoundRecord,
  type DuoRoundSchedule,
  decideRoundChange,
  normaliseEmail,
  type PluginContext,
  planDuoRound,
  type RoundChangeDecision,
  roundReminderAt,
  roundWithAvailability,
  type TrajectRecord,
  templateOf,
  trajectName,
  ValidationError,
} from '@visieleren/core';
import { blocks, escapeMrkdwn } from '../block-kit/blocks.js';
import { BotNotInChannelError, METADATA_EVENT_TYPES, type SlackPoster } from '../poster.js';
import { classifySlackError } from '../slack-errors.js';
import type { SlackClients } from '../web-client.js';
import { ROUND_LINK_KIND, type RoundBook, RoundBooks, type RoundPerson } from './bookkeeping.js';
import { dutchList, interviewInvite } from './invites.js';
import {
  availabilityBlocks,
  deadlineText,
  interviewText,
  type RoundInputView,
  scheduleMessages,
  slotText,
  statusBlocks,
} from './messages.js';
import type { PlanSubmission } from './plan-modal.js';

export const JOB_NAMES = {
  command: 'slack.command',
  home: 'slack.home',
  create: 'slack.duo.create',
  requestAvailability: 'slack.duo.request-availability',
  availability: 'slack.duo.availability',
  collect: 'slack.duo.collect',
  schedule: 'slack.duo.schedule',
  invites: 'slack.duo.invites',
  move: 'slack.duo.move',
  swap: 'slack.duo.swap',
  cancel: 'slack.duo.cancel',
  reminder: 'slack.duo.reminder',
  resume: 'slack.duo.resume',
} as const;

/** Interviews whose invites go out at the same time (each to three people, each channel paced). */
const INVITE_CONCURRENCY = 6;

/** Runs `work` over `items`, at most `size` at once; the first failure fails the whole (the job retries). */
async function inPool<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
}

/** How often form answers are fetched while a round waits for availability. */
export const COLLECT_INTERVAL_MS = 10 * 60_000;
const SLACK_ACTOR = 'slack';
/** The form link stays valid a day past the deadline, so a late click still shows the form. */
const FORM_GRACE_MS = 24 * 60 * 60_000;

export interface RoundFlowDeps {
  context: PluginContext;
  clients: SlackClients;
  poster: SlackPoster;
}

function actorOf(userId?: string): string {
  return userId ? `slack:${userId}` : SLACK_ACTOR;
}

function formSubject(roundId: string, personId: string): string {
  return `duo:${roundId}:${personId}`;
}

/** The duo-interview round from plan to invites; every step is a job and safe to run twice. */
export class RoundFlow {
  readonly books: RoundBooks;

  constructor(private readonly deps: RoundFlowDeps) {
    this.books = new RoundBooks(deps.context.links, deps.context.clock);
  }

  private get context() {
    return this.deps.context;
  }

  private view(round: DuoRoundRecord): RoundInputView {
    return round.input as RoundInputView;
  }

  // ---------------------------------------------------------------------------------------------- plan

  async create(submission: PlanSubmission, userId: string, requestKey: string): Promise<string> {
    const { context } = this;
    const actor = actorOf(userId);
    const existing = await context.links.find('slack-duo-request', requestKey);
    const known = existing?.payload.roundId;
    if (typeof known === 'string') {
      await this.enqueueFollowUps(known, (await context.duoRounds.get(known)).deadline);
      return known;
    }
    const traject = await context.trajects.get(submission.trajectId, { kind: 'all' });
    await this.upsertParticipants(traject, submission, actor);
    const planner = await this.plannerName(userId);
    const teamChannel = await this.teamChannel(traject.id, submission.channelId, userId);
    const round = await context.duoRounds.create(
      traject.id,
      { round: submission.round, deadline: submission.deadline },
      actor,
    );
    await context.links.link(
      {
        kind: 'slack-duo-request',
        externalId: requestKey,
        trajectId: traject.id,
        payload: { roundId: round.id },
      },
      actor,
    );
    const people: Record<string, RoundPerson> = {};
    for (const person of submission.participants)
      people[person.id] = { name: person.name, email: person.email, role: 'deelnemer' };
    for (const person of submission.moderators)
      people[person.id] = { name: person.name, email: person.email, role: 'moderator' };
    await this.books.create(
      round.id,
      {
        trajectId: traject.id,
        teamChannel,
        organizer: this.organizer(),
        planner: { name: planner },
        plannerUserId: userId,
        people,
        sent: {},
        availabilityMessages: {},
        sequences: {},
        changes: {},
      },
      actor,
    );
    await this.enqueueFollowUps(round.id, round.deadline);
    return round.id;
  }

  private async enqueueFollowUps(roundId: string, deadline: string | undefined): Promise<void> {
    const { jobs } = this.context;
    // Dedupe keys (the job runner's fixed job id): pg-boss's singletonKey would not hold on these queues.
    await jobs.enqueue(JOB_NAMES.requestAvailability, { roundId }, { dedupeKey: `avail:${roundId}` });
    if (deadline) {
      await jobs.enqueue(
        JOB_NAMES.schedule,
        { roundId, trigger: 'deadline' },
        { startAfter: deadline, dedupeKey: `deadline:${roundId}` },
      );
    }
    await this.enqueueCollect(roundId);
  }

  /**
   * The next fetch of form answers. The key names the next time window, so a job that queues its successor
   * while the clock has not moved (a test, a replay) finds the key taken and the chain stops.
   */
  private async enqueueCollect(roundId: string): Promise<void> {
    const tick = Math.floor(this.context.clock.now().getTime() / COLLECT_INTERVAL_MS) + 1;
    await this.context.jobs.enqueue(
      JOB_NAMES.collect,
      { roundId, tick },
      {
        startAfter: new Date(tick * COLLECT_INTERVAL_MS).toISOString(),
        dedupeKey: `collect:${roundId}:${tick}`,
      },
    );
  }

  private async upsertParticipants(traject: TrajectRecord, submission: PlanSubmission, actor: string) {
    const current = new Map(traject.participants.map((person) => [person.id, person]));
    const wanted = [
      ...submission.participants.map((person) => ({ ...person, role: 'professional' as const })),
      ...submission.moderators.map((person) => ({ ...person, role: 'moderator' as const })),
    ];
    for (const person of wanted) {
      const before = current.get(person.id);
      const next = {
        ...(before ?? { id: person.id, role: person.role }),
        name: person.name,
        email: person.email,
        ...(person.perspective ? { perspective: person.perspective } : {}),
      };
      if (before && JSON.stringify(before) === JSON.stringify(next)) continue;
      await this.context.trajects.upsertParticipant(traject.id, next, { actor });
    }
  }

  /**
   * ORGANIZER of the invites: the mailbox they come from (the mailer's sender, i.e. SMTP_FROM), so an
   * Accept or Decline reaches the mailbox that holds the meeting; the planner is named in the text.
   */
  private organizer(): { name: string; email: string } {
    const sender = this.context.mailer?.sender;
    const fromEnv = this.context.env.SMTP_FROM?.replace(/^.*<([^>]+)>.*$/, '$1').trim();
    return {
      name: sender?.name || 'Visieleerteam VNG',
      email: sender?.email || fromEnv || 'visieleren@vng.nl',
    };
  }

  private async plannerName(userId: string): Promise<string> {
    try {
      const info = await this.deps.clients.api.users.info({ user: userId });
      return info.user?.profile?.real_name || info.user?.real_name || 'het visieleerteam';
    } catch {
      return 'het visieleerteam';
    }
  }

  /** The traject's own channel when it has one, else where the plan was made, else the planner's DM. */
  private async teamChannel(
    trajectId: string,
    channelId: string | undefined,
    userId: string,
  ): Promise<string> {
    const linked = (await this.context.links.listForTraject(trajectId)).find(
      (link) => link.kind === 'slack-channel',
    );
    if (linked) return linked.externalId;
    if (channelId?.startsWith('C') || channelId?.startsWith('G')) return channelId;
    return this.dmChannel(userId);
  }

  private async dmChannel(userId: string): Promise<string> {
    const opened = await this.deps.clients.api.conversations.open({ users: userId });
    return opened.channel?.id ?? userId;
  }

  // ---------------------------------------------------------------------------------------- availability

  async requestAvailability(roundId: string): Promise<void> {
    const { context, poster } = this.deps;
    const round = await context.duoRounds.get(roundId);
    if (round.state !== 'beschikbaarheid') return;
    const traject = await context.trajects.get(round.trajectId, { kind: 'all' });
    const name = trajectName(traject);
    const view = this.view(round);
    const book = (await this.books.get(roundId)) as RoundBook;
    const manual: string[] = [];
    for (const [personId, person] of Object.entries(book.people)) {
      const slackUser = person.slackUserId
        ? { id: person.slackUserId, dm: person.dmChannel }
        : await this.findSlackUser(roundId, personId, person);
      if (slackUser?.dm) {
        const dm = slackUser.dm;
        await this.books.once(roundId, `avail:${personId}`, async (mayExist) => {
          const posted = await poster.postUnique(
            {
              channel: dm,
              text: `Duo-interviews ${name}: wanneer kunt u?`,
              blocks: availabilityBlocks(round, view, personId, name),
              key: `${roundId}:avail:${personId}`,
            },
            mayExist,
          );
          await this.books.update(roundId, (next) => {
            next.availabilityMessages[personId] = { channel: posted.channel, ts: posted.ts };
          });
        });
        continue;
      }
      const link = context.signLink({
        path: 'form',
        formId: 'beschikbaarheid',
        trajectId: round.trajectId,
        subject: formSubject(roundId, personId),
        slots: view.slots,
        ttlMs: Math.max(
          FORM_GRACE_MS,
          new Date(round.deadline ?? 0).getTime() + FORM_GRACE_MS - context.clock.now().getTime(),
        ),
      });
      if (context.mailer) {
        const mailer = context.mailer;
        await this.books.once(roundId, `avail-mail:${personId}`, async () => {
          await mailer.send({
            to: person.email,
            subject: `Duo-interviews ${name}: wanneer kunt u?`,
            text: [
              `Beste ${person.name},`,
              '',
              `Voor het visieleertraject ${name} plannen we duo-interviews: twee mensen met een verschillend perspectief interviewen elkaar, onder leiding van een moderator.`,
              `Geef vóór ${deadlineText(round.deadline)} aan wanneer u kunt:`,
              link,
              '',
              'Met vriendelijke groet,',
              book.organizer.name,
            ].join('\n'),
            messageId: `<duo-${roundId}-avail-${personId}@visieleren>`,
          });
        });
      } else {
        manual.push(`• ${escapeMrkdwn(person.name)} (${person.email}): ${link}`);
      }
    }
    await this.refreshStatus(roundId);
    if (manual.length > 0) {
      await this.books.once(roundId, 'avail-manual', async (mayExist) => {
        await this.postChunks(
          book.teamChannel,
          `${roundId}:avail-manual`,
          'Er is geen e-mail ingesteld (SMTP_URL). Stuur deze mensen zelf hun link naar het beschikbaarheidsformulier:',
          manual,
          mayExist,
        );
      });
    }
  }

  /** users.lookupByEmail; a found person becomes a `slack-user` link so reminders reach them by DM too. */
  private async findSlackUser(
    roundId: string,
    personId: string,
    person: RoundPerson,
  ): Promise<{ id: string; dm: string } | undefined> {
    const { context, clients } = this.deps;
    let userId: string | undefined;
    try {
      const found = await clients.api.users.lookupByEmail({ email: person.email });
      userId = found.user?.deleted ? undefined : found.user?.id;
    } catch (error) {
      const failure = classifySlackError(error);
      if (failure.kind === 'refused' && failure.code === 'users_not_found') return undefined;
      throw error;
    }
    if (!userId) return undefined;
    const key = normaliseEmail(person.email);
    const existing = await context.links.find('slack-user', userId);
    if (!existing || existing.participantKey !== key) {
      await context.links.link(
        { kind: 'slack-user', externalId: userId, participantKey: key, payload: {} },
        SLACK_ACTOR,
      );
    }
    const dm = await this.dmChannel(userId);
    await this.books.update(roundId, (next) => {
      const entry = next.people[personId];
      if (entry) Object.assign(entry, { slackUserId: userId, dmChannel: dm });
    });
    return { id: userId, dm };
  }

  /** A click in the availability DM. Only the person the DM was for may answer it. */
  async clickAvailability(input: {
    roundId: string;
    personId: string;
    userId: string;
    slotId?: string;
    on?: boolean;
    none?: boolean;
  }): Promise<void> {
    const { context, poster } = this.deps;
    const book = await this.books.get(input.roundId);
    const person = book?.people[input.personId];
    if (!book || !person || person.slackUserId !== input.userId) {
      throw new ValidationError('Deze knoppen horen bij iemand anders.');
    }
    let round = await context.duoRounds.get(input.roundId);
    if (round.state !== 'beschikbaarheid') {
      const message = book.availabilityMessages[input.personId];
      if (message)
        await poster.update(message.channel, message.ts, 'De indeling is al gemaakt.', [
          blocks.section(
            'De beschikbaarheid is gesloten: de indeling is gemaakt. U krijgt een uitnodiging als u bent ingedeeld.',
          ),
        ]);
      return;
    }
    const current = new Set(round.availability[input.personId] ?? []);
    if (input.none) current.clear();
    else if (input.slotId) {
      if (input.on) current.add(input.slotId);
      else current.delete(input.slotId);
    }
    round = await context.duoRounds.setAvailability(
      input.roundId,
      input.personId,
      [...current],
      actorOf(input.userId),
    );
    const message = book.availabilityMessages[input.personId];
    if (message) {
      const traject = await context.trajects.get(round.trajectId, { kind: 'all' });
      await poster.update(
        message.channel,
        message.ts,
        'Beschikbaarheid doorgegeven',
        availabilityBlocks(round, this.view(round), input.personId, trajectName(traject)),
      );
    }
    await this.afterAnswer(round);
  }

  /** Form answers (the beschikbaarheid form via e-mail) onto the round. Returns how many changed. */
  async collectFormAnswers(roundId: string): Promise<number> {
    const { context } = this;
    let round = await context.duoRounds.get(roundId);
    if (round.state !== 'beschikbaarheid') return 0;
    const prefix = formSubject(roundId, '');
    const submissions = await context.formSubmissions.list(round.trajectId, { formId: 'beschikbaarheid' });
    const latest = new Map<string, string[]>();
    for (const submission of submissions) {
      if (!submission.subject?.startsWith(prefix)) continue;
      const slots = submission.answers.tijdvakken;
      latest.set(submission.subject.slice(prefix.length), Array.isArray(slots) ? slots.map(String) : []);
    }
    const known = new Set(this.view(round).slots.map((slot) => slot.id));
    let changed = 0;
    for (const [personId, slots] of latest) {
      const valid = slots.filter((slot) => known.has(slot));
      const before = round.availability[personId];
      if (before && before.length === valid.length && before.every((slot) => valid.includes(slot))) continue;
      round = await context.duoRounds.setAvailability(roundId, personId, valid, 'formulier');
      changed++;
    }
    if (changed > 0) await this.afterAnswer(round);
    return changed;
  }

  async collectTick(roundId: string): Promise<void> {
    await this.collectFormAnswers(roundId);
    const round = await this.context.duoRounds.get(roundId);
    const open =
      round.state === 'beschikbaarheid' &&
      (!round.deadline || new Date(round.deadline) > this.context.clock.now());
    if (open) await this.enqueueCollect(roundId);
  }

  private async afterAnswer(round: DuoRoundRecord): Promise<void> {
    await this.refreshStatus(round.id);
    const book = await this.books.get(round.id);
    const everyone = Object.keys(book?.people ?? {}).every((id) => id in round.availability);
    if (everyone && round.state === 'beschikbaarheid') {
      await this.context.jobs.enqueue(
        JOB_NAMES.schedule,
        { roundId: round.id, trigger: 'all-answered' },
        { singletonKey: `schedule:${round.id}` },
      );
    }
  }

  /** The team's status message: posted once, then updated in place. */
  async refreshStatus(roundId: string): Promise<void> {
    const { context, poster } = this.deps;
    const round = await context.duoRounds.get(roundId);
    const book = (await this.books.get(roundId)) as RoundBook;
    const traject = await context.trajects.get(round.trajectId, { kind: 'all' });
    const content = statusBlocks(round, book, trajectName(traject));
    const text = `Duo-ronde ${round.roundNumber}: ${Object.keys(round.availability).length} van ${Object.keys(book.people).length} geantwoord`;
    if (book.statusMessage) {
      const message = book.statusMessage;
      await this.toTeamChannel(roundId, () => poster.update(message.channel, message.ts, text, content));
      return;
    }
    await this.toTeamChannel(roundId, () =>
      this.books
        .once(roundId, 'status', async (mayExist) => {
          const posted = await poster.postUnique(
            { channel: book.teamChannel, text, blocks: content, key: `${roundId}:status` },
            mayExist,
          );
          await this.books.update(roundId, (next) => {
            next.statusMessage = { channel: posted.channel, ts: posted.ts };
          });
        })
        .then(() => undefined),
    );
  }

  // ------------------------------------------------------------------------------- the team's channel

  /**
   * A post to the team's channel. A channel the bot was never invited to (`not_in_channel`) is a setup
   * problem, not a failure of the round: the planner hears how to fix it (DM), the round goes on (invites
   * do not depend on the channel), and the posts follow when the bot joins (`resumeChannel`).
   */
  private async toTeamChannel(roundId: string, post: () => Promise<void>): Promise<void> {
    try {
      await post();
    } catch (error) {
      if (!(error instanceof BotNotInChannelError)) throw error;
      await this.reportNotInChannel(roundId);
    }
  }

  private async reportNotInChannel(roundId: string): Promise<void> {
    const book = await this.books.update(roundId, (next) => {
      if (next.waitingForChannel) return false;
      next.waitingForChannel = true;
      return true;
    });
    const planner = book.plannerUserId;
    if (!planner) return;
    await this.books.once(roundId, `setup:${book.teamChannel}`, async (mayExist) => {
      const dm = await this.dmChannel(planner);
      const text = `De Visieleren-app is geen lid van <#${book.teamChannel}>, dus daar verschijnen de stand en het rooster van de duo-ronde niet. Typ in dat kanaal \`/invite @Visieleren\`; daarna plaatst de app ze alsnog. Uitnodigingen en berichten aan de deelnemers gaan gewoon door.`;
      await this.deps.poster.postUnique(
        { channel: dm, text, blocks: [blocks.section(text)], key: `${roundId}:setup:${book.teamChannel}` },
        mayExist,
      );
    });
  }

  /** The bot joined a channel: every round waiting for it posts what it could not. */
  async resumeChannel(channelId: string): Promise<number> {
    const { context } = this;
    let resumed = 0;
    for (const link of await context.links.listByKind(ROUND_LINK_KIND)) {
      const book = link.payload as unknown as RoundBook;
      if (book.teamChannel !== channelId || !book.waitingForChannel) continue;
      await this.books.update(link.externalId, (next) => {
        next.waitingForChannel = false;
      });
      await this.refreshStatus(link.externalId);
      const round = await context.duoRounds.get(link.externalId);
      if (round.state === 'gepland') await this.postSchedule(round);
      resumed++;
    }
    return resumed;
  }

  // -------------------------------------------------------------------------------------------- schedule

  /**
   * Plans the round once: of two "Nu inplannen" clicks (two instances, a double click) the first to claim
   * the planning plans; `owner` is the request (or trigger) and stays the same when its job is retried.
   */
  async schedule(
    roundId: string,
    trigger: 'deadline' | 'all-answered' | 'now',
    userId?: string,
    owner: string = trigger,
  ): Promise<void> {
    const { context } = this;
    await this.collectFormAnswers(roundId);
    let round = await context.duoRounds.get(roundId);
    const book = (await this.books.get(roundId)) as RoundBook;
    if (round.state === 'beschikbaarheid') {
      const everyone = Object.keys(book.people).every((id) => id in round.availability);
      const due = !round.deadline || new Date(round.deadline) <= context.clock.now();
      if (trigger === 'deadline' && !due) return;
      if (trigger === 'all-answered' && !everyone) return;
      const claimed = await this.books.update(roundId, (next) => {
        if (next.plannedBy) return false;
        next.plannedBy = owner;
        return true;
      });
      // Someone else plans this round (and queues its invites).
      if (claimed.plannedBy !== owner) return;
      const previous = await context.duoRounds.previousPairs(round.trajectId);
      const input = roundWithAvailability(round.input, round.availability, previous);
      const plan = planDuoRound(input);
      const schedule: DuoRoundSchedule = {
        interviews: plan.interviews.map((interview) => ({
          ...interview,
          participants: [...interview.participants],
        })),
        unplaced: plan.unplaced.map(({ id, reason }) => ({ id, reason })),
        summary: plan.summary.text,
      };
      round = await context.duoRounds.schedule(roundId, schedule, actorOf(userId));
      await this.followPlan(round, actorOf(userId));
    }
    if (round.state !== 'gepland') return;
    // The invites first: they do not wait for, or depend on, the posts in the team's channel.
    await context.jobs.enqueue(JOB_NAMES.invites, { roundId }, { dedupeKey: `invites:${roundId}` });
    await this.refreshStatus(roundId);
    await this.postSchedule(round);
  }

  /** The interviews become the traject's duo-interview sessions, so plan, forecast and reminders follow. */
  private async followPlan(round: DuoRoundRecord, actor: string): Promise<void> {
    const { context } = this;
    const traject = await context.trajects.get(round.trajectId, { kind: 'all' });
    const template = templateOf(traject);
    const keys = new Set(
      (
        template?.phases.flatMap((phase) => phase.sessions.map((session) => session.key)) ??
        traject.sessions.map((session) => session.key)
      ).filter((key) => key.includes('duo')),
    );
    const view = this.view(round);
    const dates = (round.schedule?.interviews ?? [])
      .filter((interview) => !interview.cancelled)
      .map((interview) => view.slots.find((slot) => slot.id === interview.slot)?.start.slice(0, 10))
      .filter((date): date is string => Boolean(date))
      .sort();
    const first = dates[0];
    if (!first || keys.size === 0) return;
    const changes = traject.sessions
      .filter((session) => keys.has(session.key) && session.plannedDate !== first)
      .map((session) => ({ sessionKey: session.key, plannedDate: first }));
    if (changes.length > 0) await context.trajects.updateSessionDates(traject.id, changes, { actor });
  }

  private async scheduleContent(round: DuoRoundRecord, book: RoundBook) {
    const traject = await this.context.trajects.get(round.trajectId, { kind: 'all' });
    const schedule = round.schedule as DuoRoundSchedule & {
      unplaced?: Array<{ id: string; reason: string }>;
      summary?: string;
    };
    const name = trajectName(traject);
    const messages = scheduleMessages(
      round,
      this.view(round),
      name,
      schedule.unplaced ?? [],
      schedule.summary ?? '',
      book.sequences,
    );
    return messages.map((content, part) => ({
      content,
      text: `Rooster duo-interviews ${name} (${part + 1}/${messages.length})`,
    }));
  }

  private async postSchedule(round: DuoRoundRecord): Promise<void> {
    const { poster } = this.deps;
    const book = (await this.books.get(round.id)) as RoundBook;
    const messages = await this.scheduleContent(round, book);
    for (const [part, { content, text }] of messages.entries()) {
      await this.toTeamChannel(round.id, async () => {
        await this.books.once(round.id, `schedule:${part}`, async (mayExist) => {
          const posted = await poster.postUnique(
            { channel: book.teamChannel, text, blocks: content, key: `${round.id}:schedule:${part}` },
            mayExist,
          );
          await this.books.update(round.id, (next) => {
            const list = [...(next.scheduleMessages ?? [])];
            list[part] = { channel: posted.channel, ts: posted.ts };
            next.scheduleMessages = list;
          });
        });
      });
    }
  }

  /** After every change the schedule's messages show it, with buttons that carry the new sequences. */
  private async updateSchedule(roundId: string): Promise<void> {
    const round = await this.context.duoRounds.get(roundId);
    const book = (await this.books.get(roundId)) as RoundBook;
    const messages = await this.scheduleContent(round, book);
    for (const [part, posted] of (book.scheduleMessages ?? []).entries()) {
      const message = messages[part];
      if (!posted || !message) continue;
      await this.toTeamChannel(roundId, () =>
        this.deps.poster.update(posted.channel, posted.ts, message.text, message.content),
      );
    }
  }

  // --------------------------------------------------------------------------------------------- invites

  async sendInvites(roundId: string): Promise<void> {
    const round = await this.context.duoRounds.get(roundId);
    if (round.state !== 'gepland') return;
    const work = (round.schedule?.interviews ?? [])
      .map((interview, index) => ({ interview, index }))
      .filter(({ interview }) => !interview.cancelled);
    // Interviews in parallel: Slack's limit is per channel, and the poster paces each channel itself.
    await inPool(work, INVITE_CONCURRENCY, async ({ interview, index }) => {
      const book = (await this.books.get(roundId)) as RoundBook;
      const sequence = book.sequences[String(index)] ?? 0;
      await this.deliverInterview(round, index, interview.slot, 'REQUEST', sequence);
    });
  }

  /**
   * One interview's invite (REQUEST) or cancellation (CANCEL) to each of its people, each send claimed on
   * its own: everyone with an e-mail address gets the meeting request by e-mail (iMIP, so their calendar
   * acts on it), Slack users a notice by DM as well. Without e-mail a Slack user gets the .ics in the DM,
   * and the team is asked to send the rest itself.
   */
  private async deliverInterview(
    round: DuoRoundRecord,
    index: number,
    slotId: string,
    method: 'REQUEST' | 'CANCEL',
    sequence: number,
  ): Promise<void> {
    const { context } = this.deps;
    const interview = round.schedule?.interviews[index];
    if (!interview) return;
    if (method === 'REQUEST') await this.enqueueReminder(round, index, slotId, sequence);
    const traject = await context.trajects.get(round.trajectId, { kind: 'all' });
    const personIds = [...interview.participants, interview.moderator];
    const manual: string[] = [];
    await inPool(personIds, personIds.length, async (personId) => {
      const book = (await this.books.get(round.id)) as RoundBook;
      const person = book.people[personId];
      if (!person) return;
      const invite = interviewInvite({
        roundId: round.id,
        index,
        sequence,
        method,
        slotId,
        personIds,
        view: this.view(round),
        book,
        trajectName: trajectName(traject),
        now: context.clock.now(),
        recipientId: personId,
      });
      const key = `invite:${index}:${sequence}:${personId}`;
      const byMail = Boolean(context.mailer && person.email);
      if (byMail) await this.mailInvite(round.id, key, person, invite, book);
      if (person.dmChannel) await this.dmInvite(round.id, key, person.dmChannel, invite, byMail);
      else if (!byMail) manual.push(personId);
    });
    if (manual.length > 0) await this.postManualInvite(round, index, slotId, method, sequence, manual);
  }

  private async mailInvite(
    roundId: string,
    key: string,
    person: RoundPerson,
    invite: ReturnType<typeof interviewInvite>,
    book: RoundBook,
  ): Promise<void> {
    const mailer = this.context.mailer;
    if (!mailer) return;
    await this.books.once(roundId, `mail:${key}`, async () => {
      await mailer.send({
        to: person.email,
        subject: invite.subject,
        text: `Beste ${person.name},\n\n${invite.text}\n\nMet vriendelijke groet,\n${book.planner?.name ?? book.organizer.name}\nVisieleerteam VNG`,
        calendar: { method: invite.method, content: invite.ics, filename: invite.filename },
        messageId: `<${key.replace(/:/g, '-')}-${roundId}@visieleren>`,
      });
    });
  }

  /** The DM: a notice when the meeting request came by e-mail, else the notice with the .ics in its thread. */
  private async dmInvite(
    roundId: string,
    key: string,
    dm: string,
    invite: ReturnType<typeof interviewInvite>,
    mailed: boolean,
  ): Promise<void> {
    const { poster } = this.deps;
    await this.books.once(roundId, key, async (mayExist) => {
      const text = mailed
        ? `${invite.text} De agenda-afspraak staat in uw e-mail.`
        : `${invite.text} Open de bijlage om het in uw agenda te zetten.`;
      const posted = await poster.postUnique(
        {
          channel: dm,
          text: invite.subject,
          blocks: [blocks.section(`*${escapeMrkdwn(invite.subject)}*\n${escapeMrkdwn(text)}`)],
          key: `${roundId}:${key}`,
        },
        mayExist,
      );
      if (!mailed) await this.attachIcs(posted, invite, mayExist);
    });
  }

  /** The .ics in the thread of the message that announces it. */
  private async attachIcs(
    posted: { channel: string; ts: string; found?: boolean },
    invite: ReturnType<typeof interviewInvite>,
    mayExist: boolean,
  ): Promise<void> {
    await this.deps.poster.uploadFile(
      {
        channel: posted.channel,
        threadTs: posted.ts,
        filename: invite.filename,
        title: invite.subject,
        content: invite.ics,
      },
      mayExist || Boolean(posted.found),
    );
  }

  /** Without e-mail the team sends these itself: the text and the .ics in the team's channel. */
  private async postManualInvite(
    round: DuoRoundRecord,
    index: number,
    slotId: string,
    method: 'REQUEST' | 'CANCEL',
    sequence: number,
    manual: readonly string[],
  ): Promise<void> {
    const { context, poster } = this.deps;
    const interview = round.schedule?.interviews[index];
    if (!interview) return;
    const traject = await context.trajects.get(round.trajectId, { kind: 'all' });
    const book = (await this.books.get(round.id)) as RoundBook;
    const key = `manual:${index}:${sequence}`;
    await this.toTeamChannel(round.id, async () => {
      await this.books.once(round.id, key, async (mayExist) => {
        const invite = interviewInvite({
          roundId: round.id,
          index,
          sequence,
          method,
          slotId,
          personIds: [...interview.participants, interview.moderator],
          view: this.view(round),
          book,
          trajectName: trajectName(traject),
          now: context.clock.now(),
        });
        const recipients = manual
          .map(
            (id) =>
              `${escapeMrkdwn(book.people[id]?.name ?? id)} (${book.people[id]?.email || 'geen e-mailadres'})`,
          )
          .join(', ');
        const posted = await poster.postUnique(
          {
            channel: book.teamChannel,
            text: invite.subject,
            blocks: [
              blocks.section(
                `*Zelf versturen* (geen e-mail ingesteld, SMTP_URL) aan ${recipients}:\n*${escapeMrkdwn(invite.subject)}*\n${escapeMrkdwn(invite.text)}`,
              ),
            ],
            key: `${round.id}:${key}`,
          },
          mayExist,
        );
        await this.attachIcs(posted, invite, mayExist);
      });
    });
  }

  /** When the reminder of an interview goes out: 09:00 on the working day before (core's calendar). */
  private reminderAt(slotStart: string): Date {
    return roundReminderAt(slotStart);
  }

  /**
   * The reminder the day before, as a job for that moment. A move or cancel raises the sequence, so the job of
   * the old time finds its sequence outdated and sends nothing: the old reminder is cancelled.
   */
  private async enqueueReminder(
    round: DuoRoundRecord,
    index: number,
    slotId: string,
    sequence: number,
  ): Promise<void> {
    const slot = this.view(round).slots.find((candidate) => candidate.id === slotId);
    if (!slot) return;
    await this.context.jobs.enqueue(
      JOB_NAMES.reminder,
      { roundId: round.id, index, sequence },
      {
        startAfter: this.reminderAt(slot.start).toISOString(),
        dedupeKey: `reminder:${round.id}:${index}:${sequence}`,
      },
    );
  }

  async remind(roundId: string, index: number, sequence: number): Promise<void> {
    const { context, poster } = this.deps;
    const round = await context.duoRounds.get(roundId);
    const interview = round.schedule?.interviews[index];
    const book = await this.books.get(roundId);
    if (round.state !== 'gepland' || !interview || interview.cancelled || !book) return;
    if ((book.sequences[String(index)] ?? 0) !== sequence) return;
    const slot = this.view(round).slots.find((candidate) => candidate.id === interview.slot);
    if (!slot) return;
    const now = context.clock.now();
    const [date = '', time = ''] = slot.start.split('T');
    // Early (a queue without delays) or too late (the interview began): nothing to say.
    if (now < this.reminderAt(slot.start) || now >= amsterdamToUtc(date, time)) return;
    const traject = await context.trajects.get(round.trajectId, { kind: 'all' });
    const personIds = [...interview.participants, interview.moderator];
    for (const personId of personIds) {
      const person = book.people[personId];
      if (!person) continue;
      const others = dutchList(
        personIds.filter((id) => id !== personId).map((id) => book.people[id]?.name ?? id),
      );
      const text = `Herinnering: ${slotText(slot)} is uw duo-interview voor het visieleertraject ${trajectName(traject)}, met ${others}.`;
      const key = `reminder:${index}:${sequence}:${personId}`;
      if (person.dmChannel) {
        const dm = person.dmChannel;
        await this.books.once(roundId, key, async (mayExist) => {
          await poster.postUnique(
            {
              channel: dm,
              text,
              blocks: [blocks.section(escapeMrkdwn(text))],
              key: `${roundId}:${key}`,
              eventType: METADATA_EVENT_TYPES.reminder,
            },
            mayExist,
          );
        });
      } else if (context.mailer && person.email) {
        const mailer = context.mailer;
        await this.books.once(roundId, key, async () => {
          await mailer.send({
            to: person.email,
            subject: `Herinnering: duo-interview ${slotText(slot)}`,
            text: `Beste ${person.name},\n\n${text}\n\nMet vriendelijke groet,\n${book.organizer.name}`,
            messageId: `<duo-${roundId}-${index + 1}-${sequence}-herinnering-${personId}@visieleren>`,
          });
        });
      }
    }
  }

  // ------------------------------------------------------------------------------------ move and cancel

  /** The problems with a move, checked against the scheduler's hard rules (empty: allowed). */
  async checkMove(roundId: string, index: number, slotId: string): Promise<string[]> {
    const round = await this.context.duoRounds.get(roundId);
    if (round.state !== 'gepland' || !round.schedule) return ['Deze ronde is (nog) niet ingepland.'];
    const input = roundWithAvailability(round.input, round.availability);
    return checkInterviewMove(input, round.schedule.interviews, index, slotId);
  }

  /** The problems with swapping the slots of two interviews, under the same hard rules (empty: allowed). */
  async checkSwap(roundId: string, first: number, second: number): Promise<string[]> {
    const round = await this.context.duoRounds.get(roundId);
    if (round.state !== 'gepland' || !round.schedule) return ['Deze ronde is (nog) niet ingepland.'];
    const interviews = round.schedule.interviews;
    const a = interviews[first];
    const b = interviews[second];
    if (!a || !b || first === second) return ['Kies een ander interview om mee te wisselen.'];
    if (a.cancelled || b.cancelled) return ['Een geannuleerd interview wisselt niet.'];
    if (a.slot === b.slot) return ['Beide interviews staan al op hetzelfde tijdvak.'];
    const input = roundWithAvailability(round.input, round.availability);
    // Each side is checked with the other already in its new place.
    const withSecondMoved = interviews.map((interview, index) =>
      index === second ? { ...interview, slot: a.slot } : interview,
    );
    const withFirstMoved = interviews.map((interview, index) =>
      index === first ? { ...interview, slot: b.slot } : interview,
    );
    const labelled = (index: number, problems: string[]) =>
      problems.map((problem) => `Interview ${index + 1}: ${problem}`);
    return [
      ...labelled(first, checkInterviewMove(input, withSecondMoved, first, b.slot)),
      ...labelled(second, checkInterviewMove(input, withFirstMoved, second, a.slot)),
    ];
  }

  /**
   * Whether this request changes interview `index` (core's `decideRoundChange`, written with
   * compare-and-set): one change per sequence, so a second click on an outdated message changes nothing.
   */
  private async decideChange(
    roundId: string,
    request: { index: number; requestKey: string; seenSequence?: number; kind: 'move' | 'cancel' },
  ): Promise<RoundChangeDecision> {
    let decision: RoundChangeDecision = { kind: 'stale', reason: 'changed' };
    await this.books.update(roundId, (next) => {
      decision = decideRoundChange(next, request);
      return decision.kind === 'apply' && !decision.retry;
    });
    return decision;
  }

  /** The sequence this move or cancel gets, or undefined when the click was on an outdated message. */
  private async claimChange(
    input: { roundId: string; index: number; userId: string; requestKey: string; seenSequence?: number },
    kind: 'move' | 'cancel',
  ): Promise<number | undefined> {
    const decision = await this.decideChange(input.roundId, {
      index: input.index,
      requestKey: input.requestKey,
      ...(input.seenSequence === undefined ? {} : { seenSequence: input.seenSequence }),
      kind,
    });
    if (decision.kind === 'apply') return decision.sequence;
    await this.refuseStale(input.roundId, input.index, input.userId, input.requestKey);
    return undefined;
  }

  /** A click on an outdated message: the person hears nothing changed, and the message shows the present. */
  private async refuseStale(roundId: string, index: number, userId: string, requestKey: string) {
    await this.updateSchedule(roundId);
    await this.tell(
      userId,
      `Er is niets veranderd aan interview ${index + 1}: het rooster dat u gebruikte was verouderd (het interview is intussen verplaatst of geannuleerd). Het rooster in het kanaal is bijgewerkt.`,
      `${requestKey}:verouderd`,
    );
  }

  /** A message to one person (DM), sent once per key: how the app answers after the acknowledgement. */
  async tell(userId: string, text: string, key: string): Promise<void> {
    const dm = await this.dmChannel(userId);
    await this.deps.poster.postUnique(
      { channel: dm, text, blocks: [blocks.section(escapeMrkdwn(text))], key },
      true,
    );
  }

  async swap(input: {
    roundId: string;
    first: number;
    second: number;
    userId: string;
    requestKey: string;
    seenSequence?: number;
  }): Promise<void> {
    const { context } = this;
    const actor = actorOf(input.userId);
    let round = await context.duoRounds.get(input.roundId);
    const done = await this.books.get(input.roundId);
    // A retry after the slots were exchanged must not exchange them back.
    const slots = (done?.swaps?.[input.requestKey] as [string, string] | undefined) ?? [
      round.schedule?.interviews[input.first]?.slot ?? '',
      round.schedule?.interviews[input.second]?.slot ?? '',
    ];
    if (!done?.swaps?.[input.requestKey]) {
      const problems = await this.checkSwap(input.roundId, input.first, input.second);
      if (problems.length > 0) throw new ValidationError(problems.join(' '));
    }
    const first = await this.decideChange(input.roundId, {
      index: input.first,
      requestKey: `${input.requestKey}:${input.first}`,
      ...(input.seenSequence === undefined ? {} : { seenSequence: input.seenSequence }),
      kind: 'move',
    });
    if (first.kind === 'stale') {
      await this.refuseStale(input.roundId, input.first, input.userId, input.requestKey);
      return;
    }
    const second = await this.decideChange(input.roundId, {
      index: input.second,
      requestKey: `${input.requestKey}:${input.second}`,
      kind: 'move',
    });
    if (second.kind === 'stale') {
      await this.refuseStale(input.roundId, input.second, input.userId, input.requestKey);
      return;
    }
    await this.books.update(input.roundId, (next) => {
      if (next.swaps?.[input.requestKey]) return false;
      next.swaps = { ...(next.swaps ?? {}), [input.requestKey]: slots };
      return true;
    });
    const [slotOfFirst, slotOfSecond] = slots;
    if (round.schedule?.interviews[input.first]?.slot !== slotOfSecond) {
      round = await context.duoRounds.reschedule(input.roundId, input.first, slotOfSecond, actor);
    }
    if (round.schedule?.interviews[input.second]?.slot !== slotOfFirst) {
      round = await context.duoRounds.reschedule(input.roundId, input.second, slotOfFirst, actor);
    }
    await this.followPlan(round, actor);
    await this.updateSchedule(input.roundId);
    for (const [index, slot, sequence] of [
      [input.first, slotOfSecond, first.sequence],
      [input.second, slotOfFirst, second.sequence],
    ] as const) {
      await this.noteChange(
        round,
        index,
        `gewisseld naar ${slotText(this.view(round).slots.find((candidate) => candidate.id === slot))}`,
        `${input.requestKey}:${index}`,
      );
      await this.deliverInterview(round, index, slot, 'REQUEST', sequence);
    }
  }

  async move(input: {
    roundId: string;
    index: number;
    slotId: string;
    userId: string;
    requestKey: string;
    seenSequence?: number;
  }): Promise<void> {
    const { context } = this;
    let round = await context.duoRounds.get(input.roundId);
    const interview = round.schedule?.interviews[input.index];
    if (!interview) throw new ValidationError(`Interview ${input.index + 1} bestaat niet in deze ronde.`);
    const known = (await this.books.get(input.roundId))?.changes[input.requestKey] !== undefined;
    if (!known && interview.slot !== input.slotId) {
      const problems = await this.checkMove(input.roundId, input.index, input.slotId);
      if (problems.length > 0) throw new ValidationError(problems.join(' '));
    }
    const sequence = await this.claimChange(input, 'move');
    if (sequence === undefined) return;
    if (interview.slot !== input.slotId) {
      round = await context.duoRounds.reschedule(
        input.roundId,
        input.index,
        input.slotId,
        actorOf(input.userId),
      );
    }
    await this.followPlan(round, actorOf(input.userId));
    await this.updateSchedule(input.roundId);
    await this.noteChange(
      round,
      input.index,
      `verplaatst naar ${slotText(this.view(round).slots.find((slot) => slot.id === input.slotId))}`,
      input.requestKey,
    );
    await this.deliverInterview(round, input.index, input.slotId, 'REQUEST', sequence);
  }

  async cancel(input: {
    roundId: string;
    index: number;
    userId: string;
    requestKey: string;
    seenSequence?: number;
  }): Promise<void> {
    const { context } = this;
    let round = await context.duoRounds.get(input.roundId);
    const interview = round.schedule?.interviews[input.index];
    if (!interview) throw new ValidationError(`Interview ${input.index + 1} bestaat niet in deze ronde.`);
    const sequence = await this.claimChange(input, 'cancel');
    if (sequence === undefined) return;
    if (!interview.cancelled)
      round = await context.duoRounds.cancel(input.roundId, actorOf(input.userId), input.index);
    await this.followPlan(round, actorOf(input.userId));
    await this.updateSchedule(input.roundId);
    await this.noteChange(round, input.index, 'geannuleerd', input.requestKey);
    await this.deliverInterview(round, input.index, interview.slot, 'CANCEL', sequence);
  }

  private async noteChange(
    round: DuoRoundRecord,
    index: number,
    what: string,
    requestKey: string,
  ): Promise<void> {
    const book = (await this.books.get(round.id)) as RoundBook;
    const interview = round.schedule?.interviews[index];
    if (!interview) return;
    await this.toTeamChannel(round.id, async () => {
      await this.books.once(round.id, `note:${requestKey}`, async (mayExist) => {
        await this.deps.poster.postUnique(
          {
            channel: book.teamChannel,
            text: `Interview ${index + 1} ${what}`,
            blocks: [
              blocks.section(
                `Interview ${index + 1} ${what}: ${interviewText(this.view(round), interview)}. De drie betrokkenen krijgen een bijgewerkte agenda-afspraak.`,
              ),
            ],
            key: `${round.id}:note:${requestKey}`,
          },
          mayExist,
        );
      });
    });
  }

  private async postChunks(
    channel: string,
    key: string,
    intro: string,
    lines: string[],
    mayExist: boolean,
  ): Promise<void> {
    const sections: string[] = [];
    let current = intro;
    for (const line of lines) {
      if (current.length + line.length + 1 > 2900) {
        sections.push(current);
        current = line;
      } else current = `${current}\n${line}`;
    }
    sections.push(current);
    await this.deps.poster.postUnique(
      { channel, text: intro, blocks: sections.slice(0, 50).map((text) => blocks.section(text)), key },
      mayExist,
    );
  }
}
