import type { DuoInstance } from './instance.js';

/**
 * Size of a maximum matching in a general graph (Edmonds' blossom algorithm, O(V^3)). With one interview
 * per participant, no schedule can hold more interviews than this: every interview is a matching edge.
 */
export function maximumMatchingSize(adjacency: number[][]): number {
  const n = adjacency.length;
  const match = new Int32Array(n).fill(-1);
  const parent = new Int32Array(n);
  const base = new Int32Array(n);
  const used = new Uint8Array(n);
  const blossom = new Uint8Array(n);
  const queue = new Int32Array(n);
  const onPath = new Uint8Array(n);

  const lowestCommonAncestor = (first: number, second: number): number => {
    onPath.fill(0);
    let a = first;
    for (;;) {
      a = base[a]!;
      onPath[a] = 1;
      if (match[a] === -1) break;
      a = parent[match[a]!]!;
    }
    let b = second;
    for (;;) {
      b = base[b]!;
      if (onPath[b]) return b;
      b = parent[match[b]!]!;
    }
  };
  const markPath = (start: number, stem: number, child: number) => {
    let v = start;
    let children = child;
    while (base[v] !== stem) {
      blossom[base[v]!] = 1;
      blossom[base[match[v]!]!] = 1;
      parent[v] = children;
      children = match[v]!;
      v = parent[match[v]!]!;
    }
  };
  const findAugmentingPath = (root: number): number => {
    used.fill(0);
    parent.fill(-1);
    for (let i = 0; i < n; i++) base[i] = i;
    used[root] = 1;
    let head = 0;
    let tail = 0;
    queue[tail++] = root;
    while (head < tail) {
      const v = queue[head++]!;
      for (const to of adjacency[v]!) {
        if (base[v] === base[to] || match[v] === to) continue;
        if (to === root || (match[to] !== -1 && parent[match[to]!] !== -1)) {
          const stem = lowestCommonAncestor(v, to);
          blossom.fill(0);
          markPath(v, stem, to);
          markPath(to, stem, v);
          for (let i = 0; i < n; i++) {
            if (blossom[base[i]!]) {
              base[i] = stem;
              if (!used[i]) {
                used[i] = 1;
                queue[tail++] = i;
              }
            }
          }
        } else if (parent[to] === -1) {
          parent[to] = v;
          if (match[to] === -1) return to;
          const next = match[to]!;
          used[next] = 1;
          queue[tail++] = next;
        }
      }
    }
    return -1;
  };

  // A greedy start leaves few vertices for the (costlier) augmenting-path search.
  let size = 0;
  for (let v = 0; v < n; v++) {
    if (match[v] !== -1) continue;
    const free = adjacency[v]!.find((to) => match[to] === -1 && to !== v);
    if (free === undefined) continue;
    match[v] = free;
    match[free] = v;
    size++;
  }
  for (let v = 0; v < n; v++) {
    if (match[v] !== -1) continue;
    const end = findAugmentingPath(v);
    if (end === -1) continue;
    size++;
    let x = end;
    while (x !== -1) {
      const previous = parent[x]!;
      const nextFree = match[previous]!;
      match[x] = previous;
      match[previous] = x;
      x = nextFree;
    }
  }
  return size;
}

/** The most slots one person can attend: interval scheduling by earliest end, buffer included. */
export function maxCompatibleSlots(instance: DuoInstance, slots: number[]): number {
  const buffer = instance.round.rules.bufferMinutes;
  const sorted = [...slots].sort((x, y) => instance.endMinutes[x]! - instance.endMinutes[y]!);
  let taken = 0;
  let freeFrom = Number.NEGATIVE_INFINITY;
  for (const s of sorted) {
    if (instance.startMinutes[s]! >= freeFrom) {
      taken++;
      freeFrom = instance.endMinutes[s]! + buffer;
    }
  }
  return taken;
}

/**
 * An upper bound on the number of interviews: the least of the matching bound (one interview each), the
 * participants' own room (partners, non-clashing slots) and the moderators' room (maximum, non-clashing
 * slots). The solver stops searching when it reaches it; the summary reports whether it did.
 */
export function interviewUpperBound(instance: DuoInstance): number {
  const { options, perInterviews, round, slotModerators, slotCount } = instance;
  const seen = new Uint8Array(slotCount);
  const usable = new Uint8Array(slotCount);
  const participantRoom = options.map((list) => {
    seen.fill(0);
    const slots: number[] = [];
    for (const option of list) {
      for (const s of option.slots) {
        if (seen[s]) continue;
        seen[s] = 1;
        usable[s] = 1;
        slots.push(s);
      }
    }
    return Math.min(perInterviews, list.length, maxCompatibleSlots(instance, slots));
  });
  let bound = Math.floor(participantRoom.reduce((sum, room) => sum + room, 0) / 2);
  if (perInterviews === 1) {
    bound = Math.min(bound, maximumMatchingSize(options.map((list) => list.map((option) => option.partner))));
  }
  // A moderator can only work in slots where some allowed pair can meet.
  const moderatorSlots: number[][] = round.moderators.map(() => []);
  slotModerators.forEach((moderators, s) => {
    if (!usable[s]) return;
    for (const m of moderators) moderatorSlots[m]!.push(s);
  });
  const moderatorRoom = moderatorSlots.reduce(
    (sum, slots, m) => sum + Math.min(instance.moderatorCapacity[m]!, maxCompatibleSlots(instance, slots)),
    0,
  );
  return Math.min(bound, moderatorRoom);
}
