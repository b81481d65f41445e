import {
  escapeHtml,
  isVisielerenError,
  LESSON_APPROVAL_LABELS,
  localize,
  mergeParticipants,
  participantsFromAanmelding,
  THEME_LABELS,
  TRAJECT_STATUS_LABELS,
  TRAJECT_STATUSES,
  type TrajectStatus,
  uitgangspuntName,
  ValidationError,
} from '@visieleren/core';
import { lifecycleOf, type Principal, type Store } from '@visieleren/store';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { Logger as PinoLogger } from 'pino';
import { createFormLink, isEmailAddress, LINKABLE_FORMS, sendFormLink } from '../../admin/form-links.js';
import { createTeamsKoppelcode, DEFAULT_CODE_HOURS } from '../../admin/koppelcodes.js';
import { reviewLesson } from '../../admin/lessons.js';
import { addTrajectToProgramme, createCohort } from '../../admin/programmes.js';
import { retryReminder } from '../../admin/reminders.js';
import { buildPortfolioReport } from '../../admin/report.js';
import type { AdminServices } from '../../admin/services.js';
import {
  changeTrajectStatus,
  STATUSES_NEEDING_REASON,
  settableStatuses,
  statusReasons,
} from '../../admin/traject-status.js';
import { decideAanmelding } from '../../lifecycle/aanmelding.js';
import {
  allLessons,
  allProgrammes,
  ensureStoredProgramme,
  programmeSummaryText,
  programmeWithProgress,
} from '../../lifecycle/views.js';
import { actorOf } from '../auth.js';
import { sendPortfolio } from '../beheer-routes.js';
import { INLOGGEN_PATH } from '../inloggen-page.js';
import { renderPageShell } from '../page-shell.js';
import { pathParam } from '../path-param.js';
import type { VngSessions } from '../vng-session.js';
import { aanmeldingDetail, aanmeldingenList, type DecisionErrors } from './aanmelding-pages.js';
import { day, errorSummary, field, notice, postForm, select, table, textarea, when } from './console-html.js';
import { portfolioTable, statusChart } from './report-page.js';

/**
 * The VNG team's console (`/console`): the daily work in a browser, signed in at /inloggen. Every form posts
 * to the same functions the API's routes call (src/admin, lifecycle/aanmelding). Posts are protected against
 * cross-site forgery twice: the session cookie is SameSite=Strict, and the browser's Origin (or
 * Sec-Fetch-Site) must say the form came from this server.
 */

export const CONSOLE_PATH = '/console';

export interface ConsoleOptions {
  store: Store;
  sessions: VngSessions;
  services: AdminServices;
  logger: PinoLogger;
  today(): string;
  calendar?: Parameters<typeof buildPortfolioReport>[2];
  stylesheetHref?: string;
}

/** Short confirmations after a post-redirect-get, by key (never text from the query string). */
const NOTICES: Record<string, string> = {
  geaccepteerd: 'De aanmelding is geaccepteerd: het traject loopt, de genoemde mensen zijn deelnemer.',
  afgewezen: 'De aanmelding is afgewezen; de reden staat in het dossier.',
  status: 'De status is gewijzigd.',
  goedgekeurd: 'De les is goedgekeurd en staat (als hij gedeeld mag worden) op de openbare pagina Lessen.',
  'les-afgewezen': 'De les is afgewezen.',
  ingetrokken: 'Het token is ingetrokken.',
  opnieuw: 'De herinnering staat opnieuw in de wachtrij.',
  'taak-opnieuw': 'De taak staat opnieuw in de wachtrij.',
  programma: 'Het programma is opgeslagen.',
  meting: 'De meting is vastgelegd.',
};

/** A post from another site, or from nowhere a browser names: refused (CSRF). */
export function fromThisSite(req: Request, publicUrl: string | undefined): boolean {
  const site = req.get('sec-fetch-site');
  if (site === 'cross-site' || site === 'same-site') return false;
  const origin = req.get('origin');
  // Under `Referrer-Policy: no-referrer` (security-headers.ts) browsers send `Origin: null`: then the
  // browser's own Sec-Fetch-Site must say same-origin.
  if (origin === undefined || origin === 'null') return site === 'same-origin';
  const own = new Set([`${req.protocol}://${req.get('host') ?? ''}`]);
  if (publicUrl) {
    try {
      own.add(new URL(publicUrl).origin);
    } catch {
      // An invalid public address adds nothing.
    }
  }
  return own.has(origin);
}

const text = (req: Request, name: string): string => {
  const value = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value.trim() : '';
};
const gemeenteOf = (traject: { gemeenten: Array<{ name: string }> }) =>
  traject.gemeenten.map((g) => g.name).join(', ');
const statusLabel = (status: TrajectStatus) => localize(TRAJECT_STATUS_LABELS[status]);

/** The first field a ValidationError names, and its message. */
function fieldError(error: unknown): { field?: string; message: string } | undefined {
  // A step the status machine refuses (409) is shown at the status field, like a bad value.
  if (isVisielerenError(error) && error.code === 'CONFLICT')
    return { field: 'status', message: error.message };
  if (!isVisielerenError(error) || error.code !== 'VALIDATION') return undefined;
  const issues = error instanceof ValidationError ? error.issues : [];
  return { ...(issues[0]?.path ? { field: issues[0].path } : {}), message: error.message };
}

export function createConsoleRouter(options: ConsoleOptions): Router {
  const { store, sessions, services, logger } = options;
  const lifecycle = lifecycleOf(store);
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 50 });

  const principalOf = (res: Response) => res.locals.vngPrincipal as Principal;
  const send = (req: Request, res: Response, title: string, body: string, status = 200) => {
    res.setHeader('Cache-Control', 'private, no-store');
    res
      .status(status)
      .type('html')
      .send(
        renderPageShell({
          title: `${status >= 400 ? 'Fout: ' : ''}${title} — Console — Visieleren`,
          stylesheetHref: options.stylesheetHref,
          path: req.path === '/' ? CONSOLE_PATH : `${CONSOLE_PATH}${req.path}`,
          signedInAs: principalOf(res).label,
          body,
          footerNote: 'Deze pagina is alleen voor het VNG-team en wordt niet bewaard in uw browser.',
        }),
      );
  };
  const noticeFor = (req: Request) => {
    const key = typeof req.query.melding === 'string' ? req.query.melding : '';
    return NOTICES[key] ? notice(NOTICES[key]) : '';
  };

  // Signed in with a VNG token, or to the sign-in page.
  router.use(async (req: Request, res: Response, next: NextFunction) => {
    const principal = await sessions.principal(req, res);
    if (!principal) {
      res.redirect(303, INLOGGEN_PATH);
      return;
    }
    res.locals.vngPrincipal = principal;
    res.setHeader('Vary', 'Cookie');
    if (req.method === 'POST' && !fromThisSite(req, services.publicUrl())) {
      logger.warn(
        { path: req.path, origin: req.get('origin'), site: req.get('sec-fetch-site'), host: req.get('host') },
        'consoleformulier van een andere site geweigerd',
      );
      send(
        req,
        res,
        'Geweigerd',
        errorSummary([
          { message: 'Dit formulier kwam niet van deze website. Open de console en probeer het opnieuw.' },
        ]),
        403,
      );
      return;
    }
    next();
  });

  router.get('/', async (req, res) => {
    const trajects = await store.trajects.summaries({ kind: 'all' });
    const waiting = trajects.filter((traject) => traject.status === 'aangemeld').length;
    const lessons = (await lifecycle.listLessons()).filter((lesson) => lesson.approval === 'wacht').length;
    const failed = (await store.reminderOutbox.list({ state: 'failed', limit: 1000 })).length;
    const ambiguous = (await store.reminderOutbox.list({ state: 'ambiguous', limit: 1000 })).length;
    send(
      req,
      res,
      'Console',
      `<h1>Console van het VNG-team</h1>
<ul class="vl-cards">
<li><a href="/console/aanmeldingen">${waiting} aanmelding${waiting === 1 ? '' : 'en'} wacht${waiting === 1 ? '' : 'en'} op een besluit</a></li>
<li><a href="/console/lessen">${lessons} les${lessons === 1 ? '' : 'sen'} wacht${lessons === 1 ? '' : 'en'} op goedkeuring</a></li>
<li><a href="/console/herinneringen">${failed} mislukte en ${ambiguous} onzekere herinneringen</a></li>
<li><a href="/console/trajecten">${trajects.length} trajecten</a>: status, koppelcodes en formulierlinks</li>
<li><a href="/console/rapport">Rapportage over alle trajecten</a> (CSV en spreadsheet)</li>
</ul>`,
    );
  });

  // Aanmeldingen ----------------------------------------------------------------------------------------

  router.get('/aanmeldingen', async (req, res) => {
    const trajects = (await store.trajects.list({ kind: 'all' })).filter(
      (traject) => traject.status === 'aangemeld',
    );
    const items = await Promise.all(
      trajects.map(async (traject) => {
        const intake = await lifecycle.getIntake(traject.id);
        return intake ? { traject, intake } : { traject };
      }),
    );
    send(req, res, 'Aanmeldingen', `${noticeFor(req)}<h1>Aanmeldingen</h1>\n${aanmeldingenList(items)}`);
  });

  const showAanmelding = async (req: Request, res: Response, status = 200, errors?: DecisionErrors) => {
    const traject = await store.trajects.get(pathParam(req, 'id'), { kind: 'all' });
    const intake = await lifecycle.getIntake(traject.id);
    const named = mergeParticipants(
      traject.participants,
      participantsFromAanmelding(intake?.answers ?? {}, traject.id, traject.gemeenten[0]?.name),
    );
    send(
      req,
      res,
      `Aanmelding ${gemeenteOf(traject)}`,
      `${noticeFor(req)}${aanmeldingDetail(traject, intake, { today: options.today(), ...(errors ? { errors } : {}), values: { startDate: text(req, 'startDate'), reden: text(req, 'reden') } }, named)}`,
      status,
    );
  };

  router.get('/aanmeldingen/:id', (req, res) => showAanmelding(req, res));

  router.post('/aanmeldingen/:id/accepteren', form, async (req, res) => {
    const startDate = text(req, 'startDate');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(startDate)) {
      await showAanmelding(req, res, 422, { startDate: 'Vul een startdatum in als dag, maand en jaar.' });
      return;
    }
    try {
      await decideAanmelding(
        store,
        pathParam(req, 'id'),
        { besluit: 'accepteren', templateKey: text(req, 'template') || 'visieleertraject', startDate },
        { actor: actorOf(principalOf(res)) },
      );
    } catch (error) {
      const problem = fieldError(error);
      if (!problem && !(isVisielerenError(error) && error.code === 'CONFLICT')) throw error;
      await showAanmelding(req, res, problem ? 422 : 409, {
        other: problem?.message ?? (error as Error).message,
      });
      return;
    }
    res.redirect(303, `/console/trajecten/${encodeURIComponent(pathParam(req, 'id'))}?melding=geaccepteerd`);
  });

  router.post('/aanmeldingen/:id/afwijzen', form, async (req, res) => {
    try {
      await decideAanmelding(
        store,
        pathParam(req, 'id'),
        { besluit: 'afwijzen', reden: text(req, 'reden') },
        { actor: actorOf(principalOf(res)) },
      );
    } catch (error) {
      const problem = fieldError(error);
      if (problem) {
        await showAanmelding(req, res, 422, {
          reden: 'Geef een reden voor de afwijzing (3 tot 2000 tekens).',
        });
        return;
      }
      if (isVisielerenError(error) && error.code === 'CONFLICT') {
        await showAanmelding(req, res, 409, { other: error.message });
        return;
      }
      throw error;
    }
    res.redirect(303, '/console/aanmeldingen?melding=afgewezen');
  });

  // Trajecten -------------------------------------------------------------------------------------------

  router.get('/trajecten', async (req, res) => {
    const trajects = (await store.trajects.summaries({ kind: 'all' })).sort((a, b) =>
      gemeenteOf(a).localeCompare(gemeenteOf(b), 'nl'),
    );
    send(
      req,
      res,
      'Trajecten',
      `${noticeFor(req)}<h1>Trajecten</h1>
${table(
  'trajecten-caption',
  `Alle trajecten (${trajects.length})`,
  ['Gemeente', 'Status', 'Start', 'Thema'],
  trajects.map((traject) => [
    `<a href="/console/trajecten/${encodeURIComponent(traject.id)}">${escapeHtml(gemeenteOf(traject))}</a>`,
    escapeHtml(statusLabel(traject.status)),
    day(traject.startDate),
    escapeHtml(traject.themes.map((theme) => localize(THEME_LABELS[theme])).join(', ') || '—'),
  ]),
)}`,
    );
  });

  interface TrajectPageExtras {
    status?: number;
    result?: string;
    errors?: Array<{ field?: string; message: string }>;
  }

  const showTraject = async (req: Request, res: Response, extras: TrajectPageExtras = {}) => {
    const traject = await store.trajects.get(pathParam(req, 'id'), { kind: 'all' });
    const id = encodeURIComponent(traject.id);
    const reasons = await statusReasons(store, traject.id);
    const links = await store.platformLinks.listForTraject(traject.id);
    const programmes = await allProgrammes(store);
    // Only the steps core's status machine allows from here, the current status first (nothing changes).
    const statuses = [traject.status, ...settableStatuses(traject.status)].map(
      (status) => [status, statusLabel(status)] as const,
    );
    const needsReason = STATUSES_NEEDING_REASON.filter((status) =>
      statuses.some(([value]) => value === status),
    );
    const participants = traject.participants.length
      ? `<ul>${traject.participants.map((p) => `<li>${escapeHtml(p.name)} — ${escapeHtml(p.role)}${p.email ? ` (${escapeHtml(p.email)})` : ''}</li>`).join('')}</ul>`
      : '<p>Nog geen deelnemers.</p>';
    const mailHint = services.mailer?.()
      ? 'De server verstuurt de link meteen per e-mail.'
      : 'E-mail staat uit op deze server (SMTP_URL ontbreekt): kopieer de link en stuur hem zelf.';
    send(
      req,
      res,
      gemeenteOf(traject),
      `${errorSummary(extras.errors ?? [])}${noticeFor(req)}${extras.result ?? ''}
<h1>${escapeHtml(gemeenteOf(traject))}</h1>
<dl class="vl-facts">
<dt>Status</dt><dd>${escapeHtml(statusLabel(traject.status))}</dd>
<dt>Start</dt><dd>${day(traject.startDate)}</dd>
<dt>Kernvraag</dt><dd>${escapeHtml(traject.kernvraag)}</dd>
<dt>Kanalen</dt><dd>${links.length ? escapeHtml([...new Set(links.map((link) => link.kind))].join(', ')) : 'nog niet gekoppeld'}</dd>
</dl>
<h2>Deelnemers</h2>
${participants}
<h2>Status wijzigen</h2>
${reasons.length ? `<h3>Redenen</h3><ul>${reasons.map((reason) => `<li>${escapeHtml(statusLabel(reason.status as TrajectStatus) ?? reason.status)}: ${escapeHtml(reason.reason)} <span class="vl-note">(${when(reason.at)})</span></li>`).join('')}</ul>` : ''}
${postForm(
  `/console/trajecten/${id}/status`,
  `${select({ id: 'status', name: 'status', label: 'Nieuwe status', choices: statuses, value: traject.status })}
${textarea({ id: 'reden', name: 'reden', label: 'Reden', hint: needsReason.length ? `Verplicht bij ${needsReason.map((status) => statusLabel(status).toLowerCase()).join(', ')}.` : 'Waarom de status verandert (niet verplicht).' })}`,
  'Status opslaan',
)}
<h2>Teams-kanaal koppelen</h2>
<p>Maak een eenmalige koppelcode. De gemeente typt in haar Teams-kanaal <code>@Visieleren koppel &lt;code&gt;</code>.
Een Slack-kanaal koppelt het VNG-team zelf met <code>/visieleren koppel ${escapeHtml(traject.gemeenten[0]?.name ?? '')}</code>.</p>
${postForm(
  `/console/trajecten/${id}/koppelcode`,
  field({
    id: 'uren',
    name: 'uren',
    label: 'Geldig (uren)',
    type: 'number',
    value: String(DEFAULT_CODE_HOURS),
    attributes: 'min="1" max="336" inputmode="numeric"',
  }),
  'Teams-koppelcode maken',
)}
<h2>Formulierlink</h2>
<p>${escapeHtml(mailHint)}</p>
${postForm(
  `/console/trajecten/${id}/formulierlink`,
  `${select({ id: 'formulier', name: 'formulier', label: 'Formulier', choices: LINKABLE_FORMS.map((f) => [f, f === 'vit' ? 'VIT (Verkenningsinstrument Toegang)' : f === 'evaluatie' ? 'Evaluatie' : 'Nazorg'] as const) })}
${field({ id: 'dagen', name: 'dagen', label: 'Geldig (dagen)', type: 'number', value: '14', attributes: 'min="1" max="90" inputmode="numeric"' })}
${field({ id: 'email', name: 'email', label: 'E-mailadres (niet verplicht)', type: 'email', hint: 'Voor wie de link is; met e-mail aan verstuurt de server hem.', attributes: 'autocomplete="off"' })}`,
  'Formulierlink maken',
)}
<h2>Programma</h2>
${postForm(
  `/console/trajecten/${id}/programma`,
  select({
    id: 'programma',
    name: 'programma',
    label: 'Voeg toe aan programma',
    choices: programmes.map((p) => [p.key, p.name] as const),
  }),
  'Toevoegen',
  true,
)}
<p><a href="/console/trajecten">Alle trajecten</a> · <a href="/console/aanmeldingen/${id}">Aanmelding</a></p>`,
      extras.status,
    );
  };

  router.get('/trajecten/:id', (req, res) => showTraject(req, res));

  /** Runs an action; a ValidationError shows the traject page again with the error at its field. */
  const onTraject =
    (action: (req: Request, res: Response) => Promise<string | undefined>) =>
    async (req: Request, res: Response) => {
      try {
        const result = await action(req, res);
        if (result === undefined) return;
        await showTraject(req, res, { result });
      } catch (error) {
        const problem = fieldError(error);
        if (!problem) throw error;
        await showTraject(req, res, { status: 422, errors: [problem] });
      }
    };

  router.post(
    '/trajecten/:id/status',
    form,
    onTraject(async (req, res) => {
      const status = text(req, 'status') as TrajectStatus;
      if (!TRAJECT_STATUSES.includes(status)) {
        await showTraject(req, res, {
          status: 422,
          errors: [{ field: 'status', message: 'Kies een status uit de lijst.' }],
        });
        return undefined;
      }
      const reason = text(req, 'reden');
      await changeTrajectStatus(
        store,
        pathParam(req, 'id'),
        { status, ...(reason ? { reason } : {}) },
        { actor: actorOf(principalOf(res)) },
      );
      res.redirect(303, `/console/trajecten/${encodeURIComponent(pathParam(req, 'id'))}?melding=status`);
      return undefined;
    }),
  );

  router.post(
    '/trajecten/:id/koppelcode',
    form,
    onTraject(async (req, res) => {
      const code = await createTeamsKoppelcode(
        store,
        pathParam(req, 'id'),
        Number(text(req, 'uren') || DEFAULT_CODE_HOURS),
        actorOf(principalOf(res)),
      );
      // Shown once, in this answer only (never in a URL or a log).
      return `<div class="vl-notice" role="status" aria-labelledby="koppelcode-titel">
<h2 id="koppelcode-titel">Koppelcode voor ${escapeHtml(code.gemeente)}</h2>
<p class="vl-code"><output id="koppelcode">${escapeHtml(code.code)}</output></p>
<p>Geldig tot ${when(code.expiresAt)}, één keer te gebruiken. Laat de gemeente in haar Teams-kanaal typen:</p>
<p><code>${escapeHtml(code.instruction)}</code></p>
</div>`;
    }),
  );

  router.post(
    '/trajecten/:id/formulierlink',
    form,
    onTraject(async (req) => {
      const formId = text(req, 'formulier') as (typeof LINKABLE_FORMS)[number];
      if (!LINKABLE_FORMS.includes(formId)) {
        throw new ValidationError('Kies een formulier uit de lijst.', [
          { path: 'formulier', message: 'onbekend' },
        ]);
      }
      const email = text(req, 'email');
      if (email && !isEmailAddress(email)) {
        throw new ValidationError('Vul een geldig e-mailadres in, zoals naam@gemeente.nl.', [
          { path: 'email', message: 'ongeldig' },
        ]);
      }
      const link = await createFormLink(
        store,
        {
          formId,
          trajectId: pathParam(req, 'id'),
          ...(email ? { subject: email } : {}),
          days: Number(text(req, 'dagen') || 14),
        },
        {
          formsSecret: services.formsSecret,
          publicUrl: services.publicUrl(),
          ...(services.now ? { now: services.now() } : {}),
        },
      );
      const mailer = email ? services.mailer?.() : undefined;
      let sent = '';
      if (mailer) {
        const traject = await store.trajects.get(link.trajectId, { kind: 'all' });
        await sendFormLink(mailer, link, email, gemeenteOf(traject));
        sent = `<p>Verstuurd naar ${escapeHtml(email)}.</p>`;
      }
      return `<div class="vl-notice" role="status" aria-labelledby="link-titel">
<h2 id="link-titel">Formulierlink</h2>
${sent}
<p><label for="formulierlink">Kopieer de link</label><br><input id="formulierlink" class="vl-copy" type="text" readonly value="${escapeHtml(link.url)}"></p>
<p>Geldig tot ${when(link.expiresAt)}.</p>
</div>`;
    }),
  );

  router.post(
    '/trajecten/:id/programma',
    form,
    onTraject(async (req, res) => {
      await addTrajectToProgramme(
        store,
        text(req, 'programma'),
        pathParam(req, 'id'),
        actorOf(principalOf(res)),
      );
      res.redirect(303, `/console/trajecten/${encodeURIComponent(pathParam(req, 'id'))}?melding=programma`);
      return undefined;
    }),
  );

  // Lessen ----------------------------------------------------------------------------------------------

  router.get('/lessen', async (req, res) => {
    const lessons = (await allLessons(store)).filter((lesson) => lesson.approval !== undefined);
    const waiting = lessons.filter((lesson) => lesson.approval === 'wacht');
    const decided = lessons.filter((lesson) => lesson.approval !== 'wacht');
    const item = (lesson: (typeof lessons)[number]) => `<li><h3>${escapeHtml(lesson.title)}</h3>
<p>${escapeHtml(lesson.body)}</p>
<p class="vl-note">${escapeHtml(localize(THEME_LABELS[lesson.theme]))}${lesson.uitgangspunten.length ? ` · ${escapeHtml(lesson.uitgangspunten.map((key) => uitgangspuntName(key)).join(', '))}` : ''} · ${lesson.shared ? 'mag gedeeld worden' : 'alleen voor het eigen traject'} · ${escapeHtml(lesson.source ?? lesson.createdBy ?? '')}</p>
${postForm(`/console/lessen/${encodeURIComponent(lesson.id)}/goedkeuren`, '', `Goedkeuren: ${lesson.title}`)}
${postForm(`/console/lessen/${encodeURIComponent(lesson.id)}/afwijzen`, '', `Afwijzen: ${lesson.title}`, true)}
</li>`;
    send(
      req,
      res,
      'Lessen beoordelen',
      `${noticeFor(req)}<h1>Lessen beoordelen</h1>
<p>Lessen van gemeenten en uit het nazorgformulier staan pas op de openbare pagina <a href="/lessen">Lessen</a> als
het VNG-team ze goedkeurt (en de gemeente ze laat delen).</p>
<h2>Wachten op goedkeuring (${waiting.length})</h2>
${waiting.length ? `<ul class="vl-lessons">${waiting.map(item).join('')}</ul>` : '<p>Geen lessen die wachten.</p>'}
<h2>Beoordeeld</h2>
${table(
  'beoordeeld-caption',
  'Beoordeelde lessen',
  ['Les', 'Beoordeling'],
  decided.map((lesson) => [
    escapeHtml(lesson.title),
    escapeHtml(localize(LESSON_APPROVAL_LABELS[lesson.approval ?? 'goedgekeurd'])),
  ]),
)}`,
    );
  });

  for (const [path, approval, melding] of [
    ['goedkeuren', 'goedgekeurd', 'goedgekeurd'],
    ['afwijzen', 'afgewezen', 'les-afgewezen'],
  ] as const) {
    router.post(`/lessen/:les/${path}`, form, async (req, res) => {
      await reviewLesson(store, pathParam(req, 'les'), approval, actorOf(principalOf(res)));
      res.redirect(303, `/console/lessen?melding=${melding}`);
    });
  }

  // Tokens ----------------------------------------------------------------------------------------------

  const showTokens = async (req: Request, res: Response, extras: TrajectPageExtras = {}) => {
    const tokens = await store.tokens.list({ includeRevoked: true });
    const trajects = await store.trajects.summaries({ kind: 'all' });
    send(
      req,
      res,
      'Tokens',
      `${errorSummary(extras.errors ?? [])}${noticeFor(req)}${extras.result ?? ''}<h1>API-tokens</h1>
${table(
  'tokens-caption',
  `Tokens (${tokens.length})`,
  ['Label', 'Rol', 'Traject', 'Gemaakt', 'Ingetrokken', 'Actie'],
  tokens.map((token) => [
    escapeHtml(token.label),
    token.role === 'vng' ? 'VNG-team' : 'gemeente',
    escapeHtml(token.trajectId ?? '—'),
    when(token.createdAt),
    token.revokedAt ? when(token.revokedAt) : 'nee',
    token.revokedAt
      ? '—'
      : postForm(
          `/console/tokens/${encodeURIComponent(token.id)}/intrekken`,
          '',
          `Intrekken: ${token.label}`,
          true,
        ),
  ]),
)}
<h2>Een token maken</h2>
${postForm(
  '/console/tokens',
  `${field({ id: 'label', name: 'label', label: 'Label', hint: 'Voor wie of waarvoor, bijvoorbeeld "Ede" of "Notion-koppeling".', required: true })}
${select({ id: 'traject', name: 'traject', label: 'Rol', hint: 'Een gemeentetoken ziet alleen het eigen traject.', choices: [['', 'VNG-team (alle trajecten)'], ...trajects.map((t) => [t.id, `Gemeente: ${gemeenteOf(t)}`] as const)] })}`,
  'Token maken',
)}`,
      extras.status,
    );
  };

  router.get('/tokens', (req, res) => showTokens(req, res));

  router.post('/tokens', form, async (req, res) => {
    const label = text(req, 'label');
    if (!label) {
      await showTokens(req, res, { status: 422, errors: [{ field: 'label', message: 'Vul een label in.' }] });
      return;
    }
    const trajectId = text(req, 'traject');
    if (trajectId) await store.trajects.get(trajectId, { kind: 'all' });
    const created = await store.tokens.create(
      { role: trajectId ? 'gemeente' : 'vng', label, ...(trajectId ? { trajectId } : {}) },
      actorOf(principalOf(res)),
    );
    await showTokens(req, res, {
      result: `<div class="vl-notice" role="status"><h2>Token gemaakt</h2><p>Dit is de enige keer dat u het token ziet:</p>
<p><label for="nieuw-token">Token voor ${escapeHtml(label)}</label><br><input id="nieuw-token" class="vl-copy" type="text" readonly value="${escapeHtml(created.token)}"></p></div>`,
    });
  });

  router.post('/tokens/:tokenId/intrekken', form, async (req, res) => {
    await store.tokens.revoke(pathParam(req, 'tokenId'), actorOf(principalOf(res)));
    res.redirect(303, '/console/tokens?melding=ingetrokken');
  });

  // Herinneringen en taken -----------------------------------------------------------------------------

  router.get('/herinneringen', async (req, res) => {
    const shown = ['failed', 'ambiguous', 'sent'] as const;
    const labels = { failed: 'Mislukt', ambiguous: 'Onzeker (misschien aangekomen)', sent: 'Verstuurd' };
    const sections = await Promise.all(
      shown.map(async (state) => {
        const rows = await store.reminderOutbox.list({ state, limit: 200 });
        return table(
          `herinneringen-${state}`,
          `${labels[state]} (${rows.length})`,
          ['Traject', 'Herinnering', 'Kanaal', 'Pogingen', 'Laatste fout', 'Bijgewerkt', 'Actie'],
          rows.map((row) => [
            escapeHtml(row.trajectId),
            escapeHtml(row.key),
            escapeHtml(row.channel),
            String(row.attempts),
            escapeHtml(row.lastError ?? '—'),
            when(row.updatedAt),
            state === 'sent'
              ? '—'
              : postForm(
                  '/console/herinneringen/opnieuw',
                  `<input type="hidden" name="key" value="${escapeHtml(row.key)}"><input type="hidden" name="channel" value="${escapeHtml(row.channel)}"><input type="hidden" name="recipient" value="${escapeHtml(row.recipient)}">`,
                  'Opnieuw proberen',
                  true,
                ),
          ]),
        );
      }),
    );
    send(
      req,
      res,
      'Herinneringen',
      `${noticeFor(req)}<h1>Herinneringen</h1>
<p>Een onzekere herinnering liep af terwijl het platform hem misschien al had aangenomen: probeer hem alleen
opnieuw als u weet dat hij niet aankwam, anders ziet de gemeente hem twee keer.</p>
${sections.join('\n')}`,
    );
  });

  router.post('/herinneringen/opnieuw', form, async (req, res) => {
    const ref = { key: text(req, 'key'), channel: text(req, 'channel'), recipient: text(req, 'recipient') };
    const retried = await retryReminder(store, ref, actorOf(principalOf(res)));
    res.redirect(303, `/console/herinneringen${retried ? '?melding=opnieuw' : ''}`);
  });

  router.get('/taken', async (req, res) => {
    const jobs = services.jobs?.();
    const list = jobs ? await jobs.list({ limit: 200 }) : [];
    send(
      req,
      res,
      'Taken',
      `${noticeFor(req)}<h1>Achtergrondtaken</h1>
${
  jobs
    ? table(
        'taken-caption',
        `Taken (${list.length})`,
        ['Taak', 'Status', 'Pogingen', 'Gemaakt', 'Fout', 'Actie'],
        list.map((job) => [
          escapeHtml(job.name),
          escapeHtml(job.state),
          `${job.retryCount + 1} van ${job.retryLimit + 1}`,
          when(job.createdOn),
          escapeHtml(job.error ?? '—'),
          job.state === 'failed'
            ? postForm(`/console/taken/${encodeURIComponent(job.id)}/opnieuw`, '', 'Opnieuw proberen', true)
            : '—',
        ]),
      )
    : '<p>De takenwachtrij draait niet in dit proces.</p>'
}`,
    );
  });

  router.post('/taken/:taakId/opnieuw', form, async (req, res) => {
    const retried = (await services.jobs?.()?.retry(pathParam(req, 'taakId'))) ?? false;
    res.redirect(303, `/console/taken${retried ? '?melding=taak-opnieuw' : ''}`);
  });

  // Programma's ----------------------------------------------------------------------------------------

  const showProgrammes = async (req: Request, res: Response, extras: TrajectPageExtras = {}) => {
    const today = options.today();
    const programmes = await allProgrammes(store);
    const items = await Promise.all(
      programmes.map(async (programme) => {
        const progress = await programmeWithProgress(store, programme, today);
        const indicators = programme.indicators.filter((indicator) => indicator.measuredBy === 'meting');
        const measure = indicators.length
          ? postForm(
              `/console/programmas/${encodeURIComponent(programme.key)}/metingen`,
              `${select({ id: `indicator-${programme.key}`, name: 'indicator', label: 'Indicator', choices: indicators.map((i) => [i.id, i.name] as const) })}
${field({ id: `datum-${programme.key}`, name: 'datum', label: 'Gemeten op', type: 'date', value: today })}
${field({ id: `waarde-${programme.key}`, name: 'waarde', label: 'Waarde', type: 'number', attributes: 'step="any"' })}`,
              'Meting vastleggen',
              true,
            )
          : '';
        return `<section aria-labelledby="programma-${escapeHtml(programme.key)}"><h2 id="programma-${escapeHtml(programme.key)}"><a href="/programmas/${encodeURIComponent(programme.key)}">${escapeHtml(programme.name)}</a></h2>
<p>${escapeHtml(programmeSummaryText(programme, progress))}</p>${measure}</section>`;
      }),
    );
    send(
      req,
      res,
      "Programma's beheren",
      `${errorSummary(extras.errors ?? [])}${noticeFor(req)}<h1>Programma's beheren</h1>
${items.join('\n')}
<h2>Een cohort maken</h2>
${postForm(
  '/console/programmas',
  `${field({ id: 'sleutel', name: 'key', label: 'Sleutel', hint: 'Kleine letters, cijfers en streepjes, bijvoorbeeld cohort-2027.', required: true })}
${field({ id: 'naam', name: 'name', label: 'Naam', required: true })}
${textarea({ id: 'omschrijving', name: 'description', label: 'Omschrijving', required: true })}`,
  'Cohort maken',
)}
<p>Trajecten voegt u toe op de pagina van het traject.</p>`,
      extras.status,
    );
  };

  router.get('/programmas', (req, res) => showProgrammes(req, res));

  router.post('/programmas', form, async (req, res) => {
    const key = text(req, 'key');
    const name = text(req, 'name');
    const description = text(req, 'description');
    if (!/^[a-z0-9][a-z0-9-]{0,99}$/.test(key) || !name || !description) {
      await showProgrammes(req, res, {
        status: 422,
        errors: [
          ...(/^[a-z0-9][a-z0-9-]{0,99}$/.test(key)
            ? []
            : [
                { field: 'sleutel', message: 'Vul een sleutel in met kleine letters, cijfers en streepjes.' },
              ]),
          ...(name ? [] : [{ field: 'naam', message: 'Vul een naam in.' }]),
          ...(description ? [] : [{ field: 'omschrijving', message: 'Vul een omschrijving in.' }]),
        ],
      });
      return;
    }
    try {
      await createCohort(store, { key, name, description }, actorOf(principalOf(res)));
    } catch (error) {
      const problem = fieldError(error);
      if (!problem) throw error;
      await showProgrammes(req, res, {
        status: 422,
        errors: [{ field: 'sleutel', message: problem.message }],
      });
      return;
    }
    res.redirect(303, '/console/programmas?melding=programma');
  });

  router.post('/programmas/:programma/metingen', form, async (req, res) => {
    const value = Number(text(req, 'waarde').replace(',', '.'));
    const key = pathParam(req, 'programma');
    if (!text(req, 'waarde') || !Number.isFinite(value) || !/^\d{4}-\d{2}-\d{2}$/.test(text(req, 'datum'))) {
      await showProgrammes(req, res, {
        status: 422,
        errors: [{ field: `waarde-${key}`, message: 'Vul een datum en een getal in.' }],
      });
      return;
    }
    const programme = (await allProgrammes(store)).find((candidate) => candidate.key === key);
    if (!programme) {
      await showProgrammes(req, res, { status: 404, errors: [{ message: 'Dit programma bestaat niet.' }] });
      return;
    }
    await ensureStoredProgramme(store, programme, actorOf(principalOf(res)));
    await lifecycle.addMeasurement(
      key,
      { indicatorId: text(req, 'indicator'), measuredOn: text(req, 'datum'), value },
      actorOf(principalOf(res)),
    );
    res.redirect(303, '/console/programmas?melding=meting');
  });

  // Rapportage -----------------------------------------------------------------------------------------

  router.get('/rapport', async (req, res) => {
    const report = await buildPortfolioReport(store, options.today(), options.calendar);
    send(
      req,
      res,
      'Rapportage',
      `<h1>Rapportage over alle trajecten</h1>
<p>Status, fase, uitloop, uren tegen de norm, VIT-profiel en evaluaties per traject. Download de hele tabel:
<a href="/console/rapport.csv">CSV</a> of <a href="/console/rapport.xlsx">spreadsheet (Excel)</a>.</p>
${statusChart(report)}
${portfolioTable(report)}`,
    );
  });

  router.get('/rapport.csv', (_req, res) =>
    sendPortfolio(res, store, options.today(), 'csv', options.calendar),
  );
  router.get('/rapport.xlsx', (_req, res) =>
    sendPortfolio(res, store, options.today(), 'xlsx', options.calendar),
  );

  return router;
}
