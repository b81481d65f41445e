import { isLang, type Lang } from '@visieleren/core';
import type { LanguageLinks } from '@visieleren/forms';
import type { Request } from 'express';

/** The query parameter of the language switch (`?taal=en`); `?lang=` of older links still works. */
export const LANGUAGE_PARAMETER = 'taal';

/**
 * The page's language: what the person chose (`?taal=`, or the older `?lang=`), else Dutch. The browser's
 * Accept-Language never switches a page by itself: a Dutch civil servant on an English browser still reads
 * Dutch, and only gets a link to the English page (see `languageLinks`).
 */
export function chosenLang(req: Request): Lang {
  const chosen = req.query[LANGUAGE_PARAMETER] ?? req.query.lang;
  return isLang(chosen) ? chosen : 'nl';
}

/** The links of the NL | EN switch for this request's page, and the browser's suggestion if it differs. */
export function languageLinks(req: Request, lang: Lang): LanguageLinks {
  const href = (target: Lang): string => {
    const url = new URL(req.originalUrl, 'http://pagina.invalid');
    url.searchParams.delete('lang');
    if (target === 'nl') url.searchParams.delete(LANGUAGE_PARAMETER);
    else url.searchParams.set(LANGUAGE_PARAMETER, target);
    return `${url.pathname}${url.search}`;
  };
  const preferred = req.headers['accept-language'] ? req.acceptsLanguages('nl', 'en') : false;
  const suggest = preferred === 'nl' || preferred === 'en' ? preferred : undefined;
  return {
    href: { nl: href('nl'), en: href('en') },
    ...(suggest !== undefined && suggest !== lang ? { suggest } : {}),
  };
}
