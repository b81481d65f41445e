import type { LocalizedText } from '@visieleren/core';

/** Surfaces a form definition can be rendered to. */
export const RENDER_TARGETS = [
  'html',
  'adaptive-card',
  'slack-modal',
  'json-schema',
  'google-forms',
] as const;
export type RenderTarget = (typeof RENDER_TARGETS)[number];

/** Features of the definition format a surface may not be able to express. */
export type FormFeature =
  | 'conditional-visibility'
  | 'help-text'
  | 'required'
  | 'pattern'
  | 'max-length'
  | 'number-range'
  | 'integer'
  | 'email-format'
  | 'date-format'
  | 'scale-range'
  | 'scale-labels'
  | 'option-count'
  | 'option-values'
  | 'option-label-length'
  | 'label-length'
  | 'sections'
  | 'notice';

export interface Loss {
  feature: FormFeature;
  /** Questions affected; empty when the loss concerns the whole form. */
  questionIds: string[];
  /** How the form degrades on this surface, for people deciding which surface to use. */
  degradation: LocalizedText;
}

/** Machine-readable account of what a surface cannot express for one form. */
export interface LossinessReport {
  surface: RenderTarget;
  formId: string;
  losses: Loss[];
}

/** Collects losses per feature, so one line lists every affected question. */
export class LossCollector {
  private readonly byKey = new Map<string, Loss>();

  add(feature: FormFeature, questionId: string | undefined, degradation: LocalizedText): void {
    const key = `${feature}\u0000${degradation.nl}`;
    const existing = this.byKey.get(key);
    const loss = existing ?? { feature, questionIds: [], degradation };
    if (questionId !== undefined && !loss.questionIds.includes(questionId)) loss.questionIds.push(questionId);
    this.byKey.set(key, loss);
  }

  report(surface: RenderTarget, formId: string): LossinessReport {
    return { surface, formId, losses: [...this.byKey.values()] };
  }
}

/** A rendering and what was lost on the way. */
export interface Rendered<T> {
  output: T;
  report: LossinessReport;
}
