import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  type Clock,
  isLang,
  type Lang,
  type Logger,
  NotFoundError,
  silentLogger,
  systemClock,
} from '@visieleren/core';
import {
  type Answers,
  type FormDefinition,
  type FormTokenClaims,
  FormTokenError,
  formTokenId,
  HTML_ENHANCEMENT_SCRIPT,
  parseSubmission,
  renderHtml,
  renderMessagePage,
  verifyFormToken,
} from '@visieleren/forms';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import {
  createRateLimiter,
  DEFAULT_FORM_POST_LIMIT,
  limiterKey,
  type RateLimit,
  retryAfterSeconds,
} from './rate-limit.js';

/** What is stored for one submitted form. */
export interface FormSubmissionRecord {
  formId: string;
  formVersion: string;
  trajectId: string;
  subject?: string;
  answers: Answers;
  lang: Lang;
  submittedAt: Date;
}

export interface FormsRouterOptions {
  /** HMAC secret of the form links (at least 32 characters). */
  secret: string;
  /** The definition to show for a token's form and traject (e.g. availability slots per traject). */
  forms: (
    formId: string,
    trajectId: string,
    claims: FormTokenClaims,
  ) => FormDefinition | Promise<FormDefinition>;
  /** Stores the answers; the person sees the confirmation only after this resolves. */
  saveSubmission: (record: FormSubmissionRecord) => Promise<{ id: string }>;
  clock?: Clock;
  logger?: Logger;
  /** Where the routes live; default `/forms`, so mount the router at the root. */
  basePath?: string;
  /** Largest accepted form post in bytes (default 64 kB); larger → 413 page. */
  bodyLimitBytes?: number;
  /** Posts per form link (default DEFAULT_FORM_POST_LIMIT); more → 429 page with Retry-After. */
  postLimit?: RateLimit;
}

const DEFAULT_BODY_LIMIT_BYTES = 64 * 1024;

const TEXT = {
  expiredTitle: { nl: 'Deze link is verlopen', en: 'This link has expired' },
  invalidTitle: { nl: 'Deze link werkt niet', en: 'This link does not work' },
  notFoundTitle: { nl: 'Formulier niet gevonden', en: 'Form not found' },
  notFound: {
    nl: 'Bij deze link hoort geen formulier meer. Neem contact op met het visieleerteam.',
    en: 'No form belongs to this link any more. Please contact the vision-learning team.',
  },
  doneTitle: { nl: 'Bedankt, uw antwoorden zijn opgeslagen', en: 'Thank you, your answers have been saved' },
  done: {
    nl: 'Wij hebben uw antwoorden ontvangen en bewaard. U kunt dit venster sluiten.',
    en: 'We have received and stored your answers. You can close this window.',
  },
  doneReference: { nl: 'Uw referentie: {id}.', en: 'Your reference: {id}.' },
  tooLargeTitle: { nl: 'Te veel tekst', en: 'Too much text' },
  tooLarge: {
    nl: 'Het formulier bevat meer tekst dan wij in één keer kunnen ontvangen. Maak uw antwoorden korter en probeer het opnieuw.',
    en: 'The form contains more text than we can receive at once. Please shorten your answers and try again.',
  },
  tooOftenTitle: { nl: 'Even geduld', en: 'Please wait a moment' },
  tooOften: {
    nl: 'Dit formulier is via deze link te vaak kort na elkaar verstuurd. Probeer het over {seconds} seconden opnieuw; uw antwoorden staan dan nog in het formulier.',
    en: 'This form was sent through this link too often in a short time. Please try again in {seconds} seconds; your answers will still be in the form.',
  },
  failedTitle: { nl: 'Uw antwoorden zijn niet opgeslagen', en: 'Your answers were not saved' },
  failed: {
    nl: 'Er ging iets mis bij het opslaan. Ga terug in uw browser en verstuur het formulier opnieuw; uw antwoorden staan dan nog in het formulier.',
    en: 'Something went wrong while saving. Go back in your browser and submit the form again; your answers will still be there.',
  },
} as const;

/** Language from `?lang=`, else the browser's Accept-Language, else Dutch. */
function pickLang(req: Request): Lang {
  const query = req.query.lang;
  if (isLang(query)) return query;
  const accepted = req.acceptsLanguages('nl', 'en');
  return accepted === 'en' ? 'en' : 'nl';
}

function sendPage(res: Response, status: number, html: string): void {
  res.status(status).type('html').send(html);
}

/**
 * The stylesheet of the NL Design System component library (Utrecht). Read once: it is a static file of
 * an installed package, served with a long cache lifetime.
 */
function loadStylesheet(): string {
  const path = createRequire(import.meta.url).resolve('@utrecht/component-library-css/dist/index.css');
  return readFileSync(path, 'utf8');
}

/**
 * Form pages behind signed, expiring links: `GET {base}/:token` renders, `POST {base}/:token` checks and
 * stores. Works without JavaScript; the answers are stored before the confirmation is shown.
 */
export function createFormsRouter(options: FormsRouterOptions): Router {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const base = (options.basePath ?? '/forms').replace(/\/$/, '');
  const stylesheetHref = `${base}/_assets/nl-design-system.css`;
  const router = express.Router();
  let stylesheet: string | undefined;
  // Per link, so one leaked link cannot flood the store; the key is a hash, never the link itself.
  const postLimiter = createRateLimiter(options.postLimit ?? DEFAULT_FORM_POST_LIMIT, () =>
    clock.now().getTime(),
  );

  const messagePage = (
    lang: Lang,
    title: { nl: string; en: string },
    paragraphs: string[],
    tone: 'ok' | 'error' | 'info',
  ) => renderMessagePage({ lang, title: title[lang], paragraphs, stylesheetHref, tone });

  // The only script a page may run is the form's own enhancement script, allowed by its hash.
  const scriptHash = createHash('sha256').update(HTML_ENHANCEMENT_SCRIPT).digest('base64');
  // Tokens travel in the URL: never leak them through the Referer header, never cache the pages.
  router.use(base, (_req, res, next) => {
    res.set({
      'Referrer-Policy': 'no-referrer',
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
      'Content-Security-Policy': `default-src 'none'; script-src 'sha256-${scriptHash}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
    });
    next();
  });

  router.get(`${base}/_assets/nl-design-system.css`, (_req, res) => {
    stylesheet ??= loadStylesheet();
    res.set('Cache-Control', 'public, max-age=86400').type('css').send(stylesheet);
  });

  /** Verifies the token and resolves the form; answers the error page itself and returns undefined on failure. */
  async function open(
    req: Request,
    res: Response,
    lang: Lang,
  ): Promise<{ claims: FormTokenClaims; form: FormDefinition } | undefined> {
    const token = String(req.params.token ?? '');
    let claims: FormTokenClaims;
    try {
      claims = verifyFormToken(token, options.secret, clock.now(), lang);
    } catch (error) {
      if (!(error instanceof FormTokenError)) throw error;
      const expired = error.reason === 'expired';
      logger.info('formulierlink geweigerd', { reason: error.reason });
      sendPage(
        res,
        expired ? 410 : 403,
        messagePage(lang, expired ? TEXT.expiredTitle : TEXT.invalidTitle, [error.message], 'error'),
      );
      return undefined;
    }
    try {
      const form = await options.forms(claims.formId, claims.trajectId, claims);
      return { claims, form };
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      sendPage(res, 404, messagePage(lang, TEXT.notFoundTitle, [TEXT.notFound[lang]], 'error'));
      return undefined;
    }
  }

  router.get(`${base}/:token`, async (req, res) => {
    const lang = pickLang(req);
    const opened = await open(req, res, lang);
    if (!opened) return;
    res.set('Cache-Control', 'no-store');
    sendPage(res, 200, renderHtml(opened.form, { lang, stylesheetHref }).output);
  });

  router.post(
    `${base}/:token`,
    (req, res, next) => {
      // Keyed on the link (one spelling per link); a link that is not ours is refused by `open` anyway.
      const linkId = formTokenId(String(req.params.token ?? ''));
      if (linkId === undefined) return next();
      const waitMs = postLimiter.take(limiterKey('formulier', linkId));
      if (waitMs === undefined) return next();
      const seconds = retryAfterSeconds(waitMs);
      const lang = pickLang(req);
      res.set({ 'Retry-After': String(seconds), 'Cache-Control': 'no-store' });
      sendPage(
        res,
        429,
        messagePage(
          lang,
          TEXT.tooOftenTitle,
          [TEXT.tooOften[lang].replace('{seconds}', String(seconds))],
          'error',
        ),
      );
    },
    express.urlencoded({
      extended: false,
      limit: options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES,
      parameterLimit: 1000,
    }),
    async (req, res) => {
      const lang = pickLang(req);
      const opened = await open(req, res, lang);
      if (!opened) return;
      const { claims, form } = opened;
      res.set('Cache-Control', 'no-store');
      const result = parseSubmission(form, 'html', req.body ?? {}, lang);
      if (!result.ok) {
        sendPage(
          res,
          422,
          renderHtml(form, { lang, stylesheetHref, values: result.values, errors: result.errors }).output,
        );
        return;
      }
      const record: FormSubmissionRecord = {
        formId: form.id,
        formVersion: form.version,
        trajectId: claims.trajectId,
        ...(claims.subject !== undefined ? { subject: claims.subject } : {}),
        answers: result.answers,
        lang,
        submittedAt: clock.now(),
      };
      let saved: { id: string };
      try {
        saved = await options.saveSubmission(record);
      } catch (error) {
        logger.error('formulierantwoorden niet opgeslagen', {
          formId: form.id,
          trajectId: claims.trajectId,
          error: error instanceof Error ? error.message : String(error),
        });
        sendPage(res, 503, messagePage(lang, TEXT.failedTitle, [TEXT.failed[lang]], 'error'));
        return;
      }
      logger.info('formulier ingevuld', {
        formId: form.id,
        trajectId: claims.trajectId,
        submissionId: saved.id,
      });
      const query = new URLSearchParams({ lang, ref: saved.id });
      res.redirect(303, `${base}/${encodeURIComponent(String(req.params.token))}/bevestigd?${query}`);
    },
  );

  router.get(`${base}/:token/bevestigd`, (req, res) => {
    const lang = pickLang(req);
    const ref = typeof req.query.ref === 'string' ? req.query.ref.slice(0, 100) : '';
    const paragraphs = [TEXT.done[lang], ...(ref ? [TEXT.doneReference[lang].replace('{id}', ref)] : [])];
    sendPage(res, 200, messagePage(lang, TEXT.doneTitle, paragraphs, 'ok'));
  });

  // Body-parser failures (too large, malformed) become a Dutch page instead of a stack trace.
  router.use(base, (error: unknown, req: Request, res: Response, next: NextFunction) => {
    const type = (error as { type?: string }).type;
    if (res.headersSent) return next(error);
    const lang = pickLang(req);
    if (type === 'entity.too.large' || type === 'parameters.too.many') {
      sendPage(res, 413, messagePage(lang, TEXT.tooLargeTitle, [TEXT.tooLarge[lang]], 'error'));
      return;
    }
    logger.error('fout in formulierroute', { error: error instanceof Error ? error.message : String(error) });
    sendPage(res, 500, messagePage(lang, TEXT.failedTitle, [TEXT.failed[lang]], 'error'));
  });

  return router;
}
