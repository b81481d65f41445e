import { defineMessages, getBuiltInTemplate, type Lang } from '@visieleren/core';
import { aanmeldingForm, type FieldError, type RawValues, renderAdaptiveCard } from '@visieleren/forms';
import { card, heading, type Json, text } from './elements.js';

/**
 * The aanmelding as a card: the forms package's `aanmelding` form (the same questions as the public page), so
 * a gemeente can apply for a visieleertraject from Teams; the answers become a traject in status `aangemeld`.
 */

const t = defineMessages({
  receivedTitle: { nl: 'Aanmelding ontvangen', en: 'Registration received' },
  received: {
    nl: 'Dank u. De aanmelding van **{name}** staat bij het visieleerteam van de VNG. Het team neemt contact op met de contactpersoon; daarna krijgt u een code om dit kanaal aan het traject te koppelen.',
    en: 'Thank you. The registration of **{name}** has reached the VNG team. The team will contact the contact person; you will then get a code to link this channel to the traject.',
  },
});

export function aanmeldingFormDefinition() {
  return aanmeldingForm(getBuiltInTemplate('visieleertraject'));
}

export function aanmeldingFormCard(
  lang: Lang,
  state: { values?: RawValues; errors?: FieldError[] } = {},
): Json {
  return renderAdaptiveCard(aanmeldingFormDefinition(), {
    lang,
    ...(state.values ? { values: state.values } : {}),
    ...(state.errors ? { errors: state.errors } : {}),
  }).output;
}

export function aanmeldingReceivedCard(lang: Lang, name: string): Json {
  return card([heading(t('receivedTitle', lang)), text(t('received', lang, { name }))]);
}
