import {
  ConfigurationError,
  createWorkingCalendar,
  DEFAULT_NAZORG_MONTHS,
  isIsoDate,
  type WorkingCalendar,
} from '@visieleren/core';
import type { LifecycleSettings } from './views.js';

/**
 * The calendar and aftercare settings of the server and the CLI, from the environment that `env.ts` passes
 * on (`ServerEnv.source`), as the plugins read theirs:
 * - VISIELEREN_GOEDE_VRIJDAG=ja: Goede Vrijdag is a day off (not every gemeente closes);
 * - VISIELEREN_GESLOTEN_DAGEN=2027-12-27,2027-12-28: extra closed days (between Christmas and New Year);
 * - VISIELEREN_NAZORG_MAANDEN=6: months between the borgingssessie and the nazorggesprek.
 */
export interface ServerLifecycleSettings extends LifecycleSettings {
  goodFriday: boolean;
  extraClosedDays: string[];
  calendar: WorkingCalendar;
}

export function lifecycleSettingsFromEnv(
  source: Readonly<Record<string, string | undefined>>,
): ServerLifecycleSettings {
  const problems: string[] = [];
  const goedeVrijdag = source.VISIELEREN_GOEDE_VRIJDAG?.trim().toLowerCase() || 'nee';
  if (!['ja', 'nee'].includes(goedeVrijdag)) problems.push('Zet VISIELEREN_GOEDE_VRIJDAG op ja of nee.');
  const extraClosedDays = (source.VISIELEREN_GESLOTEN_DAGEN ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const wrong = extraClosedDays.filter((day) => !isIsoDate(day));
  if (wrong.length > 0) {
    problems.push(
      `Zet VISIELEREN_GESLOTEN_DAGEN op datums als JJJJ-MM-DD, gescheiden door komma's; ongeldig: ${wrong.join(', ')}.`,
    );
  }
  const monthsText = source.VISIELEREN_NAZORG_MAANDEN?.trim();
  const nazorgMonths = monthsText ? Number(monthsText) : DEFAULT_NAZORG_MONTHS;
  if (!Number.isInteger(nazorgMonths) || nazorgMonths < 1 || nazorgMonths > 36) {
    problems.push('Zet VISIELEREN_NAZORG_MAANDEN op een geheel aantal maanden van 1 tot en met 36.');
  }
  if (problems.length > 0) {
    throw new ConfigurationError(
      ['De configuratie (omgevingsvariabelen) is ongeldig:', ...problems.map((line) => `  - ${line}`)].join(
        '\n',
      ),
    );
  }
  const goodFriday = goedeVrijdag === 'ja';
  return {
    goodFriday,
    extraClosedDays,
    nazorgMonths,
    calendar: createWorkingCalendar({ goodFriday, extraClosedDays }),
  };
}
