import {
  formatAmsterdamMoment,
  type Lang,
  type MailerPort,
  parseVitBank,
  ValidationError,
} from '@visieleren/core';
import {
  type AvailabilitySlot,
  availabilityForm,
  type BuildFormOptions,
  buildForm,
  FORM_DESCRIPTIONS,
  FORM_NAMES,
  type FormName,
  RENDER_TARGETS,
  renderForm,
  signFormToken,
} from '@visieleren/forms';
import { isEmailAddress, sendFormLink } from '../admin/form-links.js';
import { type CliIo, type Command, oneOf, requireOption, UsageError } from '../cli/command.js';
import { readJsonArgument } from '../cli/files.js';
import type { ServerEnv } from '../env.js';
import { withStore } from './with-store.js';

const LANGS = ['nl', 'en'] as const;

export const formsListCommand: Command = {
  path: ['forms', 'list'],
  summary: 'Toon de formulieren die gerenderd kunnen worden',
  help: `Gebruik: visieleren forms list [--taal nl|en]

Toont de standaardformulieren (aanmelding, VIT, beschikbaarheid, evaluatie, nazorg) met een korte omschrijving.

Opties:
  --taal nl|en   taal van de omschrijving (standaard nl)

Voorbeeld:
  visieleren forms list`,
  aliases: { lang: 'taal' },
  options: { taal: { type: 'string' } },
  run({ values, io }) {
    const lang = oneOf(values, 'taal', LANGS, 'nl');
    const width = Math.max(...FORM_NAMES.map((name) => name.length));
    for (const name of FORM_NAMES)
      io.stdout.write(`${name.padEnd(width)}  ${FORM_DESCRIPTIONS[name][lang]}\n`);
    return 0;
  },
};

async function formOptions(
  name: FormName,
  values: Record<string, unknown>,
  cwd: string,
  lang: Lang,
): Promise<BuildFormOptions> {
  const options: BuildFormOptions = {};
  if (typeof values.slots === 'string') {
    if (name !== 'beschikbaarheid') throw new UsageError('--slots hoort alleen bij --form beschikbaarheid.');
    const slots = await readJsonArgument(cwd, 'slots', values.slots);
    try {
      // Validates and reports bad slots with their field path before the form is built.
      availabilityForm(slots, lang);
    } catch (error) {
      if (error instanceof ValidationError)
        throw new UsageError(`Het bestand bij --slots is ongeldig.\n${error.message}`);
      throw error;
    }
    options.slots = slots as AvailabilitySlot[];
  }
  if (typeof values['vit-bank'] === 'string') {
    if (name !== 'vit') throw new UsageError('--vit-bank hoort alleen bij --form vit.');
    const json = await readJsonArgument(cwd, 'vit-bank', values['vit-bank']);
    try {
      options.vitBank = parseVitBank(json, values['vit-bank'], lang);
    } catch (error) {
      if (error instanceof ValidationError)
        throw new UsageError(`Het bestand bij --vit-bank is ongeldig.\n${error.message}`);
      throw error;
    }
  }
  return options;
}

export const formsRenderCommand: Command = {
  path: ['forms', 'render'],
  summary: 'Render een formulier als HTML, Adaptive Card, Slack-modal, JSON Schema of Google Forms',
  help: `Gebruik: visieleren forms render --form <naam> --doel <doel> [--taal nl|en] [--slots bestand.json] [--vit-bank bestand.json] [--rapport]

Schrijft één formulier naar stdout in het gevraagde formaat. Met --rapport alleen het verliesrapport:
wat dit doel niet kan weergeven en hoe het formulier daar terugvalt (JSON).

Opties:
  --form <naam>         ${FORM_NAMES.join(', ')}
  --doel <doel>         ${RENDER_TARGETS.join(', ')} (oude naam: --target)
  --taal nl|en          taal (standaard nl)
  --slots <bestand>     tijdvakken voor het beschikbaarheidsformulier: JSON-lijst van
                        { "id": "di-0930", "start": "2026-03-03T09:30", "end": "2026-03-03T11:00" }
                        (Nederlandse tijd); zonder deze optie een voorbeeldset
  --vit-bank <bestand>  een eigen (bijvoorbeeld de officiële) VIT-vragenset; standaard de voorlopige vragenset
  --rapport             toon het verliesrapport in plaats van het formulier

Voorbeelden:
  visieleren forms render --form aanmelding --doel html > aanmelding.html
  visieleren forms render --form vit --doel slack-modal --taal en
  visieleren forms render --form beschikbaarheid --doel adaptive-card --slots apps/server/examples/tijdvakken.json --rapport`,
  aliases: { target: 'doel', lang: 'taal', report: 'rapport' },
  options: {
    form: { type: 'string' },
    doel: { type: 'string' },
    taal: { type: 'string' },
    slots: { type: 'string' },
    'vit-bank': { type: 'string' },
    rapport: { type: 'boolean' },
  },
  async run({ values, io }) {
    requireOption(values, 'form');
    requireOption(values, 'doel');
    const name = oneOf(values, 'form', FORM_NAMES);
    const target = oneOf(values, 'doel', RENDER_TARGETS);
    const lang = oneOf(values, 'taal', LANGS, 'nl');
    const form = buildForm(name, await formOptions(name, values, io.cwd, lang));
    const rendered = renderForm(form, target, lang);
    if (values.rapport === true) {
      io.stdout.write(`${JSON.stringify(rendered.report, null, 2)}\n`);
    } else if (typeof rendered.output === 'string') {
      io.stdout.write(rendered.output);
    } else {
      io.stdout.write(`${JSON.stringify(rendered.output, null, 2)}\n`);
    }
    return 0;
  },
};

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The e-mail a link goes out by: the running server's when the command runs inside it, else SMTP_URL of this
 * environment. No e-mail configured is a usage error that says which setting is missing.
 */
async function openMailer(io: CliIo, env: ServerEnv): Promise<{ mailer: MailerPort; close(): void }> {
  if (io.attached) {
    if (io.attached.mailer) return { mailer: io.attached.mailer, close: () => {} };
    throw new UsageError(
      'E-mail versturen kan niet: de draaiende server heeft geen SMTP_URL. Laat --mail-naar weg en kopieer de link, of start de server met SMTP_URL.',
    );
  }
  if (!env.smtp) {
    throw new UsageError(
      'E-mail versturen kan niet: SMTP_URL is niet ingesteld. Laat --mail-naar weg en kopieer de link, of zet SMTP_URL.',
    );
  }
  // Loaded only for a link that is mailed: nodemailer is not needed otherwise.
  const { createSmtpMailer } = await import('../mail/smtp-mailer.js');
  const mailer = createSmtpMailer(env.smtp);
  return { mailer, close: () => mailer.close() };
}

export const formsLinkCommand: Command = {
  path: ['forms', 'link'],
  summary: 'Maak een ondertekende, verlopende formulierlink voor een traject',
  help: `Gebruik: visieleren forms link --form <naam> --traject ID [--persoon ID] [--dagen 14] [--taal nl|en]
                             [--slots tijdvakken.json] [--mail-naar ADRES]

Maakt een link naar het HTML-formulier voor één traject. Alleen wie de link heeft kan antwoorden; de link
verloopt na --dagen dagen. De link begint met VISIELEREN_PUBLIC_URL, anders met het adres van de draaiende
server (of http://localhost:<PORT> als er geen server draait). Met --mail-naar verstuurt Visieleren de link
meteen per e-mail, zoals de console en POST /api/v1/trajecten/{id}/formulierlinks (alleen als SMTP_URL is
ingesteld: bij de draaiende server de zijne, anders in deze omgeving).

Opties:
  --form <naam>      ${FORM_NAMES.join(', ')}
  --traject ID       het traject waarvoor geantwoord wordt
  --persoon ID       optioneel: voor wie de link is (komt bij de antwoorden)
  --dagen N          geldigheid in dagen, 1 tot en met 90 (standaard 14)
  --taal nl|en       taal van het formulier (standaard nl; oude naam: --lang)
  --slots <bestand>  verplicht bij beschikbaarheid: de tijdvakken van de duo-interviewronde, een JSON-lijst
                     van { "id", "start", "end" } in Nederlandse tijd (JJJJ-MM-DDTUU:MM); ze gaan ondertekend
                     mee in de link
  --mail-naar ADRES  optioneel: stuur de link naar dit e-mailadres (en zet het als --persoon als die ontbreekt)

Voorbeelden:
  visieleren forms link --form evaluatie --traject voorbeeld-aan-zee --dagen 30
  visieleren forms link --form vit --traject voorbeeld-aan-zee --mail-naar contactpersoon@aanzee.example
  visieleren forms link --form beschikbaarheid --traject voorbeeld-aan-zee --persoon voorbeeld-aan-zee-p1 \\
    --slots apps/server/examples/tijdvakken.json`,
  aliases: { lang: 'taal' },
  options: {
    form: { type: 'string' },
    traject: { type: 'string' },
    persoon: { type: 'string' },
    dagen: { type: 'string' },
    taal: { type: 'string' },
    slots: { type: 'string' },
    'mail-naar': { type: 'string' },
  },
  async run({ values, io }) {
    requireOption(values, 'form');
    const formId = oneOf(values, 'form', FORM_NAMES);
    const mailTo = values['mail-naar'] === undefined ? undefined : requireOption(values, 'mail-naar').trim();
    if (mailTo !== undefined && !isEmailAddress(mailTo)) {
      throw new UsageError(
        `Ongeldig e-mailadres bij --mail-naar: ${JSON.stringify(mailTo)}. Verwacht bijvoorbeeld naam@gemeente.nl.`,
      );
    }
    const trajectId = requireOption(values, 'traject').trim();
    const lang = oneOf(values, 'taal', LANGS, 'nl');
    const daysText = typeof values.dagen === 'string' ? values.dagen : '14';
    const days = Number(daysText);
    if (!/^\d+$/.test(daysText) || days < 1 || days > 90) {
      throw new UsageError(
        `Ongeldige waarde voor --dagen: ${JSON.stringify(daysText)}. Geef een heel getal van 1 tot en met 90.`,
      );
    }
    // As the API does: the link is for the person named, else for the address it is mailed to.
    const subject =
      typeof values.persoon === 'string' && values.persoon.trim() !== '' ? values.persoon.trim() : mailTo;
    if (formId === 'beschikbaarheid' && typeof values.slots !== 'string') {
      throw new UsageError(
        'Het argument --slots ontbreekt: het beschikbaarheidsformulier vraagt naar tijdvakken.',
      );
    }
    const { slots } = await formOptions(formId, values, io.cwd, lang);
    return withStore(io, async (store, env) => {
      // Fails with a Dutch NotFoundError when the traject does not exist.
      const traject = await store.trajects.get(trajectId, { kind: 'all' });
      const mail = mailTo ? await openMailer(io, env) : undefined;
      const { resolveFormsSecret } = await import('../runtime.js');
      const secret = await resolveFormsSecret(env, io.cwd);
      const expiresAt = new Date(Date.now() + days * DAY_MS);
      const token = signFormToken(
        { formId, trajectId, ...(subject ? { subject } : {}), ...(slots ? { slots } : {}), expiresAt },
        secret,
      );
      const base = env.publicUrl ?? `http://localhost:${env.port}`;
      const query = lang === 'nl' ? '' : `?lang=${lang}`;
      const url = `${base}/forms/${token}${query}`;
      if (mail && mailTo) {
        try {
          const gemeente = traject.gemeenten.map((g) => g.name).join(', ');
          await sendFormLink(
            mail.mailer,
            { url, formId, expiresAt: expiresAt.toISOString() },
            mailTo,
            gemeente,
          );
        } finally {
          mail.close();
        }
      }
      io.stdout.write(`${url}\n`);
      io.stderr.write(
        `Geldig tot ${formatAmsterdamMoment(expiresAt)} voor traject ${trajectId}${subject ? `, persoon ${subject}` : ''}.\n`,
      );
      if (mailTo) io.stderr.write(`Verstuurd naar ${mailTo}.\n`);
      return 0;
    });
  },
};
