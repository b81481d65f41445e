import { type Command, oneOf, UsageError } from '../cli/command.js';
import { CLI_ACTOR, withStore } from './with-store.js';

export const tokenCreateCommand: Command = {
  path: ['token', 'create'],
  summary: 'API-token maken voor het VNG-team of één gemeente',
  help: `Gebruik: visieleren token create --rol vng|gemeente [--traject ID] [--label TEKST]

Maakt een API-token en toont het één keer; bewaard wordt alleen een hash.
  --rol vng       ziet en wijzigt alle trajecten (oude naam van de optie: --role)
  --rol gemeente  ziet en wijzigt alleen het traject bij --traject
  --traject ID    verplicht bij --rol gemeente
  --label TEKST   waarvoor het token is (komt in het audit-log), standaard de rol

Voorbeeld:
  visieleren token create --rol gemeente --traject voorbeeld-aan-zee --label "Aan Zee, contactpersoon"
`,
  aliases: { role: 'rol' },
  options: {
    rol: { type: 'string' },
    traject: { type: 'string' },
    label: { type: 'string' },
  },
  async run({ values, io }) {
    const role = oneOf(values, 'rol', ['vng', 'gemeente'] as const);
    const trajectId = typeof values.traject === 'string' ? values.traject.trim() : undefined;
    if (role === 'gemeente' && !trajectId) {
      throw new UsageError('Het argument --traject ontbreekt: een gemeente-token hoort bij één traject.');
    }
    if (role === 'vng' && trajectId) {
      throw new UsageError(
        'Het argument --traject past niet bij --rol vng: het VNG-team ziet alle trajecten.',
      );
    }
    const label =
      typeof values.label === 'string' && values.label.trim() !== ''
        ? values.label.trim()
        : role === 'vng'
          ? 'VNG-team'
          : `gemeente ${trajectId}`;
    return withStore(io, async (store) => {
      if (trajectId) await store.trajects.get(trajectId, { kind: 'all' });
      const { token, record } = await store.tokens.create(
        { role, label, ...(trajectId ? { trajectId } : {}) },
        CLI_ACTOR,
      );
      io.stdout.write(
        [
          `Token gemaakt (${record.id}, rol ${role}${trajectId ? `, traject ${trajectId}` : ''}, label "${label}").`,
          'Bewaar het nu: het wordt niet nog eens getoond.',
          '',
          `  ${token}`,
          '',
          'Gebruik: Authorization: Bearer <token>',
          '',
        ].join('\n'),
      );
      return 0;
    });
  },
};

export const tokenListCommand: Command = {
  path: ['token', 'list'],
  summary: 'De API-tokens: id, rol, traject en label (nooit het token zelf)',
  help: `Gebruik: visieleren token list [--ingetrokken] [--json]

Toont de actieve API-tokens, oudste eerst. Het token zelf is niet bewaard en
wordt dus nooit getoond; met het id trekt u een token in.
  --ingetrokken  ook de ingetrokken tokens
  --json         als JSON

Voorbeeld:
  visieleren token list
`,
  options: { ingetrokken: { type: 'boolean' }, json: { type: 'boolean' } },
  async run({ values, io }) {
    return withStore(io, async (store) => {
      const tokens = await store.tokens.list({ includeRevoked: values.ingetrokken === true });
      if (values.json) {
        io.stdout.write(`${JSON.stringify(tokens, null, 2)}\n`);
        return 0;
      }
      if (tokens.length === 0) {
        io.stdout.write('Geen API-tokens.\n');
        return 0;
      }
      for (const token of tokens) {
        const scope = token.role === 'gemeente' ? `gemeente ${token.trajectId ?? ''}` : 'vng';
        const state = token.revokedAt ? `  ingetrokken ${token.revokedAt}` : '';
        io.stdout.write(`${token.id}  ${scope.padEnd(30)} "${token.label}"  ${token.createdAt}${state}\n`);
      }
      return 0;
    });
  },
};

export const tokenRevokeCommand: Command = {
  path: ['token', 'revoke'],
  summary: 'Een API-token intrekken (de API en de VNG-aanmelding werken er niet meer mee)',
  help: `Gebruik: visieleren token revoke ID

Trekt het token met dit id in (zie visieleren token list). Verzoeken met het token
krijgen daarna 401, en wie er in de browser mee is aangemeld, is meteen afgemeld.
Het intrekken staat in het audit-log.

Voorbeeld:
  visieleren token list
  visieleren token revoke <id uit token list>
`,
  options: {},
  allowPositionals: true,
  async run({ positionals, io }) {
    const id = positionals[0]?.trim();
    if (!id || positionals.length > 1) {
      throw new UsageError(
        'Geef precies één token-id: visieleren token revoke ID (zie visieleren token list).',
      );
    }
    return withStore(io, async (store) => {
      const known = (await store.tokens.list({ includeRevoked: true })).find((token) => token.id === id);
      if (!known)
        throw new UsageError(`Geen token met id ${JSON.stringify(id)} (zie visieleren token list).`);
      if (known.revokedAt) {
        io.stdout.write(`Token ${id} was al ingetrokken (${known.revokedAt}).\n`);
        return 0;
      }
      await store.tokens.revoke(id, CLI_ACTOR);
      io.stdout.write(`Token ${id} ("${known.label}") is ingetrokken.\n`);
      return 0;
    });
  },
};
