import { Ajv2020 } from 'ajv/dist/2020.js';
import type { OpenApiDocument } from '../../src/http/openapi/document.js';

// biome-ignore lint/suspicious/noExplicitAny: JSON documents are walked generically
type Json = any;

/** Ajv for JSON Schema 2020-12, OpenAPI 3.1's dialect. Formats are annotations here (OpenAPI allows its own). */
export function createAjv(): Ajv2020 {
  return new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
}

/** Follows a local `$ref` (`#/components/…`) in the document; undefined when it leads nowhere. */
export function resolveRef(document: OpenApiDocument, ref: string): Json {
  if (!ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .reduce<Json>((node, key) => node?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], document);
}

/** Every `$ref` in the document, with where it is. */
export function allRefs(value: Json, at = ''): Array<{ at: string; ref: string }> {
  if (!value || typeof value !== 'object') return [];
  const found: Array<{ at: string; ref: string }> = [];
  if (typeof value.$ref === 'string') found.push({ at, ref: value.$ref });
  for (const [key, child] of Object.entries<Json>(value)) found.push(...allRefs(child, `${at}/${key}`));
  return found;
}

/** A schema with its local references replaced by what they point to, so Ajv can compile it alone. */
export function inlineRefs(document: OpenApiDocument, value: Json): Json {
  if (Array.isArray(value)) return value.map((item) => inlineRefs(document, item));
  if (!value || typeof value !== 'object') return value;
  if (typeof value.$ref === 'string') return inlineRefs(document, resolveRef(document, value.$ref));
  return Object.fromEntries(
    Object.entries<Json>(value).map(([key, child]) => [key, inlineRefs(document, child)]),
  );
}

/** Every JSON Schema the document embeds, with where it is. */
export function embeddedSchemas(document: OpenApiDocument): Array<{ at: string; schema: Json }> {
  const found: Array<{ at: string; schema: Json }> = [];
  for (const [name, schema] of Object.entries(document.components.schemas ?? {})) {
    found.push({ at: `/components/schemas/${name}`, schema });
  }
  for (const [name, header] of Object.entries<Json>(document.components.headers ?? {})) {
    found.push({ at: `/components/headers/${name}`, schema: header.schema });
  }
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const at = `/paths/${path}/${method}`;
      for (const parameter of operation.parameters ?? [])
        found.push({ at: `${at}/parameters/${parameter.name}`, schema: parameter.schema });
      for (const [type, media] of Object.entries<Json>((operation.requestBody as Json)?.content ?? {})) {
        found.push({ at: `${at}/requestBody/${type}`, schema: media.schema });
      }
      for (const [status, response] of Object.entries(operation.responses)) {
        for (const [type, media] of Object.entries(response.content ?? {})) {
          found.push({ at: `${at}/responses/${status}/${type}`, schema: media.schema });
        }
        for (const [name, header] of Object.entries<Json>(response.headers)) {
          if (!header.$ref)
            found.push({ at: `${at}/responses/${status}/headers/${name}`, schema: header.schema });
        }
      }
    }
  }
  return found;
}
