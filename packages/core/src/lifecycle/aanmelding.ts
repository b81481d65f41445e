import { z } from 'zod';
import { addDays } from '../calendar/dates.js';
import { defaultWorkingCalendar, type WorkingCalendar } from '../calendar/working-calendar.js';
import { ConflictError } from '../errors.js';
import type { Gemeente, Participant, Traject } from '../model/traject.js';
import { type IsoDate, type Region, themeSchema } from '../model/vocabulary.js';
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
  decision: { template: Template; start: IsoDate; region?: Region },
  calendar?: WorkingCalendar,
): Traject {
  assertAangemeld(traject, 'accepteren');
  const planned = createTrajectFromTemplate(
    decision.template,
    {
      id: traject.id,
      gemeenten: traject.gemeenten,
      kernvraag: traject.kernvraag,
      themes: traject.themes,
      start: decision.start,
      status: 'lopend',
      participants: traject.participants,
      ...((decision.region ?? traject.region) ? { region: decision.region ?? traject.region } : {}),
    },
    calendar ? { calendar } : {},
  );
  return { ...planned, hours: traject.hours, ...(traject.vit ? { vit: traject.vit } : {}) };
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
