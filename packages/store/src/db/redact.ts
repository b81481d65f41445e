/** A connection string fit for messages and logs: the password replaced by `***`. */
export function redactDatabaseUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(ongeldige DATABASE_URL)';
  }
}
