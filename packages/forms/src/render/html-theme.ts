/**
 * Design tokens for the NL Design System components (`@utrecht/component-library-css` ships component CSS
 * that reads `--utrecht-*` custom properties but no theme). A neutral theme of our own: every colour pair
 * used for text has a contrast ratio of at least 4.5:1 (WCAG 2.1 AA 1.4.3), borders and focus rings at
 * least 3:1 (1.4.11), and focus is always visible (2.4.7).
 */
export const HTML_THEME_CSS = `
.visieleren-theme {
  --vl-ink: #1a1a1a;
  --vl-muted: #4a4a4a;
  --vl-blue: #154273;
  --vl-error: #a4001d;
  --vl-warning-bg: #fff4d6;
  --vl-border: #5c5c5c;
  --vl-focus: #ffbf47;
  --utrecht-document-background-color: #ffffff;
  --utrecht-document-color: var(--vl-ink);
  --utrecht-document-font-family: "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  --utrecht-document-font-size: 1.0625rem;
  --utrecht-document-line-height: 1.5;
  --utrecht-heading-1-font-size: 2rem;
  --utrecht-heading-1-font-weight: 700;
  --utrecht-heading-1-line-height: 1.2;
  --utrecht-heading-1-margin-block-end: 0.75rem;
  --utrecht-heading-2-font-size: 1.5rem;
  --utrecht-heading-2-font-weight: 700;
  --utrecht-heading-2-line-height: 1.25;
  --utrecht-heading-2-margin-block-start: 2rem;
  --utrecht-heading-2-margin-block-end: 0.75rem;
  --utrecht-paragraph-margin-block-end: 0.75rem;
  --utrecht-space-around: 1;
  --utrecht-form-field-margin-block-end: 1.5rem;
  --utrecht-form-label-font-weight: 700;
  --utrecht-form-label-checkbox-font-weight: 400;
  --utrecht-form-label-radio-font-weight: 400;
  --utrecht-form-label-margin-block-end: 0.25rem;
  --utrecht-form-field-description-color: var(--vl-muted);
  --utrecht-form-field-description-margin-block-end: 0.25rem;
  --utrecht-form-field-error-message-color: var(--vl-error);
  --utrecht-form-field-error-message-font-weight: 700;
  --utrecht-form-field-error-message-margin-block-end: 0.25rem;
  --utrecht-form-field-invalid-border-inline-start-color: var(--vl-error);
  --utrecht-form-field-invalid-border-inline-start-width: 4px;
  --utrecht-form-field-invalid-padding-inline-start: 0.75rem;
  --utrecht-form-fieldset-legend-font-weight: 700;
  --utrecht-form-fieldset-legend-font-size: 1.0625rem;
  --utrecht-form-fieldset-legend-margin-block-end: 0.25rem;
  --utrecht-form-fieldset-invalid-border-inline-start-color: var(--vl-error);
  --utrecht-form-fieldset-invalid-border-inline-start-width: 4px;
  --utrecht-form-fieldset-invalid-padding-inline-start: 0.75rem;
  --utrecht-textbox-background-color: #ffffff;
  --utrecht-textbox-color: var(--vl-ink);
  --utrecht-textbox-border-color: var(--vl-border);
  --utrecht-textbox-border-width: 2px;
  --utrecht-textbox-padding-block-start: 0.5rem;
  --utrecht-textbox-padding-block-end: 0.5rem;
  --utrecht-textbox-padding-inline-start: 0.5rem;
  --utrecht-textbox-padding-inline-end: 0.5rem;
  --utrecht-textbox-max-inline-size: 32rem;
  --utrecht-textbox-invalid-border-color: var(--vl-error);
  --utrecht-textbox-invalid-border-width: 3px;
  --utrecht-textarea-background-color: #ffffff;
  --utrecht-textarea-color: var(--vl-ink);
  --utrecht-textarea-border-color: var(--vl-border);
  --utrecht-textarea-border-width: 2px;
  --utrecht-textarea-padding-block-start: 0.5rem;
  --utrecht-textarea-padding-block-end: 0.5rem;
  --utrecht-textarea-padding-inline-start: 0.5rem;
  --utrecht-textarea-padding-inline-end: 0.5rem;
  --utrecht-textarea-max-inline-size: 40rem;
  --utrecht-textarea-min-block-size: 7rem;
  --utrecht-textarea-invalid-border-color: var(--vl-error);
  --utrecht-textarea-invalid-border-width: 3px;
  --utrecht-radio-button-size: 1.25rem;
  --utrecht-radio-button-border-color: var(--vl-border);
  --utrecht-radio-button-border-width: 2px;
  --utrecht-radio-button-margin-inline-end: 0.5rem;
  --utrecht-checkbox-size: 1.25rem;
  --utrecht-checkbox-border-color: var(--vl-border);
  --utrecht-checkbox-border-width: 2px;
  --utrecht-checkbox-margin-inline-end: 0.5rem;
  --utrecht-button-primary-action-background-color: var(--vl-blue);
  --utrecht-button-primary-action-color: #ffffff;
  --utrecht-button-primary-action-border-color: var(--vl-blue);
  --utrecht-button-primary-action-focus-background-color: #0b2a4a;
  --utrecht-button-primary-action-focus-color: #ffffff;
  --utrecht-button-border-width: 2px;
  --utrecht-button-font-size: 1.0625rem;
  --utrecht-button-font-weight: 700;
  --utrecht-button-padding-block-start: 0.625rem;
  --utrecht-button-padding-block-end: 0.625rem;
  --utrecht-button-padding-inline-start: 1.25rem;
  --utrecht-button-padding-inline-end: 1.25rem;
  --utrecht-link-color: var(--vl-blue);
  --utrecht-link-visited-color: #4c2c92;
  --utrecht-alert-padding-block-start: 1rem;
  --utrecht-alert-padding-block-end: 1rem;
  --utrecht-alert-padding-inline-start: 1rem;
  --utrecht-alert-padding-inline-end: 1rem;
  --utrecht-alert-border-width: 3px;
  --utrecht-alert-margin-block-end: 1.5rem;
  --utrecht-alert-error-border-color: var(--vl-error);
  --utrecht-alert-error-background-color: #ffffff;
  --utrecht-alert-error-color: var(--vl-ink);
  --utrecht-alert-warning-border-color: #8a5a00;
  --utrecht-alert-warning-background-color: var(--vl-warning-bg);
  --utrecht-alert-warning-color: var(--vl-ink);
  --utrecht-alert-ok-border-color: #006b3c;
  --utrecht-alert-ok-background-color: #ffffff;
  --utrecht-alert-ok-color: var(--vl-ink);
}
.visieleren-theme *:focus-visible {
  outline: 3px solid var(--vl-ink);
  outline-offset: 2px;
  box-shadow: 0 0 0 6px var(--vl-focus);
}
/* Component classes set display, which would beat the UA style of [hidden]. */
.visieleren-theme [hidden] { display: none !important; }
.visieleren-page { max-inline-size: 46rem; margin-inline: auto; padding: 1.5rem 1rem 3rem; }
.visieleren-language ul { display: flex; justify-content: flex-end; gap: 0.25rem; list-style: none; margin: 0; padding: 0; }
.visieleren-language li + li::before { content: "|"; margin-inline-end: 0.25rem; }
.visieleren-language a { display: inline-block; min-inline-size: 44px; min-block-size: 24px; text-align: center; }
.visieleren-language a[aria-current] { font-weight: 700; text-decoration: none; }
.visieleren-language-suggestion { text-align: end; }
.visieleren-options { list-style: none; margin: 0; padding: 0; }
.visieleren-options li { display: flex; align-items: flex-start; margin-block: 0.375rem; }
.visieleren-options input { flex: none; margin-block-start: 0.2rem; }
.visieleren-condition { font-style: italic; }
.visieleren-required { font-weight: 400; }
.visieleren-textbox-full { inline-size: 100%; box-sizing: border-box; }
`;
