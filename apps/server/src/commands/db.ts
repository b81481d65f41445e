import type { Command } from '../cli/command.js';
import { loadEnv, redactDatabaseUrl } from '../env.js';
import { openStore } from '../runtime.js';

export const dbMigrateCommand: Command = {
  path: ['db', 'migrate'],
  summary: 'Database bijwerken naar de nieuwste versie (migraties)',
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
    const env = loadEnv(io.env);
    const store = await openStore(env, io.cwd);
    try {
      const result = await store.migrate();
      const where = env.databaseUrl ? redactDatabaseUrl(env.databaseUrl) : `ingebouwd in ${env.dataDir}`;
      io.stdout.write(
        result.applied.length === 0
          ? `De database (${where}) is al bijgewerkt.\n`
          : `Toegepast op ${where}: ${result.applied.join(', ')}\n`,
      );
      return 0;
    } finally {
      await store.close();
    }
  },
};
