import { buildForm, FORM_NAMES, type FormDefinition } from '../src/index.js';

/** Every standard form, built with its defaults (built-in template, provisional VIT bank, sample slots). */
export function standardForms(): FormDefinition[] {
  return FORM_NAMES.map((name) => buildForm(name));
}
