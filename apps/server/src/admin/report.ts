import {
  defaultVitBank,
  HOURS_STATUS_LABELS,
  type HoursStatus,
  isVisielerenError,
  localize,
  ROLE_LABELS,
  type Role,
  TRAJECT_STATUS_LABELS,
  type TrajectStatus,
  type WorkingCalendar,
} from '@visieleren/core';
import { lifecycleOf, type Store } from '@visieleren/store';
import writeXlsxFile, { type SheetData } from 'write-excel-file/node';
import { describeTraject, overviewRow } from '../domain.js';

/**
 * The portfolio across trajects for the VNG team's regular reporting (Programmaplan Impuls Vakmanschap:
 * "we rapporteren regelmatig over het proces"): status, phase, slip, hours against the norm per role, the VIT
 * profile and what the evaluaties say. One builder; the console page, the API, the CSV, the spreadsheet and
 * `visieleren rapport` all read its rows.
 */

/** The roles a gemeente fills, whose hours the template asks (ambtelijk contactpersoon, support, …). */
export const REPORT_ROLES = [
  'ambtelijk-contactpersoon',
  'ambtelijke-ondersteuning',
  'bestuurder',
  'professional',
] as const satisfies readonly Role[];

export interface RoleHours {
  role: Role;
  /** Hours counted against the norm so far. */
  hours: number;
  /** The norm over the same period ("6–8" hours a week summed, or dagdelen as hours). */
  normMin: number;
  normMax: number | null;
  status: HoursStatus;
}

export interface PortfolioRow {
  trajectId: string;
  gemeente: string;
  status: TrajectStatus;
  statusLabel: string;
  phase: string;
  /** Working days behind the baseline plan; undefined when closed or not planned. */
  slipDays?: number;
  forecastEnd?: string;
  hours: RoleHours[];
  /** Stage name per uitgangspunt (by name), or undefined when not assessed. */
  vit: Array<{ uitgangspunt: string; stage?: string }>;
  evaluaties: number;
  /** Mean of "would you recommend" (0–10) over the evaluaties that answered it. */
  aanbevelingGemiddeld?: number;
}

export interface PortfolioReport {
  today: string;
  rows: PortfolioRow[];
  /** Trajects per status, for the chart. */
  byStatus: Array<{ status: TrajectStatus; label: string; count: number }>;
}

const round1 = (value: number) => Math.round(value * 10) / 10;

/**
 * One traject that cannot be described (no phase dates yet, an unknown template) is a row without hours and
 * VIT, not a report that fails for every other traject.
 */
function describeSafely(
  traject: Parameters<typeof describeTraject>[0],
  today: string,
  calendar?: WorkingCalendar,
): ReturnType<typeof describeTraject> {
  try {
    return describeTraject(traject, today, calendar);
  } catch (error) {
    if (isVisielerenError(error) && error.code === 'VALIDATION')
      return { forecast: null, hours: null, vit: null };
    throw error;
  }
}

export async function buildPortfolioReport(
  store: Store,
  today: string,
  calendar?: WorkingCalendar,
): Promise<PortfolioReport> {
  const trajects = await store.trajects.list({ kind: 'all' });
  const lifecycle = lifecycleOf(store);
  const rows: PortfolioRow[] = [];
  for (const traject of trajects) {
    const overview = overviewRow(traject, today, calendar);
    const description = describeSafely(traject, today, calendar);
    const hours = REPORT_ROLES.flatMap((role): RoleHours[] => {
      const row = description.hours?.rows.find((candidate) => candidate.role === role);
      return row
        ? [
            {
              role,
              hours: round1(row.countedHours),
              normMin: round1(row.expected.minHours),
              normMax: row.expected.maxHours === null ? null : round1(row.expected.maxHours),
              status: row.status,
            },
          ]
        : [];
    });
    const vit = defaultVitBank.uitgangspunten.map((uitgangspunt) => {
      const result = description.vit?.uitgangspunten.find((candidate) => candidate.key === uitgangspunt.key);
      const stage = result?.stage ? localize(result.stage.name) : undefined;
      return { uitgangspunt: localize(uitgangspunt.name), ...(stage ? { stage } : {}) };
    });
    const evaluaties = await lifecycle.listFormAnswers(traject.id, 'evaluatie');
    const scores = evaluaties
      .map((record) => record.answers.aanbeveling)
      .filter((value): value is number => typeof value === 'number' && Number.isFinite(value));
    rows.push({
      trajectId: traject.id,
      gemeente: overview.gemeente,
      status: traject.status,
      statusLabel: overview.status,
      phase: overview.currentPhase,
      ...(overview.slipDays !== undefined ? { slipDays: overview.slipDays } : {}),
      ...(overview.forecastEnd ? { forecastEnd: overview.forecastEnd } : {}),
      hours,
      vit,
      evaluaties: evaluaties.length,
      ...(scores.length
        ? { aanbevelingGemiddeld: round1(scores.reduce((sum, value) => sum + value, 0) / scores.length) }
        : {}),
    });
  }
  rows.sort((a, b) => a.gemeente.localeCompare(b.gemeente, 'nl'));
  const counts = new Map<TrajectStatus, number>();
  for (const row of rows) counts.set(row.status, (counts.get(row.status) ?? 0) + 1);
  const byStatus = [...counts]
    .map(([status, count]) => ({ status, label: localize(TRAJECT_STATUS_LABELS[status]), count }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'nl'));
  return { today, rows, byStatus };
}

const roleName = (role: Role) => localize(ROLE_LABELS[role]);

/** "6–8" or "4+" hours: the norm as people say it. */
export function normText(hours: RoleHours): string {
  if (hours.normMax === null) return `${hours.normMin}+`;
  return hours.normMin === hours.normMax ? `${hours.normMin}` : `${hours.normMin}–${hours.normMax}`;
}

/** The report as a table of plain values: one header row, then one row per traject. CSV and XLSX share it. */
export function reportTable(report: PortfolioReport): Array<Array<string | number | null>> {
  const vitNames = defaultVitBank.uitgangspunten.map((uitgangspunt) => localize(uitgangspunt.name));
  const header = [
    'Traject',
    'Gemeente',
    'Status',
    'Fase',
    'Uitloop (werkdagen)',
    'Verwacht einde',
    ...REPORT_ROLES.flatMap((role) => [
      `Uren ${roleName(role).toLowerCase()}`,
      `Norm ${roleName(role).toLowerCase()}`,
      `Uren t.o.v. norm ${roleName(role).toLowerCase()}`,
    ]),
    ...vitNames.map((name) => `VIT: ${name}`),
    'Evaluaties',
    'Aanbeveling gemiddeld (0-10)',
  ];
  const body = report.rows.map((row) => [
    row.trajectId,
    row.gemeente,
    row.statusLabel,
    row.phase,
    row.slipDays ?? null,
    row.forecastEnd ?? null,
    ...REPORT_ROLES.flatMap((role) => {
      const hours = row.hours.find((candidate) => candidate.role === role);
      return hours
        ? [hours.hours, normText(hours), localize(HOURS_STATUS_LABELS[hours.status])]
        : [null, null, null];
    }),
    ...row.vit.map((entry) => entry.stage ?? null),
    row.evaluaties,
    row.aanbevelingGemiddeld ?? null,
  ]);
  return [header, ...body];
}

/** RFC 4180 CSV with a BOM (Excel reads UTF-8 then) and `;`, the separator Dutch spreadsheets expect. */
export function reportCsv(report: PortfolioReport): string {
  const cell = (value: string | number | null) => {
    if (value === null) return '';
    const text = typeof value === 'number' ? String(value).replace('.', ',') : value;
    // A leading = + - @ would be a formula in a spreadsheet (CSV injection): quoted with a leading apostrophe.
    const safe = /^[=+\-@\t\r]/.test(text) && typeof value === 'string' ? `'${text}` : text;
    return /[";\r\n]/.test(safe) || safe !== text ? `"${safe.replaceAll('"', '""')}"` : safe;
  };
  return `\uFEFF${reportTable(report)
    .map((row) => row.map(cell).join(';'))
    .join('\r\n')}\r\n`;
}

/** The same table as an .xlsx workbook (write-excel-file), header row bold and frozen. */
export async function reportXlsx(report: PortfolioReport): Promise<Buffer> {
  const [header = [], ...rows] = reportTable(report);
  const data: SheetData = [
    header.map((value) => ({ value: String(value), fontWeight: 'bold' as const })),
    ...rows.map((row) =>
      row.map((value) =>
        value === null ? null : typeof value === 'number' ? { value, type: Number } : { value, type: String },
      ),
    ),
  ];
  return writeXlsxFile(data, { sheet: `Portfolio ${report.today}`, stickyRowsCount: 1 }).toBuffer();
}
