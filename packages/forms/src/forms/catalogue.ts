import {
  defaultVitBank,
  findBuiltInTemplate,
  type LocalizedText,
  NotFoundError,
  type Template,
} from '@visieleren/core';
import type { FormDefinition } from '../definition/schema.js';
import { aanmeldingForm } from './aanmelding.js';
import { type AvailabilitySlot, availabilityForm, SAMPLE_SLOTS } from './beschikbaarheid.js';
import { evaluatieForm } from './evaluatie.js';
import { nazorgForm } from './nazorg.js';
import { l } from './text.js';
import { type VitBankLike, vitForm } from './vit.js';

export const FORM_NAMES = ['aanmelding', 'vit', 'beschikbaarheid', 'evaluatie', 'nazorg'] as const;
export type FormName = (typeof FORM_NAMES)[number];

export const FORM_DESCRIPTIONS: Record<FormName, LocalizedText> = {
  aanmelding: l('Aanmelding van een gemeente voor een visieleertraject', 'Registration of a municipality'),
  vit: l(
    'Verkenningsinstrument Toegang (VIT), uit de vragenbank',
    'Access Exploration Instrument (VIT), from the question bank',
  ),
  beschikbaarheid: l(
    'Beschikbaarheid voor de duo-interviews, per tijdvak',
    'Availability for the duo interviews, per slot',
  ),
  evaluatie: l('Evaluatie aan het einde van het traject', 'Evaluation at the end of the programme'),
  nazorg: l('Voorbereiding van het nazorggesprek', 'Preparing the aftercare conversation'),
};

export function isFormName(value: unknown): value is FormName {
  return typeof value === 'string' && (FORM_NAMES as readonly string[]).includes(value);
}

export interface BuildFormOptions {
  /** For the registration form's hour norms; default the built-in visieleertraject template. */
  template?: Template;
  /** For the VIT form; default the provisional question bank shipped with core. */
  vitBank?: VitBankLike;
  /** For the availability form; default a small sample set. */
  slots?: AvailabilitySlot[];
}

/** Builds one of the standard forms. Throws NotFoundError (Dutch) for an unknown name. */
export function buildForm(name: string, options: BuildFormOptions = {}): FormDefinition {
  switch (name) {
    case 'aanmelding':
      return aanmeldingForm(options.template ?? findBuiltInTemplate('visieleertraject'));
    case 'vit':
      return vitForm(options.vitBank ?? defaultVitBank);
    case 'beschikbaarheid':
      return availabilityForm(options.slots ?? SAMPLE_SLOTS);
    case 'evaluatie':
      return evaluatieForm();
    case 'nazorg':
      return nazorgForm();
    default:
      throw new NotFoundError(`Onbekend formulier "${name}". Bekende formulieren: ${FORM_NAMES.join(', ')}.`);
  }
}
