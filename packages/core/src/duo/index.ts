export { interviewUpperBound, maximumMatchingSize } from './bounds.js';
export { buildInstance, type DuoInstance, slotsClash } from './instance.js';
export { duoMessage } from './messages.js';
export {
  combinationLabel,
  type DuoCombination,
  type DuoInterview,
  type DuoModeratorLoad,
  type DuoPlan,
  type DuoSummary,
  type DuoUnplaced,
  type PlanDuoOptions,
  planDuoRound,
} from './plan.js';
export type { UnplacedReasonCode } from './reasons.js';
export { checkInterviewMove, roundWithAvailability } from './round-changes.js';
export {
  claimRoundSend,
  decideRoundChange,
  ROUND_REMINDER_TIME,
  ROUND_SEND_LEASE_MS,
  type RoundChangeBook,
  type RoundChangeDecision,
  type RoundChangeRequest,
  type RoundSendClaim,
  type RoundSendRecord,
  releasedRoundSend,
  roundReminderAt,
} from './round-deliveries.js';
export {
  availabilityAfter,
  cancellation,
  checkedSchedule,
  pairsOfRounds,
  parseDuoRoundCreate,
  parseDuoSchedule,
  rescheduledInterview,
} from './round-lifecycle.js';
export {
  type DuoModerator,
  type DuoParticipant,
  type DuoRound,
  type DuoRoundInput,
  type DuoRules,
  type DuoSlot,
  duoRoundSchema,
  parseDuoRound,
} from './schema.js';
export { amsterdamToEpochMinutes, formatSlotLabel } from './slot-time.js';
export { DEFAULT_LIMITS, type SolverLimits } from './solver.js';
