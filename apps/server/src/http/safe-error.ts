/** The code of an error or of the first error in its cause chain that has one (a SQLSTATE, ECONNREFUSED). */
export function errorCode(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = current.cause;
  }
  return 'onbekend';
}

/** drizzle's wrapper around a failed query: its message is the SQL and every parameter (what a person typed). */
const isFailedQuery = (error: Error) => error.message.startsWith('Failed query:');

/**
 * What of an error may be logged: its class, code, message and the stack's frames, but for a failed query
 * only the database's own message (which names no value), never the query's parameters, and never a
 * PostgreSQL error's `detail` (`Key (email)=(…) already exists`). Every error path logs through this.
 */
export function safeError(error: unknown): { type: string; code: string; message: string; stack?: string } {
  if (!(error instanceof Error)) return { type: typeof error, code: 'onbekend', message: 'geen Error' };
  const cause = error.cause instanceof Error ? error.cause : undefined;
  const message = isFailedQuery(error) ? (cause?.message ?? 'query mislukt') : error.message;
  // Only the frames: the stack's first lines repeat the message (for a failed query: its parameters).
  const stack = error.stack
    ?.split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .slice(0, 7)
    .join('\n');
  return {
    type: error.constructor.name,
    code: errorCode(error),
    message: message.slice(0, 300),
    ...(stack ? { stack } : {}),
  };
}
