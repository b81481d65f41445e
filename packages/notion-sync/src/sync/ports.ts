import type {
  AuditPort,
  ChangeFeedPort,
  Clock,
  FormSubmissionPort,
  PlatformLinkPort,
  TrajectRepositoryPort,
} from '@visieleren/core';

/** What the Notion sync needs from the store, as core's ports: the CLI and `serve` hand these over. */
export interface NotionSyncPorts {
  trajects: Pick<TrajectRepositoryPort, 'get' | 'list' | 'setStatus' | 'setChecklistItem'>;
  links: PlatformLinkPort;
  audit: AuditPort;
  changes: ChangeFeedPort;
  /** For the dossier's deliverables and lessons (evaluatie, nazorg); without it that section is left out. */
  formSubmissions?: Pick<FormSubmissionPort, 'list'>;
  clock: Clock;
}

/** Who the audit log names for the sync's own entries. */
export const NOTION_SYNC_ACTOR = 'notion-sync';

/** The actor of a change made by a person in Notion: their Notion user id (no name: personal data). */
export function notionActor(userId: string | undefined): string {
  return `notion:${userId ?? 'onbekend'}`;
}
