import type { Lang } from '@visieleren/core';
import type { FormDefinition } from '../definition/schema.js';
import { renderAdaptiveCard } from './adaptive-card.js';
import { renderGoogleForms } from './google-forms.js';
import { renderHtml } from './html.js';
import { renderJsonSchema } from './json-schema.js';
import type { Rendered, RenderTarget } from './lossiness.js';
import { renderSlackModal } from './slack-modal.js';

/** Renders a form to any target with default options; HTML as a string, the others as JSON values. */
export function renderForm(form: FormDefinition, target: RenderTarget, lang: Lang = 'nl'): Rendered<unknown> {
  switch (target) {
    case 'html':
      return renderHtml(form, { lang });
    case 'adaptive-card':
      return renderAdaptiveCard(form, { lang });
    case 'slack-modal':
      return renderSlackModal(form, { lang });
    case 'json-schema':
      return renderJsonSchema(form, { lang });
    case 'google-forms':
      return renderGoogleForms(form, { lang });
  }
}
