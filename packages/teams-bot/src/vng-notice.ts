import type {
  JobDefinition,
  JobQueuePort,
  Logger,
  MailerPort,
  TrajectRepositoryPort,
} from '@visieleren/core';

/**
 * Telling the VNG team that a gemeente's Teams conversation is out of reach (the bot was removed or blocked):
 * from then on its reminders stop, so someone has to ask the gemeente to add the app again. An e-mail to
 * `TEAMS_MELDINGEN_EMAIL`, sent by a job so a slow mail server never holds up a reminder or a Teams turn.
 */

export const INACTIVE_NOTICE_JOB = 'teams.koppeling-inactief';

export interface InactiveNotice {
  trajectId: string;
  linkId: string;
  /** The link's revision after it went inactive: one notice per time it goes out of reach. */
  revision: number;
  reason: string;
}

export type TellVngTeam = (notice: InactiveNotice) => Promise<void>;

/** Queues the notice once per (link, revision): a retried reminder or a second 403 adds no second e-mail. */
export function queueInactiveNotice(jobs: JobQueuePort): TellVngTeam {
  return async (notice) => {
    await jobs.enqueue(
      INACTIVE_NOTICE_JOB,
      { ...notice },
      {
        dedupeKey: `${INACTIVE_NOTICE_JOB}:${notice.linkId}:${notice.revision}`,
      },
    );
  };
}

export function inactiveNoticeJob(deps: {
  trajects: TrajectRepositoryPort;
  mailer?: MailerPort;
  to: string;
  publicUrl: string;
  logger: Logger;
}): JobDefinition {
  return {
    name: INACTIVE_NOTICE_JOB,
    retryLimit: 5,
    async handler(data) {
      const notice = data as unknown as InactiveNotice;
      if (!deps.mailer) {
        deps.logger.warn('Teams: melding aan het visieleerteam niet gemaild (SMTP_URL ontbreekt)', {
          trajectId: notice.trajectId,
        });
        return;
      }
      const traject = await deps.trajects.get(notice.trajectId, {
        kind: 'traject',
        trajectId: notice.trajectId,
      });
      const name = traject.gemeenten.map((gemeente) => gemeente.name).join(', ');
      await deps.mailer.send({
        to: deps.to,
        subject: `Teams: Visieleren bereikt ${name} niet meer`,
        text: [
          `Het Teams-gesprek van ${name} (traject ${traject.id}) is niet meer bereikbaar: ${notice.reason}.`,
          '',
          'Zolang dat zo is, krijgt de gemeente in Teams geen herinneringen en kaarten meer van dit traject.',
          '',
          'Wat te doen:',
          '1. Vraag de contactpersoon van de gemeente de Visieleren-app weer aan het team of de chat toe te voegen.',
          `2. Maak een nieuwe koppelcode: visieleren teams code --traject ${traject.id}`,
          '3. De gemeente typt in het kanaal: @Visieleren koppel <code>',
          '',
          `Alle Teams-koppelingen en hun stand: visieleren teams koppelingen (server: ${deps.publicUrl}).`,
        ].join('\n'),
        // The same id on a retry, so a mail client shows one message if the first send did arrive.
        messageId: `<teams-inactief-${notice.linkId}-${notice.revision}@visieleren>`,
      });
    },
  };
}
