import { type Clock, type Logger, NotFoundError } from '@visieleren/core';
import { availabilityForm, buildForm } from '@visieleren/forms';
import type { Store } from '@visieleren/store';
import type { Router } from 'express';
import { templateOf } from '../domain.js';
import { applyFormSubmission } from '../lifecycle/form-outcomes.js';
import { createFormsRouter } from './forms-routes.js';

/**
 * The HTML forms behind signed links, wired to the store: the form is built for the traject in the link
 * (its template's hour norms), and answers are stored before the person sees the confirmation.
 */
export function createStoreFormsRouter(options: {
  store: Store;
  secret: string;
  clock: Clock;
  logger: Logger;
}): Router {
  const { store } = options;
  return createFormsRouter({
    secret: options.secret,
    clock: options.clock,
    logger: options.logger,
    async forms(formId, trajectId, claims) {
      const traject = await store.trajects.get(trajectId, { kind: 'all' });
      if (formId === 'beschikbaarheid') {
        // The round's slots travel in the signed link (see `forms link --slots`).
        if (!claims.slots) {
          throw new NotFoundError('Deze link naar het beschikbaarheidsformulier bevat geen tijdvakken.');
        }
        return availabilityForm(claims.slots);
      }
      const template = templateOf(traject);
      return buildForm(formId, template ? { template } : {});
    },
    async saveSubmission(record) {
      const id = await store.formSubmissions.save(
        {
          formId: record.formId,
          trajectId: record.trajectId,
          answers: { ...record.answers },
          surface: 'html',
          submittedAt: record.submittedAt.toISOString(),
          ...(record.subject ? { subject: record.subject } : {}),
        },
        record.subject ? `formulier:${record.subject}` : 'formulier',
      );
      // The answers reach the traject: VIT → its profile, evaluatie/nazorg → the dossier (issue 12).
      await applyFormSubmission(store, {
        formId: record.formId,
        trajectId: record.trajectId,
        ...(record.subject ? { subject: record.subject } : {}),
        answers: { ...record.answers },
        submissionId: id,
        submittedAt: record.submittedAt.toISOString(),
      });
      return { id };
    },
  });
}
