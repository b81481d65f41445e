import { type Command, oneOf, UsageError } from '../cli/command.js';
import { CLI_ACTOR, withStore } from './with-store.js';

export const tokenCreateCommand: Command = {
  path: ['token', 'create'],
  summary: 'API-token maken voor het VNG-team of één gemeente',
  help: `Gebruik: visieleren token create --role vng|gemeente [--traject ID] [--label TEKST]

Maakt een API-token en toont het één keer; bewaard wordt alleen een hash.
  --role vng        ziet en wijzigt alle trajecten
  --role gemeente   ziet en wijzigt alleen het traject bij --traject
  --traject ID      verplicht bij --role gemeente
  --label TEKST     waarvoor het token is (komt in het audit-log), standaard de rol

Voorbeeld:
  visieleren token create --role gemeente --traject ede-2024 --label "Ede, contactpersoon"
`,
  options: {
    role: { type: 'string' },
    traject: { type: 'string' },
    label: { type: 'string' },
  },
  async run({ values, io }) {
    const role = oneOf(values, 'role', ['vng', 'gemeente'] as const);
    const trajectId = typeof values.traject === 'string' ? values.traject.trim() : undefined;
    if (role === 'gemeente' && !trajectId) {
      throw new UsageError('Het argument --traject ontbreekt: een gemeente-token hoort bij één traject.');
    }
    if (role === 'vng' && trajectId) {
      throw new UsageError(
        'Het argument --traject past niet bij --role vng: het VNG-team ziet alle trajecten.',
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
