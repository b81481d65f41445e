import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type Command, UsageError } from '../cli/command.js';
import { apiOperations } from '../http/api-modules.js';
import { buildOpenApiDocument } from '../http/openapi/document.js';

export const openapiCommand: Command = {
  path: ['openapi'],
  summary: 'Het OpenAPI 3.1-document van de JSON-API afdrukken',
  help: `Gebruik: visieleren openapi [--server-url URL] [--uitvoer BESTAND]

Drukt het OpenAPI 3.1-document af dat de server op /api/v1/openapi.json serveert (gemaakt uit dezelfde
zod-schema's waarmee de API de invoer controleert). Zonder database of server.

  --server-url URL   absoluut adres van de server in "servers" (standaard het relatieve /api/v1)
  --uitvoer BESTAND  naar een bestand in plaats van de standaarduitvoer

Voorbeeld:
  visieleren openapi --server-url https://visieleren.example.nl --uitvoer openapi.json
`,
  aliases: { out: 'uitvoer' },
  options: { 'server-url': { type: 'string' }, uitvoer: { type: 'string' } },
  async run({ values, io }) {
    const serverUrl = values['server-url'];
    if (typeof serverUrl === 'string' && !/^https?:\/\/[^\s/]+/.test(serverUrl)) {
      throw new UsageError(
        `--server-url moet een absoluut adres zijn, zoals https://visieleren.gemeente.nl (niet "${serverUrl}").`,
      );
    }
    const document = buildOpenApiDocument(apiOperations(), {
      ...(typeof serverUrl === 'string' && serverUrl ? { publicUrl: serverUrl } : {}),
    });
    const json = `${JSON.stringify(document, null, 2)}\n`;
    if (typeof values.uitvoer === 'string' && values.uitvoer) {
      await writeFile(resolve(io.cwd, values.uitvoer), json, 'utf8');
      io.stdout.write(`OpenAPI-document geschreven naar ${values.uitvoer}\n`);
    } else {
      io.stdout.write(json);
    }
    return 0;
  },
};
