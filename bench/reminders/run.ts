/**
 * Reminder computation (core `dueReminders`) for 342 trajects (the number of Dutch gemeenten) and 10,000,
 * against a simple reference in the same run: forecasting every traject (`forecastTraject`), which
 * `dueReminders` does internally plus the rules.
 *
 *   npx tsx --expose-gc bench/reminders/run.ts            prints the table
 *   npx tsx --expose-gc bench/reminders/run.ts --write    also writes it into docs/benchmarks.md between
 *                                                         <!-- reminders:start --> and <!-- reminders:end -->
 */
import {
  addDays,
  createTrajectFromTemplate,
  dueReminders,
  forecastTraject,
  getBuiltInTemplate,
  type Template,
  type Traject,
} from '../../packages/core/src/index.js';
import { machine, writeDocsSection } from '../docs-section.js';

const SIZES = [342, 10_000];
const NOW = new Date('2027-03-15T10:00:00Z');
const TODAY = '2027-03-15';

/** Trajects in every stage: starting within the next month, running, slipped, and finished ones. */
function portfolio(count: number, template: Template): Traject[] {
  const trajects: Traject[] = [];
  for (let n = 0; n < count; n++) {
    const start = addDays(TODAY, -120 + (n % 150));
    const traject = createTrajectFromTemplate(template, {
      id: `bench-${n}`,
      gemeenten: [{ name: `Gemeente ${n}`, inwoners: 10_000 + ((n * 7919) % 200_000) }],
      kernvraag: 'Hoe houden we de toegang dichtbij?',
      themes: ['inwoner-centraal'],
      start,
      status: n % 10 === 0 ? 'afgerond' : 'lopend',
    });
    // Some progress: the first phase started on time, and every third traject slipped in its second phase.
    const [first, second] = traject.phases;
    if (first && first.plannedStart <= TODAY) first.actualStart = first.plannedStart;
    if (first && second && first.plannedEnd < TODAY) {
      first.actualEnd = first.plannedEnd;
      if (n % 3 === 0) second.actualStart = second.plannedStart;
    }
    traject.checklist = template.phases
      .flatMap((phase) => phase.checklist)
      .map((item, index) => ({ itemId: item.id, done: (index + n) % 4 === 0 }));
    trajects.push(traject);
  }
  return trajects;
}

interface Measurement {
  medianMs: number;
  minMs: number;
  heapMb: number;
  output: number;
}

const gc = (globalThis as { gc?: () => void }).gc;

function measure(runs: number, work: () => number): Measurement {
  work(); // warm-up (JIT)
  const times: number[] = [];
  let heapMb = 0;
  let output = 0;
  for (let run = 0; run < runs; run++) {
    gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const started = process.hrtime.bigint();
    output = work();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    heapMb = Math.max(heapMb, (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024);
  }
  times.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(times.length / 2)] ?? 0, minMs: times[0] ?? 0, heapMb, output };
}

const template = getBuiltInTemplate('visieleertraject');
const rows: string[] = [];
for (const size of SIZES) {
  const trajects = portfolio(size, template);
  const withTemplates = trajects.map((traject) => ({ traject, template }));
  const runs = size > 1000 ? 5 : 21;
  const due = measure(runs, () => dueReminders(withTemplates, NOW).length);
  const reference = measure(runs, () => {
    let phases = 0;
    for (const traject of trajects) {
      phases += forecastTraject(template, traject, { today: TODAY }).phases.length;
    }
    return phases;
  });
  const fmt = (value: number) => value.toFixed(1);
  rows.push(
    `| ${size.toLocaleString('en')} | ${due.output} | ${fmt(due.medianMs)} (min ${fmt(due.minMs)}) | ${fmt(due.heapMb)} | ${fmt(reference.medianMs)} (min ${fmt(reference.minMs)}) | ${fmt(reference.heapMb)} | ${(due.medianMs / reference.medianMs).toFixed(2)}× |`,
  );
  process.stderr.write(
    `${size}: dueReminders ${fmt(due.medianMs)} ms, forecast only ${fmt(reference.medianMs)} ms\n`,
  );
}

const table = [
  `Run: \`npx tsx --expose-gc bench/reminders/run.ts --write\` on ${machine()}, ${new Date().toISOString().slice(0, 10)}.`,
  `Trajects of the visieleertraject template in every stage (starting, running, slipped, 10 % finished), now = ${NOW.toISOString()}.`,
  'Time is the median of 21 runs (5 for 10,000) after a warm-up; heap is the largest growth of the JS heap during one run',
  gc
    ? '(after a forced GC before each run).'
    : '(no --expose-gc: without a forced GC before each run, so rough).',
  'Reference: forecasting every traject (`forecastTraject`), the planning work `dueReminders` does before applying the rules.',
  '',
  '| trajects | reminders due | `dueReminders` ms | heap MB | reference: forecast only, ms | heap MB | ratio |',
  '|---:|---:|---:|---:|---:|---:|---:|',
  ...rows,
].join('\n');
process.stdout.write(`${table}\n`);
if (process.argv.includes('--write')) writeDocsSection('reminders', 'Reminder computation', table);
