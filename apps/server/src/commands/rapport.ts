import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { systemClock } from '@visieleren/core';
import { buildPortfolioReport, reportCsv, reportXlsx } from '../admin/report.js';
import { type Command, oneOf, UsageError } from '../cli/command.js';
import { writeOutputFile } from '../cli/files.js';
import { createTrajectDomain } from '../domain.js';
import { withStore } from './with-store.js';

const FORMATS = ['csv', 'xlsx'] as const;

export const rapportCommand: Command = {
  path: ['rapport'],
  summary: 'De rapportage over alle trajecten: status, fase, uitloop, uren tegen de norm, VIT, evaluaties',
  help: `Gebruik: visieleren rapport [--formaat csv|xlsx] [--uitvoer BESTAND]

De rapportage over alle trajecten (zoals de console op /console/rapport): per traject status, fase, uitloop,
uren per rol tegen de norm, het VIT-profiel en de uitkomst van de evaluatie.
  --formaat csv|xlsx  CSV (standaard, naar de standaarduitvoer of --uitvoer) of een spreadsheet (XLSX,
                      alleen met --uitvoer)
  --uitvoer BESTAND   naar een bestand in plaats van de standaarduitvoer

Voorbeelden:
  visieleren rapport
  visieleren rapport --formaat xlsx --uitvoer rapportage.xlsx
`,
  options: { formaat: { type: 'string' }, uitvoer: { type: 'string' } },
  async run({ values, io }) {
    const format = oneOf(values, 'formaat', FORMATS, 'csv');
    const output = typeof values.uitvoer === 'string' && values.uitvoer.trim() ? values.uitvoer : undefined;
    if (format === 'xlsx' && !output) {
      throw new UsageError('Het argument --uitvoer ontbreekt: een spreadsheet gaat naar een bestand.');
    }
    return withStore(io, async (store) => {
      const report = await buildPortfolioReport(store, createTrajectDomain(systemClock).today());
      if (format === 'xlsx' && output) {
        const path = resolve(io.cwd, output);
        await writeFile(path, await reportXlsx(report)).catch((error: NodeJS.ErrnoException) => {
          throw new UsageError(
            `Kan niet schrijven naar het bestand bij --uitvoer (${output}): ${error.code}.`,
          );
        });
      } else if (output) {
        await writeOutputFile(io.cwd, 'uitvoer', output, reportCsv(report));
      } else {
        io.stdout.write(reportCsv(report));
        return 0;
      }
      io.stdout.write(`Rapportage (${report.rows.length} trajecten) geschreven naar ${output}.\n`);
      return 0;
    });
  },
};
