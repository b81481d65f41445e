import type { DeliveryRef, Store } from '@visieleren/store';

/** How long a reminder the team retries stays timely: a day, so the dispatcher's next runs pick it up. */
export const REMINDER_RETRY_WINDOW_MS = 24 * 3600_000;

/**
 * The VNG team asks for another try of a failed or ambiguous delivery (console, API and CLI alike): back in
 * the queue for the dispatcher's next run, with who asked in the audit log. False when no failed or ambiguous
 * delivery has this key, channel and recipient.
 */
export async function retryReminder(store: Store, ref: DeliveryRef, actor: string): Promise<boolean> {
  const retried = await store.reminderOutbox.retry(ref, REMINDER_RETRY_WINDOW_MS);
  if (retried) {
    // Key and channel only: the recipient may be a person's address, which the audit log does not need.
    await store.audit.append({
      actor,
      action: 'herinnering.opnieuw',
      detail: { key: ref.key, channel: ref.channel },
    });
  }
  return retried;
}
