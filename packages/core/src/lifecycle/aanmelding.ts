import { z } from 'zod';
import { addDays } from '../calendar/dates.js';
import { defaultWorkingCalendar, type WorkingCalendar } from '../calendar/working-calendar.js';
import { ConflictError } from '../errors.js';
import type { Gemeente, Participant, Traject } from '../model/traject.js';
import type { IsoDate, Region, Role } from '../model/vocabulary.js';
import { themeSchema } from '../model/vocabulary-schemas.js';
import { createTrajectFromTemplate } from '../planner/create-traject.js';
import type { Template } from '../templates/schema.js';
import { parseWith } from '../validation.js';
import { planStatusChange, type TrajectStatusActor } from './status-machine.js';

/** The person who registered the gemeente: personal data, kept with the aanmelding only. */
export interface AanmeldingContact {
  name: string;
  email: string;
  functie?: string;
  telefoon?: string;
}

/** What a gemeente submitted, kept as given whatever the VNG team decides ("nothing is lost"). */
export interface AanmeldingIntake {
  vraagstuk: string;
  contact: AanmeldingContact;
  answers: Record<string, unknown>;
}

/** The answers of the aanmelding form (packages/forms `aanmeldingForm`) that make the traject. */
const aanmeldingAnswersSchema = z.object({
  gemeente: z.string().trim().min(1).max(200),
  'cbs-code': z
    .string()
    .regex(/^GM\d{4}$/, 'verwacht GM en vier cijfers')
    .optional(),
  inwoners: z.number().int().positive().optional(),
  samen: z.boolean().optional(),
  'andere-gemeenten': z.string().max(1000).optional(),
  'contact-naam': z.string().trim().min(1).max(200),
  'contact-functie': z.string().trim().max(200).optional(),
  'contact-email': z.string().trim().email().max(320),
  'contact-telefoon': z.string().trim().max(20).optional(),
  kernvraag: z.string().trim().min(1).max(2000),
  themas: z.array(themeSchema).max(3).default([]),
});

/** "Stede Broec GM0532" or "Stede Broec": one gemeente per line of the form's free text. */
export function parseOtherGemeenten(text: string | undefined): Gemeente[] {
  return (text ?? '')
    .split(/\r?\n|;/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((line) => {
      const code = /\b(GM\d{4})\b/.exec(line)?.[1];
      const name = line
        .replace(/\b(GM\d{4})\b/, '')
        .replace(/[\s,()-]+$/, '')
        .trim();
      return { name: name || line, ...(code ? { cbsCode: code } : {}) };
    });
}

/**
 * The start a plan gets while the VNG team has not decided: the first working day two weeks after the
 * aanmelding (our assumption, replaced by the start date the team sets when it accepts).
 */
export function provisionalStart(submittedOn: IsoDate, calendar: WorkingCalendar = defaultWorkingCalendar) {
  return calendar.workingDayOnOrAfter(addDays(submittedOn, 14));
}

/**
 * An aanmelding → a traject in status `aangemeld` with the gemeente(n), the vraagstuk as given (also its
 * first kernvraag) and the contact person as ambtelijk contactpersoon, plus the intake record that keeps
 * everything submitted. ValidationError (Dutch, naming the question) for answers that cannot make one.
 */
export function trajectFromAanmelding(
  answers: Record<string, unknown>,
  options: { id: string; submittedOn: IsoDate; template: Template; calendar?: WorkingCalendar },
): { traject: Traject; intake: AanmeldingIntake } {
  const parsed = parseWith(aanmeldingAnswersSchema, answers, 'De aanmelding');
  const first: Gemeente = {
    name: parsed.gemeente,
    ...(parsed['cbs-code'] ? { cbsCode: parsed['cbs-code'] } : {}),
    ...(parsed.inwoners ? { inwoners: parsed.inwoners } : {}),
  };
  const others = parsed.samen ? parseOtherGemeenten(parsed['andere-gemeenten']) : [];
  const contact: AanmeldingContact = {
    name: parsed['contact-naam'],
    email: parsed['contact-email'],
    ...(parsed['contact-functie'] ? { functie: parsed['contact-functie'] } : {}),
    ...(parsed['contact-telefoon'] ? { telefoon: parsed['contact-telefoon'] } : {}),
  };
  const participant: Participant = {
    id: `${options.id}-contactpersoon`,
    name: contact.name,
    email: contact.email,
    role: 'ambtelijk-contactpersoon',
    organisation: first.name,
  };
  const traject = createTrajectFromTemplate(
    options.template,
    {
      id: options.id,
      gemeenten: [first, ...others].slice(0, 20),
      kernvraag: parsed.kernvraag,
      themes: parsed.themas,
      start: provisionalStart(options.submittedOn, options.calendar),
      status: 'aangemeld',
      participants: [participant],
    },
    options.calendar ? { calendar: options.calendar } : {},
  );
  return { traject, intake: { vraagstuk: parsed.kernvraag, contact, answers: { ...answers } } };
}

function assertAangemeld(traject: Traject, what: 'accepteren' | 'afwijzen'): void {
  if (traject.status !== 'aangemeld') {
    throw new ConflictError(
      `Alleen een aangemeld traject kunt u ${what}; traject ${traject.id} heeft status "${traject.status}".`,
    );
  }
}

/**
 * The VNG team accepts: a plan from the chosen template and start date, status `lopend`. Everything the
 * gemeente gave (gemeenten, vraagstuk, themes, participants, VIT) stays.
 */
export function acceptAanmelding(
  traject: Traject,
  decision: {
    template: Template;
    start: IsoDate;
    region?: Region;
    answers?: Record<string, unknown>;
    /** Who accepts: the status machine lets only the VNG team take this step. */
    actor?: TrajectStatusActor;
  },
  calendar?: WorkingCalendar,
): Traject {
  assertAangemeld(traject, 'accepteren');
  planStatusChange({ from: traject.status, to: 'lopend', actor: decision.actor ?? 'vng' });
  const answers = decision.answers ?? {};
  const organisation = traject.gemeenten[0]?.name;
  const participants = mergeParticipants(
    traject.participants,
    participantsFromAanmelding(answers, traject.id, organisation),
  );
  const planned = createTrajectFromTemplate(
    decision.template,
    {
      id: traject.id,
      gemeenten: traject.gemeenten,
      kernvraag: traject.kernvraag,
      themes: traject.themes,
      start: decision.start,
      status: 'lopend',
      participants,
      ...((decision.region ?? traject.region) ? { region: decision.region ?? traject.region } : {}),
    },
    calendar ? { calendar } : {},
  );
  const answered = new Set(checklistAnsweredByAanmelding(answers, decision.template));
  const tick = { done: true, doneBy: AANMELDING_ACTOR };
  const present = new Set(planned.checklist.map((item) => item.itemId));
  const checklist = [
    ...planned.checklist.map((item) => (answered.has(item.itemId) ? { ...item, ...tick } : item)),
    ...[...answered].filter((itemId) => !present.has(itemId)).map((itemId) => ({ itemId, ...tick })),
  ];
  return { ...planned, checklist, hours: traject.hours, ...(traject.vit ? { vit: traject.vit } : {}) };
}

/** Who ticked the checklist items the aanmelding already answered. */
export const AANMELDING_ACTOR = 'formulier:aanmelding';

/** The role questions of the aanmelding form (`<role>-wie`) and the role each names. */
const NAMED_ROLES = [
  'ambtelijk-contactpersoon',
  'ambtelijke-ondersteuning',
  'bestuurder',
  'professional',
] as const satisfies readonly Role[];

/**
 * "Jan Jansen, wethouder; Piet de Vries (beleid)" → one person per `;` or line, the name before a comma or
 * parenthesis, the rest as the position. The form asks "Naam en functie; meerdere namen mag".
 */
export function parseNamedPeople(text: unknown): Array<{ name: string; functie?: string }> {
  if (typeof text !== 'string') return [];
  return text
    .split(/\r?\n|;/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part) => {
      const match = /^([^,(]+?)\s*(?:[,(]\s*(.*?)\)?\s*)?$/.exec(part);
      const name = (match?.[1] ?? part).trim().slice(0, 200);
      const functie = match?.[2]?.trim();
      return functie ? { name, functie } : { name };
    });
}

const foldName = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();

/**
 * The people the aanmelding names for the roles (contact person, ambtelijke ondersteuning, the wethouder or
 * other bestuurders, professionals) as participants, with ids that stay the same for the same answers.
 */
export function participantsFromAanmelding(
  answers: Record<string, unknown>,
  trajectId: string,
  organisation?: string,
): Participant[] {
  return NAMED_ROLES.flatMap((role) =>
    parseNamedPeople(answers[`${role}-wie`]).map((person, index) => ({
      id: `${trajectId}-${role}-${index + 1}`.slice(0, 100),
      name: person.name,
      role,
      ...(organisation ? { organisation } : {}),
    })),
  );
}

/** Adds the named people who are not there yet (same role and name): the contact person is already there. */
export function mergeParticipants(
  current: readonly Participant[],
  named: readonly Participant[],
): Participant[] {
  const key = (participant: Participant) => `${participant.role}|${foldName(participant.name)}`;
  const seen = new Set(current.map(key));
  const added = named.filter((participant) => {
    if (seen.has(key(participant))) return false;
    seen.add(key(participant));
    return true;
  });
  return [...current, ...added];
}

const answered = (value: unknown) => typeof value === 'string' && value.trim().length > 0;

/**
 * The vraagverheldering's items the aanmelding itself answers (DOMAIN.md: the gemeente sends the form,
 * describes its vraagstuk, names a contact person and support, and says whether the college supports it).
 * Only items the template has are returned.
 */
export function checklistAnsweredByAanmelding(
  answers: Record<string, unknown>,
  template: Template,
): string[] {
  const done: string[] = ['aanmelding-versturen'];
  if (answered(answers.kernvraag)) done.push('vraagstuk-beschrijven');
  if (answers.draagvlak === true) done.push('bestuurlijk-draagvlak');
  if (answered(answers['ambtelijk-contactpersoon-wie']) || answered(answers['contact-naam'])) {
    done.push('contactpersoon-aanwijzen');
  }
  if (answered(answers['ambtelijke-ondersteuning-wie'])) done.push('ondersteuning-regelen');
  if (answered(answers['bestuurder-wie']) && answered(answers['professional-wie'])) {
    done.push('inzet-bestuurders-professionals');
  }
  const inTemplate = new Set(template.phases.flatMap((phase) => phase.checklist.map((item) => item.id)));
  return done.filter((id) => inTemplate.has(id));
}

/**
 * The VNG team declines, with a reason; the traject is closed as `afgewezen` (not `geannuleerd`, which is a
 * withdrawn aanmelding) and keeps what was submitted.
 */
export function declineAanmelding(
  traject: Traject,
  reason: string,
  actor: TrajectStatusActor = 'vng',
): { status: 'afgewezen'; reason: string } {
  assertAangemeld(traject, 'afwijzen');
  const change = planStatusChange({ from: traject.status, to: 'afgewezen', actor, reason });
  return { status: 'afgewezen', reason: change.reason ?? reason.trim() };
}
