import type {
  AanmeldingIntake,
  DeliverableInput,
  DeliverableVersion,
  ExtraSession,
  IsoDate,
  Lesson,
  LessonApproval,
  LessonInput,
  Measurement,
  Programme,
  ProgrammeInput,
  TeamMember,
  TeamMemberInput,
  Traject,
} from '@visieleren/core';
import type { Actor, StoredTraject, UpdateOptions } from './types.js';

/**
 * The traject lifecycle's persistence (migration 0005): what an aanmelding brought and what the VNG team
 * decided, the kernvraag's history, form answers on the dossier, deliverables, the expert team, extra
 * sessions, lessons and programmes. Open it with `lifecycleOf(store)`.
 */

export interface StoredIntake extends AanmeldingIntake {
  trajectId: string;
  submissionId?: string;
  submittedAt: string;
  decision?: {
    kind: 'geaccepteerd' | 'afgewezen';
    at: string;
    by: string;
    reason?: string;
  };
}

export interface KernvraagEntry {
  kind: 'vraagstuk' | 'kernvraag';
  text: string;
  at: string;
  by: string;
  note?: string;
}

export interface FormAnswersRecord {
  trajectId: string;
  formId: string;
  respondent: string;
  answers: Record<string, unknown>;
  submissionId?: string;
  submittedAt: string;
}

export interface LifecycleDossier {
  intake?: StoredIntake;
  kernvraag: KernvraagEntry[];
  formAnswers: FormAnswersRecord[];
  deliverables: DeliverableVersion[];
  team: TeamMember[];
  extraSessions: ExtraSession[];
  lessons: Lesson[];
  programmes: string[];
}

export interface StoredProgramme extends Programme {
  updatedAt: string;
}

export interface LifecycleRepository {
  /** A new traject from an aanmelding, with its intake, in one transaction. */
  createFromAanmelding(
    traject: Traject,
    intake: AanmeldingIntake,
    meta: { submissionId?: string; submittedAt: string },
    actor: Actor,
  ): Promise<StoredTraject>;
  getIntake(trajectId: string): Promise<StoredIntake | undefined>;
  /** Replaces the plan by the accepted one (status lopend); ticked items that still exist stay ticked. */
  accept(accepted: Traject, options: UpdateOptions): Promise<StoredTraject>;
  decline(trajectId: string, reason: string, options: UpdateOptions): Promise<StoredTraject>;
  changeKernvraag(
    trajectId: string,
    kernvraag: string,
    options: UpdateOptions & { note?: string; at?: string },
  ): Promise<StoredTraject>;
  kernvraagHistory(trajectId: string): Promise<KernvraagEntry[]>;
  /** The person's current answers to a dossier form; a resubmission replaces them (audited). */
  recordFormAnswers(
    record: Omit<FormAnswersRecord, 'submittedAt'> & { submittedAt?: string },
    actor: Actor,
  ): Promise<{ replaced: boolean }>;
  listFormAnswers(trajectId: string, formId?: string): Promise<FormAnswersRecord[]>;
  addDeliverable(trajectId: string, input: DeliverableInput, actor: Actor): Promise<DeliverableVersion>;
  listDeliverables(trajectId: string): Promise<DeliverableVersion[]>;
  upsertTeamMember(trajectId: string, member: TeamMemberInput, actor: Actor): Promise<TeamMember[]>;
  removeTeamMember(trajectId: string, memberId: string, actor: Actor): Promise<boolean>;
  listTeam(trajectId: string): Promise<TeamMember[]>;
  upsertExtraSession(trajectId: string, session: ExtraSession, actor: Actor): Promise<ExtraSession[]>;
  listExtraSessions(trajectId: string): Promise<ExtraSession[]>;
  addLesson(input: LessonInput, actor: Actor): Promise<Lesson>;
  /** Stored lessons only; core's SEED_LESSONS are added by the caller. */
  listLessons(): Promise<Lesson[]>;
  /** The VNG team approves (public) or rejects a lesson; NotFoundError for an unknown one. */
  decideLesson(lessonId: string, approval: LessonApproval, actor: Actor): Promise<Lesson>;
  upsertProgramme(programme: ProgrammeInput, actor: Actor): Promise<StoredProgramme>;
  listProgrammes(): Promise<StoredProgramme[]>;
  getProgramme(key: string): Promise<StoredProgramme>;
  addMeasurement(
    programmeKey: string,
    measurement: { indicatorId: string; measuredOn: IsoDate; value: number; note?: string },
    actor: Actor,
  ): Promise<Measurement[]>;
  measurements(programmeKey: string): Promise<Measurement[]>;
  dossier(trajectId: string): Promise<LifecycleDossier>;
  /** AVG: anonymises the person in intakes, team and form answers; counts only. */
  forgetPerson(email: string, actor: Actor): Promise<{ intakes: number; team: number; formAnswers: number }>;
}
