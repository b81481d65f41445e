import { defaultVitBank, type Lang } from '@visieleren/core';
import { type FieldError, type RawValues, renderAdaptiveCard, vitForm } from '@visieleren/forms';
import type { Json } from './elements.js';

/** The VIT questionnaire as the forms package renders it, with the traject in every action's data. */
export function vitFormCard(
  trajectId: string,
  lang: Lang,
  state: { values?: RawValues; errors?: FieldError[] } = {},
): Json {
  const { output } = renderAdaptiveCard(vitForm(defaultVitBank), {
    lang,
    ...(state.values ? { values: state.values } : {}),
    ...(state.errors ? { errors: state.errors } : {}),
  });
  for (const action of (output.actions as Json[] | undefined) ?? []) {
    action.data = { ...(action.data as Json), trajectId };
    const fallback = action.fallback as Json | undefined;
    if (fallback) fallback.data = { ...(fallback.data as Json), trajectId };
  }
  return output;
}

export function vitFormDefinition() {
  return vitForm(defaultVitBank);
}
