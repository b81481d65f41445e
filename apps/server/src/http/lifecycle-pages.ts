import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  type Clock,
  citeSource,
  getBuiltInTemplate,
  type IndicatorProgress,
  isVisielerenError,
  LESSON_KIND_LABELS,
  type Lesson,
  type Logger,
  localize,
  type Programme,
  type ProgrammeProgress,
  searchLessons,
  THEME_LABELS,
  THEMES,
  UITGANGSPUNT_KEYS,
  uitgangspuntName,
} from '@visieleren/core';
import {
  aanmeldingForm,
  HTML_ENHANCEMENT_SCRIPT,
  parseSubmission,
  renderHtml,
  renderMessagePage,
} from '@visieleren/forms';
import type { Store } from '@visieleren/store';
import express, { type Request, type Response, type Router } from 'express';
import { submitAanmelding } from '../lifecycle/aanmelding.js';
import {
  allLessons,
  allProgrammes,
  findProgramme,
  programmeSummaryText,
  programmeWithProgress,
} from '../lifecycle/views.js';
import { DATABASE_RETRY_AFTER_SECONDS } from './error-handler.js';
import { chosenLang, languageLinks } from './page-language.js';
import { escapeHtml, renderPageShell } from './page-shell.js';
import { createRateLimiter, DEFAULT_FORM_POST_LIMIT, type RateLimit } from './rate-limit.js';
import { safeError } from './safe-error.js';

/**
 * Pages of the traject lifecycle, public and without personal data: the aanmelding form (its public link,
 * `/aanmelden`), the lessons library (`/lessen`, shared lessons only) and the programmes (`/programmas`).
 * No script except the form's own enhancement, allowed by its hash.
 */
export interface LifecyclePagesOptions {
  store: Store;
  clock: Clock;
  logger: Logger;
  /** Today in Europe/Amsterdam. */
  today(): string;
  /** The NL Design System stylesheet of the other pages, when installed. */
  stylesheetHref?: string;
  /** Aanmeldingen per client address (default: the forms' limit, 10 at once, 10 a minute). */
  postLimit?: RateLimit;
}

export const AANMELDEN_PATH = '/aanmelden';
const FORM_STYLESHEET = `${AANMELDEN_PATH}/_assets/nl-design-system.css`;

function formStylesheet(): string {
  return readFileSync(
    createRequire(import.meta.url).resolve('@utrecht/component-library-css/dist/index.css'),
    'utf8',
  );
}

function page(title: string, body: string, stylesheetHref: string | undefined, path = ''): string {
  return renderPageShell({
    title: `${title} — Visieleren`,
    stylesheetHref,
    path,
    body,
    footerNote: 'Deze pagina toont geen persoonsgegevens.',
  });
}

function lessonItem(lesson: Lesson): string {
  const uitgangspunten = lesson.uitgangspunten.length
    ? `<br><span class="vl-note">Uitgangspunten: ${lesson.uitgangspunten.map((key) => escapeHtml(uitgangspuntName(key))).join(', ')}</span>`
    : '';
  return `<li><h3>${escapeHtml(lesson.title)}</h3>
<p>${escapeHtml(lesson.body)}</p>
<p class="vl-note">${escapeHtml(localize(LESSON_KIND_LABELS[lesson.kind]))} · ${escapeHtml(localize(THEME_LABELS[lesson.theme]))}${lesson.source ? ` · bron: ${escapeHtml(citeSource(lesson.source))}` : ''}${uitgangspunten}</p></li>`;
}

function select(name: string, label: string, options: Array<[string, string]>, chosen: string | undefined) {
  const items = [['', 'alle'] as [string, string], ...options]
    .map(
      ([value, text]) =>
        `<option value="${escapeHtml(value)}"${value === (chosen ?? '') ? ' selected' : ''}>${escapeHtml(text)}</option>`,
    )
    .join('');
  return `<p><label for="${name}">${escapeHtml(label)}</label><br><select id="${name}" name="${name}">${items}</select></p>`;
}

export function renderLessonsPage(
  lessons: readonly Lesson[],
  filter: { thema?: string; uitgangspunt?: string; tekst?: string },
  stylesheetHref?: string,
): string {
  const form = `<form method="get" action="/lessen" aria-label="Lessen zoeken">
${select(
  'thema',
  'Thema',
  THEMES.map((theme) => [theme, localize(THEME_LABELS[theme])]),
  filter.thema,
)}
${select(
  'uitgangspunt',
  'Uitgangspunt',
  UITGANGSPUNT_KEYS.map((key) => [key, uitgangspuntName(key)]),
  filter.uitgangspunt,
)}
<p><label for="tekst">Woorden</label><br><input id="tekst" name="tekst" type="search" value="${escapeHtml(filter.tekst ?? '')}"></p>
<p><button type="submit">Zoeken</button></p>
</form>`;
  const list = lessons.length
    ? `<ul class="vl-lessons">${lessons.map(lessonItem).join('')}</ul>`
    : '<p>Geen lessen gevonden met deze keuzes.</p>';
  return page(
    'Geleerde lessen',
    `<h1>Geleerde lessen</h1>
<p>De dilemma's en werkzame elementen uit de Rapportage Visieleren (april 2024), met hun bron, en de lessen
die trajecten delen. Welke uitgangspunten een les raakt, is onze lezing.</p>
${form}
<h2>${lessons.length} les${lessons.length === 1 ? '' : 'sen'}</h2>
${list}`,
    stylesheetHref,
    '/lessen',
  );
}

function indicatorRow(indicator: IndicatorProgress): string {
  const latest = indicator.latest
    ? `${indicator.latest.value}${indicator.unit ? ` ${escapeHtml(indicator.unit)}` : ''} <span class="vl-note">(${escapeHtml(indicator.latest.measuredOn)})</span>`
    : '<span class="vl-muted">nog geen meting</span>';
  const target =
    indicator.target === undefined ? '<span class="vl-muted">geen</span>' : String(indicator.target);
  const reached =
    indicator.reached === undefined
      ? '<span class="vl-muted">—</span>'
      : indicator.reached
        ? 'ja'
        : 'nog niet';
  return `<tr><th scope="row">${escapeHtml(indicator.name)}</th><td>${latest}</td><td>${target}</td><td>${reached}</td><td>${indicator.series.length}</td></tr>`;
}

export function renderProgrammeSummary(programme: Programme, progress: ProgrammeProgress): string {
  return escapeHtml(programmeSummaryText(programme, progress));
}

export function renderProgrammePage(
  programme: Programme,
  progress: ProgrammeProgress,
  stylesheetHref?: string,
): string {
  const list = (items: readonly string[]) =>
    items.length
      ? `<ul>${items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`
      : '<p class="vl-muted">Niet genoemd.</p>';
  const lines = programme.lines
    .map(
      (line) => `<section aria-labelledby="lijn-${escapeHtml(line.key)}">
<h3 id="lijn-${escapeHtml(line.key)}">${escapeHtml(line.name)}</h3>
<p><strong>Doel:</strong> ${escapeHtml(line.doel)}</p>
<h4>Resultaat over 1 jaar</h4>${list(line.resultaten.eenJaar)}
<h4>Resultaat over 3 jaar</h4>${list(line.resultaten.drieJaar)}
<h4>Actielijnen</h4>${list(line.actielijnen)}
</section>`,
    )
    .join('');
  const indicators = progress.indicators.length
    ? `<div class="vl-table-wrapper" role="region" aria-labelledby="indicatoren-caption" tabindex="0">
<table class="utrecht-table"><caption id="indicatoren-caption">Indicatoren</caption>
<thead><tr><th scope="col">Indicator</th><th scope="col">Laatste meting</th><th scope="col">Streefwaarde</th><th scope="col">Gehaald</th><th scope="col">Metingen</th></tr></thead>
<tbody>${progress.indicators.map(indicatorRow).join('')}</tbody></table></div>`
    : '<p>Dit programma heeft nog geen indicatoren.</p>';
  const interpretations = programme.interpretations.length
    ? `<h2>Interpretatie</h2>${list(programme.interpretations)}`
    : '';
  return page(
    programme.name,
    `<h1>${escapeHtml(programme.name)}</h1>
<p>${escapeHtml(programme.description)}</p>
<p>Voortgang: ${renderProgrammeSummary(programme, progress)}.</p>
<h2>Voortgang meten</h2>
${indicators}
<h2>Programmalijnen</h2>
${lines}
${interpretations}
<h2>Bronnen</h2>${list(programme.sources.map(citeSource))}
<p><a href="/programmas">Alle programma's</a></p>`,
    stylesheetHref,
    '/programmas',
  );
}

export function renderProgrammesPage(
  items: ReadonlyArray<{ programme: Programme; progress: ProgrammeProgress }>,
  stylesheetHref?: string,
): string {
  const list = items
    .map(
      ({ programme, progress }) =>
        `<li><a href="/programmas/${encodeURIComponent(programme.key)}">${escapeHtml(programme.name)}</a>: ${renderProgrammeSummary(programme, progress)}</li>`,
    )
    .join('');
  return page(
    "Programma's",
    `<h1>Programma's</h1>
<p>Een programma groepeert trajecten en heeft eigen programmalijnen en indicatoren.</p>
<ul>${list}</ul>`,
    stylesheetHref,
    '/programmas',
  );
}

function clientKey(req: Request): string {
  return createHash('sha256')
    .update(req.ip ?? req.socket.remoteAddress ?? '')
    .digest('hex');
}

export function createLifecyclePagesRouter(options: LifecyclePagesOptions): Router {
  const { store } = options;
  const router = express.Router();
  const limiter = createRateLimiter(options.postLimit ?? DEFAULT_FORM_POST_LIMIT);
  const scriptHash = createHash('sha256').update(HTML_ENHANCEMENT_SCRIPT).digest('base64');
  const formCsp = `default-src 'none'; script-src 'sha256-${scriptHash}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`;
  let stylesheet: string | undefined;
  const form = () => aanmeldingForm(getBuiltInTemplate('visieleertraject'));
  const sendForm = (res: Response, status: number, html: string) => {
    res.setHeader('Content-Security-Policy', formCsp);
    res.status(status).type('html').send(html);
  };

  router.get(FORM_STYLESHEET, (_req, res) => {
    stylesheet ??= formStylesheet();
    res.set('Cache-Control', 'public, max-age=86400').type('css').send(stylesheet);
  });

  router.get(AANMELDEN_PATH, (req, res) => {
    const lang = chosenLang(req);
    const languages = languageLinks(req, lang);
    sendForm(res, 200, renderHtml(form(), { lang, stylesheetHref: FORM_STYLESHEET, languages }).output);
  });

  router.post(
    AANMELDEN_PATH,
    express.urlencoded({ extended: false, limit: 64 * 1024, parameterLimit: 1000 }),
    async (req, res) => {
      const wait = limiter.take(clientKey(req));
      if (wait !== undefined) {
        res.setHeader('Retry-After', String(Math.ceil(wait / 1000)));
        sendForm(
          res,
          429,
          renderMessagePage({
            lang: 'nl',
            title: 'Even geduld',
            paragraphs: [
              'Er kwamen vanaf uw adres veel aanmeldingen kort na elkaar. Probeer het over een minuut opnieuw.',
            ],
            stylesheetHref: FORM_STYLESHEET,
            tone: 'error',
          }),
        );
        return;
      }
      const definition = form();
      // The form posts back to its own address, so a chosen `?taal=en` comes along.
      const lang = chosenLang(req);
      const result = parseSubmission(definition, 'html', req.body ?? {}, lang);
      if (!result.ok) {
        sendForm(
          res,
          422,
          renderHtml(definition, {
            lang,
            languages: languageLinks(req, lang),
            stylesheetHref: FORM_STYLESHEET,
            values: result.values,
            errors: result.errors,
          }).output,
        );
        return;
      }
      try {
        const traject = await submitAanmelding(
          store,
          { ...result.answers },
          { clock: options.clock, surface: 'html' },
        );
        options.logger.info('aanmelding ontvangen', { trajectId: traject.id });
        const taal = lang === 'nl' ? '' : `&taal=${lang}`;
        res.redirect(303, `${AANMELDEN_PATH}/bedankt?ref=${encodeURIComponent(traject.id)}${taal}`);
      } catch (error) {
        const known = isVisielerenError(error) && error.code === 'VALIDATION';
        // Nothing of the aanmelding itself (names, addresses) in the log: the kind of failure only.
        options.logger.error('aanmelding niet opgeslagen', { error: safeError(error) });
        if (!known) res.set('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
        sendForm(
          res,
          known ? 422 : 503,
          renderMessagePage({
            lang: 'nl',
            title: 'Uw aanmelding is niet opgeslagen',
            paragraphs: [
              known && error instanceof Error
                ? error.message
                : 'Er ging iets mis bij het opslaan. Ga terug in uw browser en verstuur het formulier opnieuw.',
            ],
            stylesheetHref: FORM_STYLESHEET,
            tone: 'error',
          }),
        );
      }
    },
  );

  router.get(`${AANMELDEN_PATH}/bedankt`, (req, res) => {
    const ref = typeof req.query.ref === 'string' ? req.query.ref.slice(0, 100) : '';
    const lang = chosenLang(req);
    const thanks = {
      nl: {
        title: 'Bedankt voor uw aanmelding',
        saved:
          'Wij hebben uw aanmelding ontvangen en bewaard. Het visieleerteam van de VNG neemt contact met u op.',
        reference: `Uw referentie: ${ref}.`,
      },
      en: {
        title: 'Thank you for registering',
        saved:
          'We have received and stored your registration. The VNG vision-learning team will contact you.',
        reference: `Your reference: ${ref}.`,
      },
    }[lang];
    sendForm(
      res,
      200,
      renderMessagePage({
        lang,
        languages: languageLinks(req, lang),
        title: thanks.title,
        paragraphs: [thanks.saved, ...(ref ? [thanks.reference] : [])],
        stylesheetHref: FORM_STYLESHEET,
        tone: 'ok',
      }),
    );
  });

  router.get('/lessen', async (req, res) => {
    const text = (name: string) => {
      const value = req.query[name];
      return typeof value === 'string' && value.trim() ? value.trim().slice(0, 200) : undefined;
    };
    const filter = {
      ...(text('thema') ? { thema: text('thema') } : {}),
      ...(text('uitgangspunt') ? { uitgangspunt: text('uitgangspunt') } : {}),
      ...(text('tekst') ? { tekst: text('tekst') } : {}),
    };
    // Public: shared lessons only, as a gemeente of no traject would see them.
    const lessons = searchLessons(
      await allLessons(store),
      { kind: 'traject', trajectId: '' },
      {
        ...(filter.thema ? { theme: filter.thema } : {}),
        ...(filter.uitgangspunt ? { uitgangspunt: filter.uitgangspunt } : {}),
        ...(filter.tekst ? { text: filter.tekst } : {}),
      },
    );
    res.type('html').send(renderLessonsPage(lessons, filter, options.stylesheetHref));
  });

  router.get('/programmas', async (_req, res) => {
    const today = options.today();
    const items = await Promise.all(
      (await allProgrammes(store)).map(async (programme) => ({
        programme,
        progress: await programmeWithProgress(store, programme, today),
      })),
    );
    res.type('html').send(renderProgrammesPage(items, options.stylesheetHref));
  });

  router.get('/programmas/:key', async (req, res) => {
    const programme = await findProgramme(store, String(req.params.key ?? ''));
    const progress = await programmeWithProgress(store, programme, options.today());
    res.type('html').send(renderProgrammePage(programme, progress, options.stylesheetHref));
  });

  return router;
}
