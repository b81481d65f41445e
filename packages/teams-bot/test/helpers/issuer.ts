import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK, jwtVerify, SignJWT } from 'jose';

/**
 * A local stand-in for the Entra authority and Bot Framework's token services: signing keys for the channel's
 * tokens (channel → bot) where the Agents SDK looks for them (`<authority>/<tenant>/discovery/v2.0/keys`), and a
 * client-credentials token endpoint for the bot's own tokens (bot → connector).
 */
export interface LocalIssuer {
  url: string;
  /** TEAMS_AUTHORITY: the SDK finds the keys of `<authority>/<tenant>/v2.0` tokens below it. */
  authority: string;
  tokenEndpoint: string;
  /**
   * A channel token as the SDK expects one for a bot of `botTenant` (default `botframework.com`, a legacy
   * multi-tenant bot): issuer `<authority>/<tenant>/v2.0`, one of the issuers it accepts for that bot.
   */
  channelToken(claims: ChannelTokenClaims): Promise<string>;
  /** Signed by a key the keys endpoint does not publish. */
  foreignToken(claims: ChannelTokenClaims): Promise<string>;
  /** Checks a token the token endpoint issued; returns its claims or throws. */
  verifyBotToken(token: string, audience: string): Promise<Record<string, unknown>>;
  tokensIssued: number;
  /** Entra ID's side, for the tab's single sign-on: its OpenID metadata (issuer template with `{tenantid}`). */
  entraMetadataUrl: string;
  /** A user's token as Teams' `getAuthToken` hands it over; every claim can be overridden to make it wrong. */
  userToken(claims: UserTokenClaims): Promise<string>;
  close(): Promise<void>;
}

export interface ChannelTokenClaims {
  appId: string;
  serviceUrl: string;
  expiresInSeconds?: number;
  botTenant?: string;
  /** Another issuer than the bot's, to prove it is refused. */
  issuer?: string;
}

export interface UserTokenClaims {
  audience: string;
  tenantId: string;
  objectId: string;
  /** Seconds since the epoch the token counts from (the server's clock in these tests). */
  now: number;
  expiresInSeconds?: number;
  scope?: string;
  issuer?: string;
  /** Sign with a key the metadata does not publish. */
  foreignKey?: boolean;
}

export async function startLocalIssuer(client: { appId: string; appPassword: string }): Promise<LocalIssuer> {
  const keys = await generateKeyPair('RS256', { extractable: true });
  const foreign = await generateKeyPair('RS256', { extractable: true });
  const publicJwk: JWK = { ...(await exportJWK(keys.publicKey)), kid: 'local-key', use: 'sig', alg: 'RS256' };
  const entraKeys = await generateKeyPair('RS256', { extractable: true });
  const entraJwk: JWK = {
    ...(await exportJWK(entraKeys.publicKey)),
    kid: 'entra-key',
    use: 'sig',
    alg: 'RS256',
  };
  let url = '';
  const state = { tokensIssued: 0 };

  const server: Server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (req.method === 'GET' && path === '/entra/openid') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          issuer: `${url}/{tenantid}/v2.0`,
          jwks_uri: `${url}/entra/keys`,
          id_token_signing_alg_values_supported: ['RS256'],
        }),
      );
      return;
    }
    if (req.method === 'GET' && path === '/entra/keys') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [entraJwk] }));
      return;
    }
    if (req.method === 'GET' && /^\/[^/]+\/discovery\/v2\.0\/keys$/.test(path)) {
      // Bot Framework's keys carry endorsements: the channels a key may sign for.
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ keys: [{ ...publicJwk, endorsements: ['msteams', 'webchat'] }] }));
      return;
    }
    if (req.method === 'POST' && path === '/token') {
      let body = '';
      for await (const chunk of req) body += chunk;
      const form = new URLSearchParams(body);
      if (
        form.get('grant_type') !== 'client_credentials' ||
        form.get('client_id') !== client.appId ||
        form.get('client_secret') !== client.appPassword
      ) {
        res
          .writeHead(401, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: 'invalid_client' }));
        return;
      }
      const audience = (form.get('scope') ?? '').replace(/\/\.default$/, '');
      state.tokensIssued += 1;
      const token = await new SignJWT({ appid: client.appId })
        .setProtectedHeader({ alg: 'RS256', kid: 'local-key' })
        .setIssuer(url)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(keys.privateKey);
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ token_type: 'Bearer', expires_in: 3600, access_token: token }));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const sign = (
    key: Parameters<SignJWT['sign']>[0],
    claims: ChannelTokenClaims,
    expiresInSeconds: number,
  ) => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ serviceurl: claims.serviceUrl })
      .setProtectedHeader({ alg: 'RS256', kid: 'local-key', typ: 'JWT' })
      .setIssuer(claims.issuer ?? `${url}/${claims.botTenant ?? 'botframework.com'}/v2.0`)
      .setAudience(claims.appId)
      .setIssuedAt(now - 60)
      .setNotBefore(now - 60)
      .setExpirationTime(now + expiresInSeconds)
      .sign(key);
  };

  return {
    url,
    authority: url,
    tokenEndpoint: `${url}/token`,
    channelToken: (claims) => sign(keys.privateKey, claims, claims.expiresInSeconds ?? 3600),
    foreignToken: (claims) => sign(foreign.privateKey, claims, 3600),
    async verifyBotToken(token, audience) {
      const { payload } = await jwtVerify(token, keys.publicKey, { issuer: url, audience });
      return payload as Record<string, unknown>;
    },
    entraMetadataUrl: `${url}/entra/openid`,
    userToken(claims) {
      return new SignJWT({
        tid: claims.tenantId,
        oid: claims.objectId,
        scp: claims.scope ?? 'access_as_user',
        name: 'Testgebruiker',
      })
        .setProtectedHeader({ alg: 'RS256', kid: 'entra-key', typ: 'JWT' })
        .setIssuer(claims.issuer ?? `${url}/${claims.tenantId}/v2.0`)
        .setAudience(claims.audience)
        .setIssuedAt(claims.now - 60)
        .setNotBefore(claims.now - 60)
        .setExpirationTime(claims.now + (claims.expiresInSeconds ?? 3600))
        .sign(claims.foreignKey ? foreign.privateKey : entraKeys.privateKey);
    },
    get tokensIssued() {
      return state.tokensIssued;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
