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

/**
 * `cardId` travels in the submit action's data: a second click on the same card (Teams gives no idempotency
 * key) is recognised as the same aanmelding, not a new one.
 */
export function aanmeldingFormCard(
  lang: Lang,
  cardId: string,
  state: { values?: RawValues; errors?: FieldError[] } = {},
): Json {
  const { output } = renderAdaptiveCard(aanmeldingFormDefinition(), {
    lang,
    ...(state.values ? { values: state.values } : {}),
    ...(state.errors ? { errors: state.errors } : {}),
  });
  for (const action of (output.actions as Json[] | undefined) ?? []) {
    action.data = { ...(action.data as Json), cardId };
    const fallback = action.fallback as Json | undefined;
    if (fallback) fallback.data = { ...(fallback.data as Json), cardId };
  }
  return output;
}

export function aanmeldingReceivedCard(lang: Lang, name: string): Json {
  return card([heading(t('receivedTitle', lang)), text(t('received', lang, { name }))]);
}
