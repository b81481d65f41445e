import type { FieldIssue } from '@visieleren/core';
import type { Response } from 'express';

/** The one JSON error shape every endpoint answers with. Messages are Dutch. */
export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    fields?: FieldIssue[];
    requestId?: string;
  };
}

export function sendProblem(
  res: Response,
  status: number,
  code: string,
  message: string,
  fields?: FieldIssue[],
): void {
  const requestId = res.locals.requestId as string | undefined;
  const body: ApiErrorBody = { error: { code, message, ...(fields ? { fields } : {}), requestId } };
  res.status(status).json(body);
}
