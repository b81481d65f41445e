import {
  amsterdamToEpochMinutes,
  type DuoRound,
  type DuoRoundInput,
  parseDuoRound,
} from '../../packages/core/src/duo/index.js';

/**
 * The exact model of a duo-interview round as a MILP in CPLEX LP format, for HiGHS.
 *
 * y_i_j_s = 1: participants i and j have their interview in slot s (different perspectives, both available,
 * not an avoided or earlier pair, some moderator available). z_m_s = 1: moderator m leads an interview in s.
 * Moderators only differ by availability, load and their own clashes, so instead of one variable per
 * (pair, slot, moderator) it is enough that every slot has as many moderators at work as interviews:
 * any such y, z can be turned into a schedule by handing the working moderators of a slot to its
 * interviews. That keeps the model exact and about |moderators| times smaller.
 *
 * Clashes: two slots clash when they overlap or lie closer than the buffer. Clashing is an interval graph
 * on [start, end + buffer), so "at most one per clique" over the cliques at each slot's start covers every
 * clashing pair. Objective: the most interviews (= participant assignments / 2), as in the scheduler.
 */
export interface MilpModel {
  lp: string;
  variables: number;
  constraints: number;
}

export function buildMilp(input: DuoRoundInput | DuoRound): MilpModel {
  const round = parseDuoRound(input);
  const { slots, participants, moderators, rules } = round;
  const slotIndex = new Map(slots.map((slot, index) => [slot.id, index]));
  const start = slots.map((slot) => amsterdamToEpochMinutes(slot.start));
  const end = slots.map((slot) => amsterdamToEpochMinutes(slot.end));
  const cliques: number[][] = [];
  const seen = new Set<string>();
  slots.forEach((_, t) => {
    const clique = slots
      .map((__, s) => s)
      .filter((s) => start[s]! <= start[t]! && start[t]! < end[s]! + rules.bufferMinutes);
    const key = clique.join(',');
    if (!seen.has(key)) {
      seen.add(key);
      cliques.push(clique);
    }
  });

  const moderatorSlots = moderators.map((moderator) =>
    moderator.maxInterviews > 0
      ? new Set(moderator.available.map((id) => slotIndex.get(id)!))
      : new Set<number>(),
  );
  const moderatedSlots = new Set(moderatorSlots.flatMap((set) => [...set]));
  const excluded = new Set(
    [...rules.avoidPairs, ...rules.previousPairs].flatMap(([a, b]) => [`${a}\u0000${b}`, `${b}\u0000${a}`]),
  );
  const available = participants.map((person) => new Set(person.available.map((id) => slotIndex.get(id)!)));

  const yVars: Array<{ name: string; i: number; j: number; s: number }> = [];
  for (let i = 0; i < participants.length; i++) {
    for (let j = i + 1; j < participants.length; j++) {
      const a = participants[i]!;
      const b = participants[j]!;
      if (a.perspective === b.perspective || excluded.has(`${a.id}\u0000${b.id}`)) continue;
      for (const s of available[i]!) {
        if (available[j]!.has(s) && moderatedSlots.has(s)) yVars.push({ name: `y_${i}_${j}_${s}`, i, j, s });
      }
    }
  }
  const zVars: Array<{ name: string; m: number; s: number }> = [];
  moderatorSlots.forEach((set, m) => {
    for (const s of [...set].sort((x, y) => x - y)) zVars.push({ name: `z_${m}_${s}`, m, s });
  });

  const rows: string[] = [];
  /** One constraint; terms are variable names, a leading '-' subtracts. Long rows are wrapped. */
  const row = (terms: string[], sense: string) => {
    if (terms.length === 0) return;
    const signed = terms.map((term) => (term.startsWith('-') ? `- ${term.slice(1)}` : `+ ${term}`));
    const chunks: string[] = [];
    for (let k = 0; k < signed.length; k += 12) chunks.push(signed.slice(k, k + 12).join(' '));
    rows.push(` c${rows.length}: ${chunks.join('\n   ')} ${sense}`);
  };

  const ySlot = new Map<number, string[]>();
  const yPerson = participants.map(() => new Map<number, string[]>());
  const yPair = new Map<string, string[]>();
  for (const variable of yVars) {
    if (!ySlot.has(variable.s)) ySlot.set(variable.s, []);
    ySlot.get(variable.s)!.push(variable.name);
    for (const person of [variable.i, variable.j]) {
      const bySlot = yPerson[person]!;
      if (!bySlot.has(variable.s)) bySlot.set(variable.s, []);
      bySlot.get(variable.s)!.push(variable.name);
    }
    const pairKey = `${variable.i}_${variable.j}`;
    if (!yPair.has(pairKey)) yPair.set(pairKey, []);
    yPair.get(pairKey)!.push(variable.name);
  }
  const zSlot = new Map<number, string[]>();
  for (const variable of zVars) {
    if (!zSlot.has(variable.s)) zSlot.set(variable.s, []);
    zSlot.get(variable.s)!.push(variable.name);
  }

  // Every interview in a slot has its own moderator.
  for (const [s, names] of ySlot) {
    row([...names, ...(zSlot.get(s) ?? []).map((name) => `-${name}`)], '<= 0');
  }
  // Participants: no clashes, at most interviewsPerParticipant, each pair at most once.
  for (const bySlot of yPerson) {
    for (const clique of cliques)
      row(
        clique.flatMap((s) => bySlot.get(s) ?? []),
        '<= 1',
      );
    row([...bySlot.values()].flat(), `<= ${rules.interviewsPerParticipant}`);
  }
  if (rules.interviewsPerParticipant > 1)
    for (const names of yPair.values()) if (names.length > 1) row(names, '<= 1');
  // Moderators: no clashes, at most maxInterviews.
  moderators.forEach((moderator, m) => {
    const names = new Map(
      zVars.filter((variable) => variable.m === m).map((variable) => [variable.s, variable.name]),
    );
    for (const clique of cliques)
      row(
        clique.flatMap((s) => (names.has(s) ? [names.get(s)!] : [])),
        '<= 1',
      );
    row([...names.values()], `<= ${moderator.maxInterviews}`);
  });

  const objective: string[] = [];
  for (let k = 0; k < yVars.length; k += 12) {
    objective.push(
      yVars
        .slice(k, k + 12)
        .map((variable) => variable.name)
        .join(' + '),
    );
  }
  const names = [...yVars.map((variable) => variable.name), ...zVars.map((variable) => variable.name)];
  const lp = [
    'Maximize',
    ` obj: ${objective.length ? objective.join('\n   + ') : '0 dummy'}`,
    'Subject To',
    ...(rows.length ? rows : [' c0: dummy <= 0']),
    'Bounds',
    ...names.map((name) => ` 0 <= ${name} <= 1`),
    ...(yVars.length ? [] : [' 0 <= dummy <= 0']),
    'General',
    ...names.map((name) => ` ${name}`),
    'End',
    '',
  ].join('\n');
  return { lp, variables: names.length, constraints: rows.length };
}

/** The same model without integrality: its optimum is an upper bound on the number of interviews. */
export function relaxMilp(model: MilpModel): MilpModel {
  const lp = model.lp.replace(/\nGeneral\n[\s\S]*?\nEnd\n/, '\nEnd\n');
  return { ...model, lp };
}

export interface HighsResult {
  status: string;
  objective: number;
  milliseconds: number;
  /** Upper bound proven by HiGHS (MIP dual bound), when it stopped before proving optimality. */
  bound?: number;
}

type HighsSolve = (
  lp: string,
  options?: Record<string, unknown>,
) => {
  Status: string;
  ObjectiveValue: number;
  Info?: Record<string, unknown>;
};

let highsInstance: Promise<{ solve: HighsSolve }> | undefined;

export function loadHighs(): Promise<{ solve: HighsSolve }> {
  highsInstance ??= import('highs').then(
    async (module) =>
      (await (module.default as unknown as () => Promise<{ solve: HighsSolve }>)()) as { solve: HighsSolve },
  );
  return highsInstance;
}

export async function solveWithHighs(model: MilpModel, timeLimitSeconds = 120): Promise<HighsResult> {
  const highs = await loadHighs();
  const started = performance.now();
  const solution = highs.solve(model.lp, {
    time_limit: timeLimitSeconds,
    mip_rel_gap: 0,
    output_flag: false,
  });
  const milliseconds = performance.now() - started;
  const info = solution.Info ?? {};
  const dual = typeof info.mip_dual_bound === 'number' ? info.mip_dual_bound : undefined;
  return {
    status: solution.Status,
    objective: solution.ObjectiveValue,
    milliseconds,
    ...(dual !== undefined ? { bound: dual } : {}),
  };
}
