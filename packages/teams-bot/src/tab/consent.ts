import { ValidationError } from '@visieleren/core';
import { messagePage } from './page.js';

/**
 * A gemeente's administrator consents once, for their whole tenant, to the tab's Entra app (TEAMS_SSO_APP_ID):
 * that creates the app in their tenant, so Teams can hand the tab their people's sign-in. Entra ID sends them
 * back to `/teams/toestemming` with the outcome.
 */

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
/** A tenant is named by its id or one of its verified domains (`gemeente.onmicrosoft.com`, `gemeente.nl`). */
const DOMAIN = /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

export const CONSENT_RETURN_PATH = '/teams/toestemming';

export function adminConsentUrl(options: { tenant: string; ssoAppId: string; publicUrl: string }): string {
  const tenant = options.tenant.trim();
  if (!GUID.test(tenant) && !DOMAIN.test(tenant)) {
    throw new ValidationError(
      `--tenant is geen tenant-id of domeinnaam: ${JSON.stringify(options.tenant)}. Verwacht een GUID of bijvoorbeeld gemeente.onmicrosoft.com.`,
      [{ path: 'tenant', message: 'verwacht een GUID of een domeinnaam' }],
    );
  }
  if (!GUID.test(options.ssoAppId)) {
    throw new ValidationError(
      `De client-id van de tab-app is geen GUID: ${JSON.stringify(options.ssoAppId)} (zet TEAMS_SSO_APP_ID of --sso-app-id).`,
      [{ path: 'ssoAppId', message: 'verwacht een GUID' }],
    );
  }
  const url = new URL(`https://login.microsoftonline.com/${encodeURIComponent(tenant)}/adminconsent`);
  url.searchParams.set('client_id', options.ssoAppId);
  url.searchParams.set('redirect_uri', `${options.publicUrl.replace(/\/+$/, '')}${CONSENT_RETURN_PATH}`);
  return url.toString();
}

/** What Entra ID's redirect says, in Dutch: consent given, or why not. */
export function consentResultPage(query: URLSearchParams): string {
  if (query.get('admin_consent')?.toLowerCase() === 'true') {
    return messagePage(
      'Toestemming gegeven',
      'De Visieleren-tab mag nu aanmelden voor de mensen van uw organisatie. U kunt dit venster sluiten; in Teams opent de tab het traject van het gekoppelde kanaal.',
    );
  }
  const error = query.get('error');
  if (error) {
    const reason =
      error === 'access_denied'
        ? 'De toestemming is geweigerd of afgebroken.'
        : `Entra ID meldde de fout ${error.replace(/[^a-z_]/gi, '').slice(0, 60)}.`;
    return messagePage(
      'Geen toestemming gegeven',
      `${reason} Alleen een beheerder (globale beheerder of beheerder van cloudtoepassingen) kan toestemming geven. Vraag het visieleerteam om de link opnieuw.`,
    );
  }
  return messagePage(
    'Toestemming voor de Visieleren-tab',
    'Deze pagina toont de uitkomst van de toestemming van een beheerder. Vraag het visieleerteam om de link om toestemming te geven.',
  );
}
