import { z } from 'zod';
import type { LocalizedText } from '../i18n/index.js';
import type { Participant } from '../model/traject.js';
import type { Perspective } from '../model/vocabulary.js';

/** The expertise of the expert team: "bestuurlijke, ambtelijke en uitvoerende kennis en ervaring" (seed 000). */
export const EXPERTISE_KINDS = ['bestuurlijk', 'ambtelijk', 'uitvoerend'] as const;
export type ExpertiseKind = (typeof EXPERTISE_KINDS)[number];
export const EXPERTISE_LABELS: Record<ExpertiseKind, LocalizedText> = {
  bestuurlijk: { nl: 'Bestuurlijk', en: 'Executive' },
  ambtelijk: { nl: 'Ambtelijk', en: 'Administrative' },
  uitvoerend: { nl: 'Uitvoerend', en: 'Front-line practice' },
};
export const EXPERTISE_SOURCE =
  'VNG, Visieleertraject (webpagina), "Waarom visieleren?"; Rapportage Visieleren, VNG, april 2024, "Woord van dank" en §1.1';

/** Who is on the VNG side of a traject. */
export const TEAM_ROLES = ['vng-lead', 'vng-expert', 'moderator'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

export const teamMemberSchema = z
  .object({
    id: z
      .string()
      .trim()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'verwacht kleine letters, cijfers en streepjes')
      .max(100),
    name: z.string().trim().min(1).max(200),
    email: z.string().trim().email().max(320).optional(),
    role: z.enum(TEAM_ROLES),
    expertise: z.array(z.enum(EXPERTISE_KINDS)).max(3).default([]),
  })
  .strict();
export type TeamMember = z.output<typeof teamMemberSchema>;
export type TeamMemberInput = z.input<typeof teamMemberSchema>;

/**
 * The perspectives the kick-off chooses (seed 000 stap 2: bestuur, management, beleid, uitvoering) and the one
 * seed 002 §1.1 asks for "bij voorkeur": inwoners.
 */
export const KICK_OFF_PERSPECTIVES: readonly Perspective[] = [
  'bestuur',
  'management',
  'beleid',
  'uitvoering',
];
export const PREFERRED_PERSPECTIVES: readonly Perspective[] = ['inwoner'];

export interface TeamGaps {
  missingExpertise: ExpertiseKind[];
  missingPerspectives: Perspective[];
  /** Inwoners are preferred, not required: a separate flag so surfaces can word it softly. */
  inwonersMissing: boolean;
  noLead: boolean;
  noModerator: boolean;
  messages: LocalizedText[];
}

/** What the traject lacks: expertise in the team, perspectives among the participants, a lead, a moderator. */
export function teamGaps(team: readonly TeamMember[], participants: readonly Participant[]): TeamGaps {
  const experts = team.filter((member) => member.role !== 'moderator');
  const covered = new Set(experts.flatMap((member) => member.expertise));
  const missingExpertise = EXPERTISE_KINDS.filter((kind) => !covered.has(kind));
  const heard = new Set(participants.flatMap((p) => (p.perspective ? [p.perspective] : [])));
  const missingPerspectives = KICK_OFF_PERSPECTIVES.filter((perspective) => !heard.has(perspective));
  const inwonersMissing = PREFERRED_PERSPECTIVES.some((perspective) => !heard.has(perspective));
  const noLead = !team.some((member) => member.role === 'vng-lead');
  const noModerator = !team.some((member) => member.role === 'moderator');
  const list = (items: readonly string[]) => items.join(', ');
  const messages: LocalizedText[] = [];
  if (noLead) messages.push({ nl: 'Er is geen trajectleider van de VNG.', en: 'There is no VNG lead.' });
  if (missingExpertise.length > 0) {
    messages.push({
      nl: `Het expertteam mist ${list(missingExpertise.map((kind) => `${EXPERTISE_LABELS[kind].nl.toLowerCase()}e`))} expertise.`,
      en: `The expert team lacks ${list(missingExpertise.map((kind) => EXPERTISE_LABELS[kind].en.toLowerCase()))} expertise.`,
    });
  }
  if (noModerator) {
    messages.push({
      nl: 'Er is nog geen moderator voor de duo-interviews.',
      en: 'There is no moderator yet.',
    });
  }
  if (missingPerspectives.length > 0) {
    messages.push({
      nl: `Nog geen deelnemers vanuit het perspectief ${list(missingPerspectives)}.`,
      en: `No participants yet from the perspective(s) ${list(missingPerspectives)}.`,
    });
  }
  if (inwonersMissing) {
    messages.push({
      nl: 'Bij voorkeur doen ook inwoners of ervaringsdeskundigen mee (Rapportage Visieleren, VNG, april 2024, §1.1).',
      en: 'Preferably residents or experts by experience take part too (Rapportage Visieleren, VNG, april 2024, §1.1).',
    });
  }
  return { missingExpertise, missingPerspectives, inwonersMissing, noLead, noModerator, messages };
}
