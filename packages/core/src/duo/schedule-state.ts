import { PERSPECTIVES } from '../model/vocabulary.js';
import { type DuoInstance, perspectivePairKey } from './instance.js';

/** One planned interview in index form: participants a and b, slot s, moderator m. */
export interface PlannedInterview {
  a: number;
  b: number;
  s: number;
  m: number;
}

/**
 * A schedule under construction with O(1) feasibility checks: for every person and slot it counts the
 * booked slots that clash with that slot, so "is this person free at s" is one array read.
 */
export class ScheduleState {
  readonly participantLoad: Int32Array;
  readonly participantBusy: Int32Array;
  readonly moderatorLoad: Int32Array;
  readonly moderatorBusy: Int32Array;
  readonly pairUsed: Uint8Array;
  readonly comboCount: Int32Array;
  /** Interview ids per participant and per moderator; slots of removed interviews hold null. */
  readonly interviews: Array<PlannedInterview | null> = [];
  readonly byParticipant: number[][];
  readonly byModerator: number[][];
  count = 0;

  constructor(readonly instance: DuoInstance) {
    const { participantCount: P, slotCount: S, moderatorCount: M } = instance;
    this.participantLoad = new Int32Array(P);
    this.participantBusy = new Int32Array(P * S);
    this.moderatorLoad = new Int32Array(M);
    this.moderatorBusy = new Int32Array(M * S);
    this.pairUsed = new Uint8Array(P * P);
    this.comboCount = new Int32Array(PERSPECTIVES.length * PERSPECTIVES.length);
    this.byParticipant = Array.from({ length: P }, () => []);
    this.byModerator = Array.from({ length: M }, () => []);
  }

  participantFree(i: number, s: number): boolean {
    return (
      this.participantLoad[i]! < this.instance.perInterviews &&
      this.participantBusy[i * this.instance.slotCount + s] === 0
    );
  }

  moderatorFree(m: number, s: number): boolean {
    return (
      this.moderatorLoad[m]! < this.instance.moderatorCapacity[m]! &&
      this.moderatorBusy[m * this.instance.slotCount + s] === 0
    );
  }

  pairFree(a: number, b: number): boolean {
    return this.pairUsed[a * this.instance.participantCount + b] === 0;
  }

  canAdd(a: number, b: number, s: number, m: number): boolean {
    return (
      this.participantFree(a, s) &&
      this.participantFree(b, s) &&
      this.moderatorFree(m, s) &&
      this.pairFree(a, b)
    );
  }

  /** Adds an interview; `reuseId` puts a removed one back under its old id, so undo is exact. */
  add(interview: PlannedInterview, reuseId?: number): number {
    const { a, b, s, m } = interview;
    const { slotCount: S, participantCount: P, conflicts, perspective } = this.instance;
    let id: number;
    if (reuseId !== undefined) {
      if (this.interviews[reuseId] !== null) throw new Error(`interview ${reuseId} is al ingepland`);
      id = reuseId;
      this.interviews[id] = interview;
    } else {
      id = this.interviews.length;
      this.interviews.push(interview);
    }
    for (const t of conflicts[s]!) {
      this.participantBusy[a * S + t]!++;
      this.participantBusy[b * S + t]!++;
      this.moderatorBusy[m * S + t]!++;
    }
    this.participantLoad[a]!++;
    this.participantLoad[b]!++;
    this.moderatorLoad[m]!++;
    this.pairUsed[a * P + b] = 1;
    this.pairUsed[b * P + a] = 1;
    this.comboCount[perspectivePairKey(perspective[a]!, perspective[b]!)]!++;
    this.byParticipant[a]!.push(id);
    this.byParticipant[b]!.push(id);
    this.byModerator[m]!.push(id);
    this.count++;
    return id;
  }

  remove(id: number): PlannedInterview {
    const interview = this.interviews[id];
    if (!interview) throw new Error(`interview ${id} is niet ingepland`);
    const { a, b, s, m } = interview;
    const { slotCount: S, participantCount: P, conflicts, perspective } = this.instance;
    for (const t of conflicts[s]!) {
      this.participantBusy[a * S + t]!--;
      this.participantBusy[b * S + t]!--;
      this.moderatorBusy[m * S + t]!--;
    }
    this.participantLoad[a]!--;
    this.participantLoad[b]!--;
    this.moderatorLoad[m]!--;
    this.pairUsed[a * P + b] = 0;
    this.pairUsed[b * P + a] = 0;
    this.comboCount[perspectivePairKey(perspective[a]!, perspective[b]!)]!--;
    dropValue(this.byParticipant[a]!, id);
    dropValue(this.byParticipant[b]!, id);
    dropValue(this.byModerator[m]!, id);
    this.interviews[id] = null;
    this.count--;
    return interview;
  }

  /** Interviews of participant i whose slot clashes with s. */
  participantClashes(i: number, s: number): number[] {
    const clashing = this.instance.conflicts[s]!;
    return this.byParticipant[i]!.filter((id) => clashing.includes(this.interviews[id]!.s));
  }

  moderatorClashes(m: number, s: number): number[] {
    const clashing = this.instance.conflicts[s]!;
    return this.byModerator[m]!.filter((id) => clashing.includes(this.interviews[id]!.s));
  }

  /** The live interviews, ordered by slot, then moderator, then participants: the output order. */
  live(): PlannedInterview[] {
    return this.interviews
      .filter((interview): interview is PlannedInterview => interview !== null)
      .sort((x, y) => x.s - y.s || x.m - y.m || x.a - y.a || x.b - y.b);
  }
}

function dropValue(list: number[], value: number): void {
  const index = list.indexOf(value);
  if (index >= 0) list.splice(index, 1);
}
