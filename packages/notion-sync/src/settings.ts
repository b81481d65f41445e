import { z } from 'zod';
import { DEFAULT_REQUESTS_PER_MINUTE, DEFAULT_TIMEOUT_MS } from './limits.js';

/** The Notion settings, read from the environment in one place (the plugin and the CLI share them). */
export interface NotionSettings {
  token: string;
  /** Notion's API address; a local fake in tests. The client adds `/v1/…`. */
  baseUrl: string;
  requestsPerMinute: number;
  timeoutMs: number;
  /** How often `serve` queues a sync. */
  syncIntervalSeconds: number;
}

export const NOTION_SETTING_NAMES = {
  token: 'NOTION_TOKEN',
  baseUrl: 'NOTION_API_BASE_URL',
  requestsPerMinute: 'NOTION_REQUESTS_PER_MINUTE',
  timeoutMs: 'NOTION_TIMEOUT_MS',
  syncIntervalSeconds: 'NOTION_SYNC_INTERVAL_SECONDS',
} as const;

const positiveInt = (name: string, fallback: number, max: number) =>
  z
    .string()
    .optional()
    .transform((value, context) => {
      if (value === undefined || value.trim() === '') return fallback;
      const number = Number(value);
      if (!Number.isInteger(number) || number < 1 || number > max) {
        context.addIssue({
          code: 'custom',
          message: `${name} moet een geheel getal van 1 tot en met ${max} zijn; nu: ${JSON.stringify(value)}.`,
        });
        return z.NEVER;
      }
      return number;
    });

const envSchema = z.object({
  NOTION_TOKEN: z
    .string({ error: 'Zet NOTION_TOKEN: het token van de Notion-integratie.' })
    .trim()
    .min(1, 'Zet NOTION_TOKEN: het token van de Notion-integratie.'),
  NOTION_API_BASE_URL: z
    .string()
    .optional()
    .transform((value, context) => {
      if (value === undefined || value.trim() === '') return 'https://api.notion.com';
      try {
        const url = new URL(value.trim());
        if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('protocol');
        return url.toString().replace(/\/+$/, '');
      } catch {
        context.addIssue({
          code: 'custom',
          message: `NOTION_API_BASE_URL moet een http(s)-adres zijn; nu: ${JSON.stringify(value)}.`,
        });
        return z.NEVER;
      }
    }),
  NOTION_REQUESTS_PER_MINUTE: positiveInt('NOTION_REQUESTS_PER_MINUTE', DEFAULT_REQUESTS_PER_MINUTE, 100_000),
  NOTION_TIMEOUT_MS: positiveInt('NOTION_TIMEOUT_MS', DEFAULT_TIMEOUT_MS, 600_000),
  NOTION_SYNC_INTERVAL_SECONDS: positiveInt('NOTION_SYNC_INTERVAL_SECONDS', 300, 86_400),
});

export class NotionSettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotionSettingsError';
  }
}

/** Throws NotionSettingsError with a Dutch message naming the variable. */
export function readNotionSettings(env: Readonly<Record<string, string | undefined>>): NotionSettings {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new NotionSettingsError(parsed.error.issues.map((issue) => issue.message).join(' '));
  }
  return {
    token: parsed.data.NOTION_TOKEN,
    baseUrl: parsed.data.NOTION_API_BASE_URL,
    requestsPerMinute: parsed.data.NOTION_REQUESTS_PER_MINUTE,
    timeoutMs: parsed.data.NOTION_TIMEOUT_MS,
    syncIntervalSeconds: parsed.data.NOTION_SYNC_INTERVAL_SECONDS,
  };
}
