import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock, isPublicLesson, systemClock } from '@visieleren/core';
import { createStore, lifecycleOf, type Store } from '@visieleren/store';
import { createTemporaryDatabase, type TemporaryDatabase } from '@visieleren/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statusReasons } from '../src/admin/traject-status.js';
import { findGroup, loadGroupCommands } from '../src/cli/catalog.js';
import { seedDemoPortfolio } from '../src/demo-seed.js';
import { createTrajectDomain } from '../src/domain.js';
import { submitAanmelding } from '../src/lifecycle/aanmelding.js';
import { computeDueReminders } from '../src/reminders/compute-due.js';
import { CREATE_COHORT_ARGS, KOGGENLAND_AANMELDING } from './helpers/beheer-fixtures.js';
import { runCliCaptured } from './helpers/cli.js';
import { type Mailbox, startMailbox } from './helpers/mailbox.js';

/**
 * The console's actions as CLI commands, with DATABASE_URL (the direct path): aanmeldingen, status with a
 * reason, programmes, a form link by e-mail, reminders with a retry and lessons to approve. Each command calls
 * the same function as the console and the API; this test checks what it changed in the store.
 * (cli-beside-serve.test.ts runs the same commands through a running `serve` on the embedded database.)
 */

const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PUBLIC_URL = 'https://visieleren.example.nl';

let database: TemporaryDatabase;
let store: Store;
let mailbox: Mailbox;
let cwd: string;
let aanmeldingId: string;

const env = (extra: Record<string, string> = {}) => ({
  DATABASE_URL: database.url,
  VISIELEREN_FORMS_SECRET: 'beheer-cli-test-geheim-van-minstens-32-tekens',
  VISIELEREN_PUBLIC_URL: PUBLIC_URL,
  SMTP_URL: mailbox.url,
  ...extra,
});
const cli = (...argv: string[]) => runCliCaptured(argv, { cwd, env: env() });

/** Splits a printed command line as a shell would (double quotes), without the leading `visieleren`. */
const words = (line: string) =>
  (line.match(/"[^"]*"|\S+/g) ?? []).slice(1).map((word) => word.replace(/^"|"$/g, ''));

beforeAll(async () => {
  database = await createTemporaryDatabase(ADMIN_URL);
  store = await createStore({ databaseUrl: database.url, maxConnections: 2 });
  await store.migrate();
  await seedDemoPortfolio(store, createTrajectDomain(systemClock).today());
  aanmeldingId = (
    await submitAanmelding(store, KOGGENLAND_AANMELDING, {
      clock: fixedClock('2027-02-01T09:00:00Z'),
      surface: 'html',
    })
  ).id;
  mailbox = await startMailbox();
  cwd = await mkdtemp(join(tmpdir(), 'visieleren-beheer-cli-'));
}, 120_000);

afterAll(async () => {
  await store?.close();
  await database?.drop();
  await mailbox?.close();
  await rm(cwd, { recursive: true, force: true });
});

describe('visieleren aanmeldingen', () => {
  it('list shows the open aanmeldingen; --json has what the gemeente sent', async () => {
    const list = await cli('aanmeldingen', 'list');
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/^id +gemeente +ontvangen +contactpersoon +vraagstuk/);
    expect(list.stdout).toMatch(new RegExp(`${aanmeldingId} +Koggenland +2027-02-01 +Fatima El Amrani`));
    expect(list.stdout).toContain('voorbeeld-heuvelland');
    expect(list.stdout).not.toContain('voorbeeld-aan-zee');
    const json = JSON.parse((await cli('aanmeldingen', 'list', '--json')).stdout);
    const ours = json.aanmeldingen.find(
      (item: { traject: { id: string } }) => item.traject.id === aanmeldingId,
    );
    expect(ours.intake.contact.email).toBe('f.elamrani@koggenland.example');
  });

  it('show prints the whole form, section by section, and who becomes a participant', async () => {
    const shown = await cli('aanmeldingen', 'show', aanmeldingId);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain('Contactpersoon: Fatima El Amrani, f.elamrani@koggenland.example');
    expect(shown.stdout).toMatch(
      / {4}Welke bestuurder\(s\) doen mee\?\n {6}Ria Smit, wethouder sociaal domein/,
    );
    expect(shown.stdout).toMatch(/ {6}niet ingevuld/);
    expect(shown.stdout).toMatch(
      /Bij accepteren worden deelnemer:\n(?: {2}.*\n)*? {2}Fatima El Amrani — Ambtelijk contactpersoon/,
    );
    expect(shown.stdout).toMatch(/ {2}Ria Smit — Bestuurder/);
    const json = JSON.parse((await cli('aanmeldingen', 'show', aanmeldingId, '--json')).stdout);
    expect(json.formulier.length).toBeGreaterThan(1);
    expect(json.deelnemersBijAccepteren.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['Fatima El Amrani', 'Ria Smit']),
    );
    const missing = await cli('aanmeldingen', 'show', 'bestaat-niet');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/bestaat-niet/);
  });

  it('accepteren refuses bad arguments in Dutch, naming them (exit 2), and changes nothing', async () => {
    const noStart = await cli('aanmeldingen', 'accepteren', aanmeldingId);
    expect(noStart.code).toBe(2);
    expect(noStart.stderr).toContain('--start ontbreekt');
    const badDate = await cli('aanmeldingen', 'accepteren', aanmeldingId, '--start', '1-3-2027');
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toContain('--start');
    const badTemplate = await cli(
      'aanmeldingen',
      'accepteren',
      aanmeldingId,
      '--start',
      '2027-03-01',
      '--template',
      'onbekend',
    );
    expect(badTemplate.code).toBe(2);
    expect(badTemplate.stderr).toContain('--template');
    expect((await store.trajects.get(aanmeldingId, { kind: 'all' })).status).toBe('aangemeld');
  });

  it('accepteren plans the traject: the named people become participants, answered items are ticked', async () => {
    const before = await store.trajects.get(aanmeldingId, { kind: 'all' });
    const accepted = await cli('aanmeldingen', 'accepteren', aanmeldingId, '--start', '2027-03-01');
    expect(accepted.code, accepted.stderr).toBe(0);
    expect(accepted.stdout).toMatch(/Aanmelding geaccepteerd: Koggenland .* loopt vanaf 2027-03-01/);
    // The contact person was a participant from the aanmelding on; the wethouder joins now.
    expect(accepted.stdout).toMatch(/Nieuwe deelnemers: .*Ria Smit \(Bestuurder\)/);
    const traject = await store.trajects.get(aanmeldingId, { kind: 'all' });
    expect(traject.status).toBe('lopend');
    expect(traject.startDate).toBe('2027-03-01');
    expect(traject.participants.map((p) => [p.name, p.role])).toEqual(
      expect.arrayContaining([
        ['Fatima El Amrani', 'ambtelijk-contactpersoon'],
        ['Ria Smit', 'bestuurder'],
      ]),
    );
    const ticked = (t: typeof traject) => t.checklist.filter((item) => item.done).length;
    expect(ticked(traject)).toBeGreaterThan(ticked(before));
    expect((await lifecycleOf(store).getIntake(aanmeldingId))?.decision).toMatchObject({
      kind: 'geaccepteerd',
      by: 'cli',
    });
    const again = await cli('aanmeldingen', 'accepteren', aanmeldingId, '--start', '2027-03-01');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/status "lopend"/);
  });

  it('afwijzen: its help example runs as printed on the demo; the reason is kept (status afgewezen)', async () => {
    const short = await cli('aanmeldingen', 'afwijzen', 'voorbeeld-heuvelland', '--reden', 'ok');
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('--reden');
    const commands = await loadGroupCommands(findGroup('aanmeldingen')!);
    const help = commands.find((command) => command.path[1] === 'afwijzen')!.help;
    const example = help.split('Voorbeeld:\n')[1]?.trim() ?? '';
    expect(example).toMatch(/^visieleren aanmeldingen afwijzen voorbeeld-heuvelland --reden "/);
    const declined = await cli(...words(example));
    expect(declined.code, declined.stderr).toBe(0);
    const traject = await store.trajects.get('voorbeeld-heuvelland', { kind: 'all' });
    expect(traject.status).toBe('afgewezen');
    const [reason] = await statusReasons(store, 'voorbeeld-heuvelland');
    expect(reason).toMatchObject({ status: 'afgewezen', by: 'cli' });
    expect(example).toContain(reason?.reason);
    expect((await cli('aanmeldingen', 'list')).stdout).toBe(
      'Geen aanmeldingen die op een besluit wachten.\n',
    );
  });
});

describe('visieleren traject status', () => {
  it("core's status machine decides: stopping needs --reden, a step it has not is refused; reasons are shown", async () => {
    const noReason = await cli('traject', 'status', 'voorbeeld-aan-zee', '--status', 'tussentijds-gestopt');
    expect(noReason.code).toBe(2);
    expect(noReason.stderr).toContain('--reden');
    const noStep = await cli('traject', 'status', 'voorbeeld-aan-zee', '--status', 'geannuleerd');
    expect(noStep.code).toBe(1);
    expect(noStep.stderr).toContain('Een traject met status "lopend" kan niet naar status "geannuleerd"');
    expect((await store.trajects.get('voorbeeld-aan-zee', { kind: 'all' })).status).toBe('lopend');
    const notHere = await cli('traject', 'status', 'voorbeeld-aan-zee', '--status', 'afgewezen');
    expect(notHere.code).toBe(2);
    expect(notHere.stderr).toContain('--status');

    const paused = await cli(
      'traject',
      'status',
      'voorbeeld-aan-zee',
      '--status',
      'gepauzeerd',
      '--reden',
      'Reorganisatie van het sociaal domein',
    );
    expect(paused.code, paused.stderr).toBe(0);
    expect((await store.trajects.get('voorbeeld-aan-zee', { kind: 'all' })).status).toBe('gepauzeerd');
    const shown = await cli('traject', 'status', 'voorbeeld-aan-zee');
    expect(shown.stdout).toMatch(
      /: Gepauzeerd\nRedenen, nieuwste eerst:\n {2}\d{4}-\d\d-\d\d {2}Gepauzeerd: Reorganisatie/,
    );
    const json = JSON.parse((await cli('traject', 'status', 'voorbeeld-aan-zee', '--json')).stdout);
    expect(json).toMatchObject({
      status: 'gepauzeerd',
      redenen: [{ status: 'gepauzeerd', reason: 'Reorganisatie van het sociaal domein', by: 'cli' }],
    });
    const resumed = await cli('traject', 'status', 'voorbeeld-aan-zee', '--status', 'lopend');
    expect(resumed.code, resumed.stderr).toBe(0);
    expect((await store.trajects.get('voorbeeld-aan-zee', { kind: 'all' })).status).toBe('lopend');
  });
});

describe('visieleren programma create and add', () => {
  it('creates a cohort with a traject, adds another once, and refuses a taken or bad key', async () => {
    const created = await cli(...CREATE_COHORT_ARGS);
    expect(created.code, created.stderr).toBe(0);
    for (let i = 0; i < 2; i++) {
      const added = await cli('programma', 'add', 'cohort-2027', '--traject', 'voorbeeld-rivierenland');
      expect(added.code, added.stderr).toBe(0);
    }
    const programme = await lifecycleOf(store).getProgramme('cohort-2027');
    expect(programme).toMatchObject({
      name: 'Cohort 2027',
      trajectIds: ['voorbeeld-aan-zee', 'voorbeeld-rivierenland'],
    });
    const shown = await cli('programma', 'show', 'cohort-2027');
    expect(shown.stdout).toContain('Trajecten: 2');

    const taken = await cli('programma', 'create', 'cohort-2027', '--naam', 'X', '--omschrijving', 'Y');
    expect(taken.code).toBe(2);
    expect(taken.stderr).toMatch(/al een programma met de sleutel "cohort-2027"/);
    const badKey = await cli('programma', 'create', 'Cohort 2027', '--naam', 'X', '--omschrijving', 'Y');
    expect(badKey.code).toBe(2);
    expect(badKey.stderr).toMatch(/Ongeldige sleutel "Cohort 2027"/);
    const noName = await cli('programma', 'create', 'cohort-2028', '--omschrijving', 'Y');
    expect(noName.code).toBe(2);
    expect(noName.stderr).toContain('--naam ontbreekt');
    const unknownTraject = await cli('programma', 'add', 'cohort-2027', '--traject', 'bestaat-niet');
    expect(unknownTraject.code).toBe(1);
    expect(unknownTraject.stderr).toContain('bestaat-niet');
  });
});

describe('visieleren forms link --mail-naar', () => {
  it('sends the signed link by SMTP to the address, and prints the same link', async () => {
    const sent = await cli(
      'forms',
      'link',
      '--form',
      'evaluatie',
      '--traject',
      'voorbeeld-aan-zee',
      '--mail-naar',
      'contactpersoon@aanzee.example',
    );
    expect(sent.code, sent.stderr).toBe(0);
    const link = sent.stdout.trim();
    expect(link.startsWith(`${PUBLIC_URL}/forms/`)).toBe(true);
    expect(sent.stderr).toContain('Verstuurd naar contactpersoon@aanzee.example.');
    const mail = mailbox.mails.find((m) => m.to.includes('contactpersoon@aanzee.example'));
    expect(mail?.subject).toBe('Formulier voor het visieleertraject van Aan Zee (fictief)');
    expect(mail?.text).toContain(link);
  });

  it('refuses an address that is none, and mail without SMTP_URL, naming the argument and the setting', async () => {
    const before = mailbox.mails.length;
    const bad = await cli(
      'forms',
      'link',
      '--form',
      'vit',
      '--traject',
      'voorbeeld-aan-zee',
      '--mail-naar',
      'aanzee.nl',
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--mail-naar');
    const { SMTP_URL: _smtp, ...withoutSmtp } = env();
    const noSmtp = await runCliCaptured(
      ['forms', 'link', '--form', 'vit', '--traject', 'voorbeeld-aan-zee', '--mail-naar', 'a@aanzee.example'],
      { cwd, env: withoutSmtp },
    );
    expect(noSmtp.code).toBe(2);
    expect(noSmtp.stderr).toContain('SMTP_URL');
    expect(noSmtp.stdout).toBe('');
    expect(mailbox.mails.length).toBe(before);
  });
});

describe('visieleren reminders list and retry', () => {
  it('lists a failed delivery with the retry command, which runs as printed and queues it again', async () => {
    const trajects = await store.trajects.list({ kind: 'all' }, { openOnly: true });
    const [failing, unsure] = computeDueReminders(trajects, new Date());
    expect(unsure).toBeDefined();
    const webhook = { channel: 'webhook', address: 'webhook', kind: 'endpoint' } as const;
    const timelyUntil = new Date(Date.now() + 3600_000);
    await store.reminderOutbox.enqueue(
      [failing!, unsure!].map((intent) => ({ intent, channel: 'webhook', recipient: webhook, timelyUntil })),
    );
    const ref = (key: string) => ({ key, channel: 'webhook', recipient: 'webhook' });
    const first = await store.reminderOutbox.claim(ref(failing!.key), { leaseMs: 60_000 });
    await store.reminderOutbox.markFailed(first!.claim, 'Webhook antwoordde 500', undefined);
    const second = await store.reminderOutbox.claim(ref(unsure!.key), { leaseMs: 60_000 });
    await store.reminderOutbox.markAmbiguous(second!.claim, 'time-out na verzenden', undefined);

    const list = await cli('reminders', 'list', '--toestand', 'failed');
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toContain('DEFINITIEF MISLUKT na 1 pogingen');
    expect(list.stdout).toContain('fout: Webhook antwoordde 500');
    const retryLine = /opnieuw: (visieleren reminders retry .*)/.exec(list.stdout)?.[1];
    expect(retryLine).toContain(`--sleutel ${failing!.key}`);
    const retried = await cli(...words(retryLine!));
    expect(retried.code, retried.stderr).toBe(0);
    expect(retried.stderr).toBe('');
    const [row] = await store.reminderOutbox.list({ keys: [failing!.key] });
    expect(row?.state).toBe('pending');
    const audit = await store.audit.list({ action: 'herinnering.opnieuw', limit: 5 });
    expect(audit[0]).toMatchObject({ actor: 'cli', detail: { key: failing!.key, channel: 'webhook' } });

    const twice = await cli(...words(retryLine!));
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/geen mislukte of onzekere herinnering .*toestand nu: wacht op verzending/);

    const ambiguous = await cli('reminders', 'list', '--toestand', 'ambiguous', '--json');
    expect(JSON.parse(ambiguous.stdout).herinneringen.map((r: { key: string }) => r.key)).toEqual([
      unsure!.key,
    ]);
    const unsureRetry = await cli(
      'reminders',
      'retry',
      '--sleutel',
      unsure!.key,
      '--kanaal',
      'webhook',
      '--ontvanger',
      'webhook',
    );
    expect(unsureRetry.code, unsureRetry.stderr).toBe(0);
    expect(unsureRetry.stderr).toContain('kan hem twee keer krijgen');

    const badState = await cli('reminders', 'list', '--toestand', 'kapot');
    expect(badState.code).toBe(2);
    expect(badState.stderr).toContain('--toestand');
    const noKey = await cli('reminders', 'retry', '--kanaal', 'webhook', '--ontvanger', 'webhook');
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toContain('--sleutel ontbreekt');
  });
});

describe('visieleren lessen wachtend, goedkeuren and afwijzen', () => {
  it('lists the lessons that wait; approving puts a shared one on the public page, rejecting keeps it off', async () => {
    const lifecycle = lifecycleOf(store);
    const lesson = (title: string) =>
      lifecycle.addLesson(
        {
          theme: 'rust-en-regie',
          title,
          body: 'Inwoners met meerdere vragen willen één vast aanspreekpunt.',
          trajectId: 'voorbeeld-aan-zee',
          shared: true,
          approval: 'wacht',
        },
        'token:gemeente voorbeeld-aan-zee',
      );
    const good = await lesson('Eén aanspreekpunt werkt');
    const other = await lesson('Een tweede les die het team afwijst');
    const waiting = await cli('lessen', 'wachtend');
    expect(waiting.code, waiting.stderr).toBe(0);
    expect(waiting.stdout).toContain(good.id);
    expect(waiting.stdout).toContain(other.id);
    expect(waiting.stdout).toContain('2 lessen wachten.');

    const approved = await cli('lessen', 'goedkeuren', good.id);
    expect(approved.code, approved.stderr).toBe(0);
    expect(approved.stdout).toContain('Hij staat op de openbare pagina /lessen.');
    const rejected = await cli('lessen', 'afwijzen', other.id);
    expect(rejected.code, rejected.stderr).toBe(0);
    const stored = await lifecycle.listLessons();
    expect(isPublicLesson(stored.find((l) => l.id === good.id)!)).toBe(true);
    expect(stored.find((l) => l.id === other.id)?.approval).toBe('afgewezen');
    expect((await cli('lessen', 'wachtend')).stdout).toBe('Geen lessen die op goedkeuring wachten.\n');

    const seeded = await cli('lessen', 'afwijzen', 'rapportage-3-2-leiderschap');
    expect(seeded.code).toBe(1);
    expect(seeded.stderr).toContain('Rapportage Visieleren');
    const unknown = await cli('lessen', 'goedkeuren', 'bestaat-niet');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('bestaat-niet');
  });
});
