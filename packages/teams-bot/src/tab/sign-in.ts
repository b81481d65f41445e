import type { Clock } from '@visieleren/core';
import { createRemoteJWKSet, type JWTPayload, errors as joseErrors, jwtVerify } from 'jose';

/**
 * Teams single sign-on for the tab: the tab asks Teams for the user's Entra ID token
 * (`authentication.getAuthToken`) and sends it along; this module checks it. The token is for the tab's own
 * multi-organisation Entra app (TEAMS_SSO_APP_ID), which exposes `api://<host>/<app id>` with the scope
 * `access_as_user`. Every gemeente signs in from its own tenant, so any tenant's token is accepted here; which
 * traject someone sees is decided by the conversation they are a member of (routes.ts).
 */

/** Microsoft's published keys and issuer template for Entra ID (all tenants). */
export const ENTRA_OPENID_METADATA_URL =
  'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration';

/** The delegated scope the tab's token must carry (what the app registration exposes to Teams). */
export const TAB_SCOPE = 'access_as_user';

export interface TabSignInSettings {
  /** The tab's Entra app (TEAMS_SSO_APP_ID): Teams asks tokens for this app. */
  appId: string;
  /** The server's public address; the app id URI is `api://<its host>/<app id>`. */
  publicUrl: string;
  /** Where Entra ID publishes its signing keys and issuer (a local issuer in tests). */
  openIdMetadataUrl: string;
  timeoutMs: number;
}

/** The signed-in Teams user, as much as the tab needs: who (Entra object id) and in which tenant. */
export interface TabUser {
  objectId: string;
  tenantId: string;
}

/** Why the token was refused; the message is Dutch, for the person in Teams. */
export class TabSignInError extends Error {
  override readonly name = 'TabSignInError';
  constructor(
    readonly status: 401 | 503,
    message: string,
  ) {
    super(message);
  }
}

interface OpenIdMetadata {
  issuer: string;
  jwks_uri: string;
}

export function appIdUri(settings: Pick<TabSignInSettings, 'appId' | 'publicUrl'>): string {
  return `api://${new URL(settings.publicUrl).host}/${settings.appId}`;
}

export type TabTokenVerifier = (token: string | undefined) => Promise<TabUser>;

export function createTabTokenVerifier(settings: TabSignInSettings, clock: Clock): TabTokenVerifier {
  let metadata: Promise<{ issuerTemplate: string; keys: ReturnType<typeof createRemoteJWKSet> }> | undefined;

  function loadMetadata() {
    metadata ??= (async () => {
      const response = await fetch(settings.openIdMetadataUrl, {
        signal: AbortSignal.timeout(settings.timeoutMs),
      });
      if (!response.ok) throw new Error(`OpenID-metadata: status ${response.status}`);
      const body = (await response.json()) as Partial<OpenIdMetadata>;
      if (typeof body.issuer !== 'string' || typeof body.jwks_uri !== 'string') {
        throw new Error('OpenID-metadata mist issuer of jwks_uri.');
      }
      return {
        issuerTemplate: body.issuer,
        // jose caches the keys and refetches (at most every 30 s) when a token names an unknown key id.
        keys: createRemoteJWKSet(new URL(body.jwks_uri), { timeoutDuration: settings.timeoutMs }),
      };
    })();
    // A failed fetch is tried again on the next request, not remembered.
    metadata.catch(() => {
      metadata = undefined;
    });
    return metadata;
  }

  const audiences = [settings.appId, appIdUri(settings)];

  return async (token) => {
    if (!token) {
      throw new TabSignInError(401, 'Aanmelden bij Teams is nodig om het traject te tonen.');
    }
    let loaded: Awaited<ReturnType<typeof loadMetadata>>;
    try {
      loaded = await loadMetadata();
    } catch {
      throw new TabSignInError(
        503,
        'De aanmelding kan nu niet worden gecontroleerd. Probeer het later opnieuw.',
      );
    }
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, loaded.keys, {
        audience: audiences,
        algorithms: ['RS256'],
        currentDate: clock.now(),
        clockTolerance: 120,
        requiredClaims: ['exp', 'iss', 'tid', 'oid'],
      }));
    } catch (error) {
      // Entra's keys out of reach (a timeout, or a network error that is no JOSE error) says nothing about
      // the token: 503, so nobody is told their sign-in is wrong.
      if (error instanceof joseErrors.JWKSTimeout || !(error instanceof joseErrors.JOSEError)) {
        throw new TabSignInError(
          503,
          'De aanmelding kan nu niet worden gecontroleerd. Probeer het later opnieuw.',
        );
      }
      throw new TabSignInError(401, 'Uw aanmelding is verlopen of ongeldig. Open de tab opnieuw.');
    }
    const tenantId = String(payload.tid);
    // Entra ID has one issuer per tenant: v2 tokens the metadata's template, v1 tokens the sts.windows.net form.
    const issuers = [
      loaded.issuerTemplate.replace('{tenantid}', tenantId),
      `https://sts.windows.net/${tenantId}/`,
    ];
    const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ') : [];
    if (!issuers.includes(String(payload.iss)) || !scopes.includes(TAB_SCOPE)) {
      throw new TabSignInError(401, 'Uw aanmelding is verlopen of ongeldig. Open de tab opnieuw.');
    }
    return { objectId: String(payload.oid), tenantId };
  };
}
