import { amsterdamDate } from '../calendar/timezone.js';
import { trajectFromAanmelding } from '../lifecycle/aanmelding.js';
import type { AanmeldingPort, Clock } from '../ports.js';
import { getBuiltInTemplate } from '../templates/registry.js';
import type { MemoryFormSubmissions } from './memory-forms.js';
import type { MemoryTrajects } from './memory-trajects.js';

/**
 * Aanmeldingen in memory: core's `trajectFromAanmelding` makes the traject (status `aangemeld`), stored with
 * the answers as a submission, as the store does (the intake itself lives in the store's lifecycle tables).
 */
export function createMemoryAanmeldingen(
  clock: Clock,
  trajects: MemoryTrajects,
  formSubmissions: MemoryFormSubmissions,
): AanmeldingPort {
  let counter = 0;
  return {
    async submit(answers, source) {
      const submittedOn = amsterdamDate(clock.now());
      counter += 1;
      const { traject } = trajectFromAanmelding(answers, {
        id: `aanmelding-${submittedOn}-${counter}`,
        submittedOn,
        template: getBuiltInTemplate('visieleertraject'),
      });
      const stored = await trajects.create(traject, source.actor);
      await formSubmissions.save(
        { formId: 'aanmelding', trajectId: stored.id, answers, surface: source.surface },
        source.actor,
      );
      return { trajectId: stored.id, name: stored.gemeenten.map((gemeente) => gemeente.name).join(', ') };
    },
  };
}
