import { systemClock } from '@visieleren/core';
import { type Command, requireOption } from '../cli/command.js';
import { writeOutputFile } from '../cli/files.js';
import { createTrajectDomain } from '../domain.js';
import { lifecycleSettingsFromEnv } from '../lifecycle/settings.js';
import { lifecycleDossierView } from '../lifecycle/views.js';
import { withStore } from './with-store.js';

export const exportCommand: Command = {
  path: ['export'],
  summary: 'Het hele dossier van één traject als JSON',
  help: `Gebruik: visieleren export --traject ID [--uitvoer BESTAND]

Alles over één traject: het traject met fasen, sessies, actiepunten, uren en VIT, de formulierinzendingen,
duo-interviewrondes, koppelingen, herinneringen en het audit-log; onder "lifecycle" de aanmelding, de
kernvragen, antwoorden op evaluatie en nazorg, de producten met versies, het expertteam en de nazorg. Naar de standaarduitvoer, of naar --uitvoer.

Voorbeeld:
  visieleren export --traject voorbeeld-aan-zee --uitvoer aan-zee-dossier.json
`,
  aliases: { out: 'uitvoer' },
  options: { traject: { type: 'string' }, uitvoer: { type: 'string' } },
  async run({ values, io }) {
    const trajectId = requireOption(values, 'traject');
    return withStore(io, async (store, env) => {
      // The nazorggesprek as the server plans it: VISIELEREN_NAZORG_MAANDEN and the server's calendar.
      const settings = lifecycleSettingsFromEnv(env.source);
      const exported = await store.exportDossier(trajectId);
      // What the lifecycle adds: aanmelding, kernvragen, evaluatie/nazorg answers, producten, team, nazorg.
      const lifecycle = await lifecycleDossierView(
        store,
        exported.traject,
        createTrajectDomain(systemClock, settings).today(),
        { settings, withContact: true },
      );
      const dossier = { ...exported, lifecycle };
      const json = `${JSON.stringify(dossier, null, 2)}\n`;
      if (typeof values.uitvoer === 'string') {
        await writeOutputFile(io.cwd, 'uitvoer', values.uitvoer, json);
        io.stdout.write(`Dossier van ${trajectId} geschreven naar ${values.uitvoer}.\n`);
      } else {
        io.stdout.write(json);
      }
      return 0;
    });
  },
};
