import { AuthError } from '@visieleren/core';
import type { SlackClients } from './web-client.js';

/** users.info and the user group are asked again after this long: a guest made member, a new team member. */
const CACHE_MS = 5 * 60_000;

/**
 * Who may plan, move, cancel and link: members of the VNG workspace, never its guests (`is_restricted`,
 * `is_ultra_restricted`), and when `SLACK_VNG_USERGROUP` is set only the people in that user group.
 * Answering availability is for everyone the DM was for: that is checked per round, not here.
 */
export class TeamAccess {
  private readonly cache = new Map<string, { refusal: string | undefined; until: number }>();
  private group?: { members: Set<string>; until: number };

  constructor(
    private readonly clients: SlackClients,
    private readonly usergroup: string | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  /** Why this person may not plan (Dutch), or undefined when they may. */
  async refusal(userId: string): Promise<string | undefined> {
    const cached = this.cache.get(userId);
    if (cached && cached.until > this.now()) return cached.refusal;
    const refusal = await this.decide(userId);
    this.cache.set(userId, { refusal, until: this.now() + CACHE_MS });
    return refusal;
  }

  /** Throws an AuthError (permanent: the job is not retried) with the reason, in Dutch. */
  async assert(userId: string): Promise<void> {
    const refusal = await this.refusal(userId);
    if (refusal) throw new AuthError(refusal);
  }

  private async decide(userId: string): Promise<string | undefined> {
    const info = await this.clients.api.users.info({ user: userId });
    const user = info.user as { is_restricted?: boolean; is_ultra_restricted?: boolean } | undefined;
    if (user?.is_restricted || user?.is_ultra_restricted) {
      return 'Gasten in deze werkruimte kunnen geen duo-rondes plannen, wijzigen of kanalen koppelen; vraag het visieleerteam van de VNG.';
    }
    if (this.usergroup && !(await this.groupMembers()).has(userId)) {
      return 'Alleen het visieleerteam van de VNG kan duo-rondes plannen, wijzigen of kanalen koppelen.';
    }
    return undefined;
  }

  private async groupMembers(): Promise<Set<string>> {
    if (this.group && this.group.until > this.now()) return this.group.members;
    const answer = await this.clients.api.usergroups.users.list({ usergroup: this.usergroup as string });
    const members = new Set(answer.users ?? []);
    this.group = { members, until: this.now() + CACHE_MS };
    return members;
  }
}
