import type { AddressInfo } from 'node:net';
import { type Clock, NotFoundError } from '@visieleren/core';
import { buildForm, type FormDefinition, isFormName, signFormToken } from '@visieleren/forms';
import express from 'express';
import { createFormsRouter, type FormSubmissionRecord } from '../../src/http/forms-routes.js';
import type { RateLimit } from '../../src/http/rate-limit.js';

export const TEST_SECRET = 'test-secret-for-form-links-0123456789abcdef';

export interface FormsTestServer {
  baseUrl: string;
  saved: Array<FormSubmissionRecord & { id: string }>;
  /** Replaces what saveSubmission does; without an argument back to keeping answers in memory. */
  setSave(save?: (record: FormSubmissionRecord) => Promise<{ id: string }>): void;
  tokenFor(formId: string, options?: { expiresAt?: Date; subject?: string }): string;
  close(): Promise<void>;
}

/** An express app with only the forms router on 127.0.0.1 and a random port, storing answers in memory. */
export async function startFormsServer(
  options: { clock?: Clock; bodyLimitBytes?: number; postLimit?: RateLimit } = {},
): Promise<FormsTestServer> {
  const saved: Array<FormSubmissionRecord & { id: string }> = [];
  const memorySave = async (record: FormSubmissionRecord) => {
    const id = `inzending-${saved.length + 1}`;
    saved.push({ ...record, id });
    return { id };
  };
  let save = memorySave;
  const resolve = (formId: string): FormDefinition => {
    if (!isFormName(formId)) throw new NotFoundError(`Onbekend formulier ${formId}`);
    return buildForm(formId);
  };
  const app = express();
  app.use(
    createFormsRouter({
      secret: TEST_SECRET,
      forms: resolve,
      saveSubmission: (record) => save(record),
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.bodyLimitBytes ? { bodyLimitBytes: options.bodyLimitBytes } : {}),
      ...(options.postLimit ? { postLimit: options.postLimit } : {}),
    }),
  );
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolveListen) => server.once('listening', () => resolveListen()));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    saved,
    setSave(next) {
      save = next ?? memorySave;
    },
    tokenFor(formId, tokenOptions = {}) {
      return signFormToken(
        {
          formId,
          trajectId: 'traject-utrecht-2026',
          ...(tokenOptions.subject ? { subject: tokenOptions.subject } : {}),
          expiresAt: tokenOptions.expiresAt ?? new Date(Date.now() + 3_600_000),
        },
        TEST_SECRET,
      );
    },
    close: () =>
      new Promise<void>((resolveClose, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolveClose()));
      }),
  };
}
