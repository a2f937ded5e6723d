import { z } from 'zod';

/**
 * The config of `POST /api/v1/channels` with `type: "telegram"`. `botToken` and `secretToken` are
 * secrets: they go to the sealed secrets, never to the public config; the bot's numeric id (the
 * token's first part) is kept, as the scope of the customers' Telegram ids.
 *
 * @example
 * telegramConfigInputSchema.parse({ botToken: '123456:AA…', secretToken: 'a-long-random-string' });
 */
export const telegramConfigInputSchema = z
  .object({
    botToken: z.string().regex(/^\d{3,20}:[A-Za-z0-9_-]{20,100}$/, 'must be a bot token from @BotFather (123456:ABC…)'),
    // Telegram's own rule for setWebhook's secret_token: 1-256 characters A-Z, a-z, 0-9, _ and -.
    secretToken: z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, 'must be 16 to 256 characters among A-Z, a-z, 0-9, _ and -'),
    /** Where the Bot API is (an emulator or a proxy); its host must be allowed. Default https://api.telegram.org. */
    apiBaseUrl: z.url({ protocol: /^https?$/ }).optional(),
  })
  .strict();

export const telegramPublicConfigSchema = z.object({ botId: z.string().regex(/^\d+$/), apiBaseUrl: z.url({ protocol: /^https?$/ }).optional() });

/** What is stored in the channel's public config. */
export type TelegramConfig = z.infer<typeof telegramPublicConfigSchema>;

export const TELEGRAM_API_BASE_URL = 'https://api.telegram.org';

/** Reads a stored config; null when it is not a Telegram config. */
export function readTelegramConfig(config: Record<string, unknown>): TelegramConfig | null {
  const parsed = telegramPublicConfigSchema.safeParse(config);
  return parsed.success ? parsed.data : null;
}
