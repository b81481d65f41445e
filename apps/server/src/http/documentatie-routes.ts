import { Router } from 'express';
import { z } from 'zod';
import { renderApiPage } from './openapi/api-page.js';
import type { OpenApiDocument } from './openapi/document.js';
import { defineOperation, serveOperation } from './openapi/operation.js';

const TAG = 'Documentatie';

/** The document describes itself and its page (NL API Design Rules /core/publish-openapi). */
export const documentatieOperations = {
  page: defineOperation({
    method: 'get',
    path: '/',
    operationId: 'getApiPagina',
    tag: TAG,
    summary: 'Uitleg van de API',
    description: 'Een leesbare pagina met elk endpoint, gemaakt uit het OpenAPI-document.',
    auth: 'none',
    responses: {
      200: {
        description: 'De pagina (HTML).',
        contentType: 'text/html',
        schema: z.string(),
        example: '<!doctype html><html lang="nl">…</html>',
      },
    },
  }),
  document: defineOperation({
    method: 'get',
    path: '/openapi.json',
    operationId: 'getOpenApi',
    tag: TAG,
    summary: 'Het OpenAPI-document',
    description: 'Dit document (OpenAPI 3.1, JSON), ook voor andere sites op te halen (CORS).',
    auth: 'none',
    responses: {
      200: {
        description: 'Het OpenAPI-document.',
        schema: z
          .object({
            openapi: z.string(),
            info: z.record(z.string(), z.unknown()),
            paths: z.record(z.string(), z.unknown()),
          })
          .loose(),
        example: { openapi: '3.1.0', info: { title: 'Visieleren API', version: '1.0.0' }, paths: {} },
        headers: { 'Access-Control-Allow-Origin': 'Altijd `*`: het document is openbaar.' },
      },
    },
  }),
};

export function createDocumentatieRouter(options: {
  document: OpenApiDocument;
  stylesheetHref?: string;
}): Router {
  const router = Router();
  const json = JSON.stringify(options.document, null, 2);
  const page = renderApiPage(
    options.document,
    options.stylesheetHref ? { stylesheetHref: options.stylesheetHref } : {},
  );
  serveOperation(router, documentatieOperations.page, (_req, res) => {
    res.type('html').send(page);
  });
  serveOperation(router, documentatieOperations.document, (_req, res) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.type('json').send(json);
  });
  return router;
}
