import type { Command } from '../cli/command.js';
import { redactDatabaseUrl } from '../env.js';
import { withOpenStore } from './with-store.js';

export const dbMigrateCommand: Command = {
  path: ['db', 'migrate'],
  summary: 'De database bijwerken naar de nieuwste versie (migraties)',
  help: `Gebruik: visieleren db migrate

Past de migraties toe die nog ontbreken. Veilig als meerdere servers tegelijk starten: op PostgreSQL
houdt één proces tegelijk het slot. \`visieleren serve\` doet dit ook bij het starten.

Database: DATABASE_URL (PostgreSQL) of anders de ingebouwde database in VISIELEREN_DATA_DIR
(standaard ./.visieleren/data).

Voorbeeld:
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/visieleren visieleren db migrate
`,
  options: {},
  async run({ io }) {
    return withOpenStore(io, async (store, env) => {
      const result = await store.migrate();
      const where = env.databaseUrl ? redactDatabaseUrl(env.databaseUrl) : `ingebouwd in ${env.dataDir}`;
      io.stdout.write(
        result.applied.length === 0
          ? `De database (${where}) is al bijgewerkt.\n`
          : `Toegepast op ${where}: ${result.applied.join(', ')}\n`,
      );
      return 0;
    });
  },
};
