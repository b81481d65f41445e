import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { AuthError, ConfigurationError, RateLimitError, ValidationError } from '@visieleren/core';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorHandler, notFoundHandler } from '../src/http/error-handler.js';
import { requestContext } from '../src/http/request-context.js';
import { createPinoLogger } from '../src/logging.js';

/** Every kind of error becomes RFC 9457 problem details with the right status; internals never reach the client. */

let server: Server;
let baseUrl: string;
let logText = '';

beforeAll(async () => {
  const logger = createPinoLogger({
    level: 'info',
    format: 'json',
    destination: new Writable({
      write(chunk, _encoding, callback) {
        logText += chunk.toString();
        callback();
      },
    }),
  });
  const app = express();
  app.use(requestContext(logger));
  app.get('/stuk', () => {
    throw new Error('interne details: wachtrij 7 leeg');
  });
  app.get('/async-stuk', async () => {
    await Promise.resolve();
    throw new TypeError('cannot read properties of undefined');
  });
  app.get('/config', () => {
    throw new ConfigurationError('NOTION_TOKEN ontbreekt');
  });
  app.get('/te-vaak', () => {
    throw new RateLimitError('Te veel verzoeken.', 2500);
  });
  app.get('/ongeldig', () => {
    throw new ValidationError('De invoer is ongeldig.', [{ path: 'a.b', message: 'verwacht een getal' }]);
  });
  app.get('/wie', () => {
    throw new AuthError('Log in.');
  });
  app.use(notFoundHandler);
  app.use(errorHandler(logger));
  server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function get(path: string) {
  const response = await fetch(`${baseUrl}${path}`);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = (await response.json()) as Record<string, unknown>;
  // The RFC 9457 members, every time, with the request's own status and path.
  expect(body).toMatchObject({ status: response.status, instance: path.split('?')[0] });
  expect(typeof body.type).toBe('string');
  expect(typeof body.title).toBe('string');
  expect(typeof body.detail).toBe('string');
  return { response, body };
}

describe('error handler', () => {
  it.each(['/stuk', '/async-stuk', '/config'])(
    'answers %s with a 500 that names the request id and nothing internal',
    async (path) => {
      const { response, body } = await get(path);
      expect(response.status).toBe(500);
      expect(body.code).toBe('INTERNAL');
      expect(body.title).toBe('Interne fout');
      expect(body.requestId).toBe(response.headers.get('x-request-id'));
      expect(body.detail).toMatch(/Noem het request-id/);
      expect(JSON.stringify(body)).not.toMatch(/interne details|undefined|NOTION_TOKEN|at .*\.ts/);
    },
  );

  it('logs the unexpected error with its request id for the operator', async () => {
    const { response } = await get('/stuk');
    const line = logText
      .split('\n')
      .find((entry) => entry.includes(response.headers.get('x-request-id') ?? '-'));
    expect(line).toMatch(/interne details: wachtrij 7 leeg/);
  });

  it('maps a rate limit to 429 with Retry-After in whole seconds', async () => {
    const { response, body } = await get('/te-vaak');
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('3');
    expect(body.code).toBe('RATE_LIMITED');
    expect(body.type).toBe('urn:visieleren:probleem:rate-limited');
  });

  it('maps validation to 422 with the fields, and auth to 401 with a Bearer challenge', async () => {
    const invalid = await get('/ongeldig');
    expect(invalid.response.status).toBe(422);
    expect(invalid.body.invalidParams).toEqual([{ name: 'a.b', reason: 'verwacht een getal' }]);
    expect(invalid.body.title).toBe('Ongeldige invoer');
    const auth = await get('/wie');
    expect(auth.response.status).toBe(401);
    expect(auth.response.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('answers unknown addresses with a problem 404 whose instance leaves out the query', async () => {
    const { response, body } = await get('/nergens?email=iemand@example.org');
    expect(response.status).toBe(404);
    expect(body.code).toBe('NOT_FOUND');
    expect(JSON.stringify(body)).not.toContain('iemand@example.org');
  });

  it('shows a browser a Dutch 404 page in the page shell, and keeps problem+json for the API and other clients', async () => {
    const page = await fetch(`${baseUrl}/trajectn?x=1`, {
      headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' },
    });
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toMatch(/<html lang="nl">/);
    expect(html).toContain('<h1>Deze pagina bestaat niet</h1>');
    expect(html).toContain('aria-label="Hoofdmenu"');
    expect(html).toContain('href="/favicon.svg"');

    for (const [path, accept] of [
      ['/api/v1/nergens', 'text/html'],
      ['/nergens', 'application/json'],
      ['/nergens', '*/*'],
      ['/nergens', 'application/json, text/html;q=0.5'],
    ] as const) {
      const response = await fetch(`${baseUrl}${path}`, { headers: { accept } });
      expect(response.status, `${path} ${accept}`).toBe(404);
      expect(response.headers.get('content-type'), `${path} ${accept}`).toMatch(
        /^application\/problem\+json/,
      );
    }
  });

  it('shows a browser a 500 page with the request id and nothing internal', async () => {
    const response = await fetch(`${baseUrl}/stuk`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain('<h1>Er ging iets mis</h1>');
    expect(html).toContain(response.headers.get('x-request-id') ?? 'geen request-id');
    expect(html).not.toMatch(/interne details|wachtrij/);
  });
});
