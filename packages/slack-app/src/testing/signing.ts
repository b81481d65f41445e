import { createHmac } from 'node:crypto';

/** Slack's v0 request signature, exactly as Slack computes it: HMAC-SHA256 of `v0:{ts}:{raw body}`. */
export function signSlackRequest(
  signingSecret: string,
  body: string,
  timestampSeconds: number,
): Record<string, string> {
  const signature = createHmac('sha256', signingSecret)
    .update(`v0:${timestampSeconds}:${body}`)
    .digest('hex');
  return {
    'x-slack-request-timestamp': String(timestampSeconds),
    'x-slack-signature': `v0=${signature}`,
  };
}

/** A slash command's form body as Slack posts it. */
export function slashCommandBody(fields: {
  text: string;
  teamId: string;
  userId?: string;
  channelId?: string;
  triggerId?: string;
  responseUrl: string;
}): string {
  return new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: fields.teamId,
    team_domain: 'vng',
    channel_id: fields.channelId ?? 'C0TEAM',
    channel_name: 'visieleren',
    user_id: fields.userId ?? 'U0LEAD',
    user_name: 'lead',
    command: '/visieleren',
    text: fields.text,
    api_app_id: 'A0VISIELEREN',
    response_url: fields.responseUrl,
    trigger_id: fields.triggerId ?? `${Date.now()}.${Math.floor(Math.random() * 1e9)}.trigger`,
  }).toString();
}

/** An interaction (button click, modal submission) as Slack posts it: `payload=<json>`. */
export function interactionBody(payload: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
