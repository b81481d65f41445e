import {
  addDays,
  amsterdamToUtc,
  checkInterviewMove,
  type DuoRoundRecord,
  type DuoRoundSchedule,
  normaliseEmail,
  type PluginContext,
  planDuoRound,
  roundWithAvailability,
  type TrajectRecord,
  templateOf,
  trajectName,
  ValidationError,
} from '@visieleren/core';
import { blocks, escapeMrkdwn } from '../block-kit/blocks.js';
import { METADATA_EVENT_TYPES, type SlackPoster } from '../poster.js';
import { classifySlackError } from '../slack-errors.js';
import type { SlackClients } from '../web-client.js';
import { type RoundBook, RoundBooks, type RoundPerson } from './bookkeeping.js';
import { interviewInvite } from './invites.js';
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
} as const;

/** The reminder of an interview: the day before, at 09:00 Amsterdam time. */
const REMINDER_DAYS_BEFORE = 1;
const REMINDER_TIME = '09:00';

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
    this.books = new RoundBooks(deps.context.links);
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
    const organizer = await this.organizer(userId);
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
        organizer,
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
    await jobs.enqueue(JOB_NAMES.requestAvailability, { roundId }, { singletonKey: `avail:${roundId}` });
    if (deadline) {
      await jobs.enqueue(
        JOB_NAMES.schedule,
        { roundId, trigger: 'deadline' },
        { startAfter: deadline, singletonKey: `deadline:${roundId}` },
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
        singletonKey: `collect:${roundId}:${tick}`,
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

  private async organizer(userId: string): Promise<{ name: string; email: string }> {
    const fallback = {
      name: 'Visieleerteam VNG',
      email: this.context.env.SMTP_FROM?.replace(/^.*<([^>]+)>.*$/, '$1').trim() || 'visieleren@vng.nl',
    };
    try {
      const info = await this.deps.clients.api.users.info({ user: userId });
      const profile = info.user?.profile;
      return profile?.email
        ? {
            name: profile.real_name || info.user?.real_name || fallback.name,
            email: normaliseEmail(profile.email),
          }
        : fallback;
    } catch {
      return fallback;
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
      await poster.update(book.statusMessage.channel, book.statusMessage.ts, text, content);
      return;
    }
    await this.books.once(roundId, 'status', async (mayExist) => {
      const posted = await poster.postUnique(
        { channel: book.teamChannel, text, blocks: content, key: `${roundId}:status` },
        mayExist,
      );
      await this.books.update(roundId, (next) => {
        next.statusMessage = { channel: posted.channel, ts: posted.ts };
      });
    });
  }

  // -------------------------------------------------------------------------------------------- schedule

  async schedule(
    roundId: string,
    trigger: 'deadline' | 'all-answered' | 'now',
    userId?: string,
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
    await this.refreshStatus(roundId);
    await this.postSchedule(round, book);
    await context.jobs.enqueue(JOB_NAMES.invites, { roundId }, { singletonKey: `invites:${roundId}` });
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

  private async postSchedule(round: DuoRoundRecord, book: RoundBook): Promise<void> {
    const { context, poster } = this.deps;
    const traject = await context.trajects.get(round.trajectId, { kind: 'all' });
    const schedule = round.schedule as DuoRoundSchedule & {
      unplaced?: Array<{ id: string; reason: string }>;
      summary?: string;
    };
    const messages = scheduleMessages(
      round,
      this.view(round),
      trajectName(traject),
      schedule.unplaced ?? [],
      schedule.summary ?? '',
    );
    for (const [part, content] of messages.entries()) {
      await this.books.once(round.id, `schedule:${part}`, async (mayExist) => {
        await poster.postUnique(
          {
            channel: book.teamChannel,
            text: `Rooster duo-interviews ${trajectName(traject)} (${part + 1}/${messages.length})`,
            blocks: content,
            key: `${round.id}:schedule:${part}`,
          },
          mayExist,
        );
      });
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

  private async deliverInterview(
    round: DuoRoundRecord,
    index: number,
    slotId: string,
    method: 'REQUEST' | 'CANCEL',
    sequence: number,
  ): Promise<void> {
    const { context, poster } = this.deps;
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
      });
      const key = `invite:${index}:${sequence}:${personId}`;
      if (person.dmChannel) {
        const dm = person.dmChannel;
        await this.books.once(round.id, key, async (mayExist) => {
          const posted = await poster.postUnique(
            {
              channel: dm,
              text: invite.subject,
              blocks: [blocks.section(`*${escapeMrkdwn(invite.subject)}*\n${escapeMrkdwn(invite.text)}`)],
              key: `${round.id}:${key}`,
            },
            mayExist,
          );
          await poster.uploadFile(
            {
              channel: posted.channel,
              threadTs: posted.ts,
              filename: invite.filename,
              title: invite.subject,
              content: invite.ics,
            },
            mayExist || Boolean(posted.found),
          );
        });
      } else if (context.mailer) {
        const mailer = context.mailer;
        await this.books.once(round.id, key, async () => {
          await mailer.send({
            to: person.email,
            subject: invite.subject,
            text: `Beste ${person.name},\n\n${invite.text}\n\nMet vriendelijke groet,\n${book.organizer.name}`,
            attachments: [
              {
                filename: invite.filename,
                content: invite.ics,
                contentType: `text/calendar; method=${method}; charset=UTF-8`,
              },
            ],
            messageId: `<duo-${round.id}-${index + 1}-${sequence}-${personId}@visieleren>`,
          });
        });
      } else {
        manual.push(personId);
      }
    });
    if (manual.length === 0) return;
    // Without e-mail the team sends these itself: the text and the .ics in the team's channel.
    const book = (await this.books.get(round.id)) as RoundBook;
    const key = `manual:${index}:${sequence}`;
    await this.books.once(round.id, key, async (mayExist) => {
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
      });
      const recipients = manual
        .map(
          (id) =>
            `${escapeMrkdwn(book.people[id]?.name ?? id)} (${book.people[id]?.email ?? 'geen e-mailadres'})`,
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
      await poster.uploadFile(
        {
          channel: posted.channel,
          threadTs: posted.ts,
          filename: invite.filename,
          title: invite.subject,
          content: invite.ics,
        },
        mayExist || Boolean(posted.found),
      );
    });
  }

  /** When the reminder of an interview goes out: the working day before is not needed, the day before at 09:00. */
  private reminderAt(slotStart: string): Date {
    const [date = ''] = slotStart.split('T');
    return amsterdamToUtc(addDays(date, -REMINDER_DAYS_BEFORE), REMINDER_TIME);
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
        singletonKey: `reminder:${round.id}:${index}:${sequence}`,
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
    const names = personIds.map((id) => book.people[id]?.name ?? id);
    const text = `Herinnering: morgen, ${slotText(slot)}, is uw duo-interview voor het visieleertraject ${trajectName(traject)}, met ${names.join(', ')}.`;
    for (const personId of personIds) {
      const person = book.people[personId];
      if (!person) continue;
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
            subject: `Herinnering: duo-interview morgen (${slotText(slot)})`,
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

  async swap(input: {
    roundId: string;
    first: number;
    second: number;
    userId: string;
    requestKey: string;
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
      await this.books.update(input.roundId, (next) => {
        next.swaps = { ...(next.swaps ?? {}), [input.requestKey]: slots };
      });
    }
    const [slotOfFirst, slotOfSecond] = slots;
    if (round.schedule?.interviews[input.first]?.slot !== slotOfSecond) {
      round = await context.duoRounds.reschedule(input.roundId, input.first, slotOfSecond, actor);
    }
    if (round.schedule?.interviews[input.second]?.slot !== slotOfFirst) {
      round = await context.duoRounds.reschedule(input.roundId, input.second, slotOfFirst, actor);
    }
    await this.followPlan(round, actor);
    for (const [index, slot] of [
      [input.first, slotOfSecond],
      [input.second, slotOfFirst],
    ] as const) {
      const sequence = await this.nextSequence(input.roundId, index, `${input.requestKey}:${index}`);
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
  }): Promise<void> {
    const { context } = this;
    let round = await context.duoRounds.get(input.roundId);
    const interview = round.schedule?.interviews[input.index];
    if (!interview) throw new ValidationError(`Interview ${input.index + 1} bestaat niet in deze ronde.`);
    if (interview.slot !== input.slotId) {
      const problems = await this.checkMove(input.roundId, input.index, input.slotId);
      if (problems.length > 0) throw new ValidationError(problems.join(' '));
      round = await context.duoRounds.reschedule(
        input.roundId,
        input.index,
        input.slotId,
        actorOf(input.userId),
      );
    }
    const sequence = await this.nextSequence(input.roundId, input.index, input.requestKey);
    await this.followPlan(round, actorOf(input.userId));
    await this.noteChange(
      round,
      input.index,
      `verplaatst naar ${slotText(this.view(round).slots.find((slot) => slot.id === input.slotId))}`,
      input.requestKey,
    );
    await this.deliverInterview(round, input.index, input.slotId, 'REQUEST', sequence);
  }

  async cancel(input: { roundId: string; index: number; userId: string; requestKey: string }): Promise<void> {
    const { context } = this;
    let round = await context.duoRounds.get(input.roundId);
    const interview = round.schedule?.interviews[input.index];
    if (!interview) throw new ValidationError(`Interview ${input.index + 1} bestaat niet in deze ronde.`);
    if (!interview.cancelled)
      round = await context.duoRounds.cancel(input.roundId, actorOf(input.userId), input.index);
    const sequence = await this.nextSequence(input.roundId, input.index, input.requestKey);
    await this.followPlan(round, actorOf(input.userId));
    await this.noteChange(round, input.index, 'geannuleerd', input.requestKey);
    await this.deliverInterview(round, input.index, interview.slot, 'CANCEL', sequence);
  }

  /** SEQUENCE + 1 per change; a retried change (same request) keeps the number it got. */
  private async nextSequence(roundId: string, index: number, requestKey: string): Promise<number> {
    const book = await this.books.update(roundId, (next) => {
      if (next.changes[requestKey] !== undefined) return;
      const sequence = (next.sequences[String(index)] ?? 0) + 1;
      next.sequences[String(index)] = sequence;
      next.changes[requestKey] = sequence;
    });
    return book.changes[requestKey] as number;
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
