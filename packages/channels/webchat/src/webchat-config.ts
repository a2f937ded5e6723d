import { z } from 'zod';

const MAX_URL_PATTERN = 300;

/** A RegExp source the widget can compile: length-limited so a host page can't be handed a huge pattern. */
const urlPattern = z
  .string()
  .min(1)
  .max(MAX_URL_PATTERN)
  .refine((source) => {
    try {
      new RegExp(source);
      return true;
    } catch {
      return false;
    }
  }, 'must be a valid regular expression');

/** An origin as the browser sends it: scheme, host and optional port, nothing else. */
const origin = z
  .string()
  .max(200)
  .regex(/^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/i, 'must be an origin like https://shop.example.com')
  .transform((o) => o.toLowerCase());

/**
 * The public configuration of a web chat channel (`config` of `POST /api/v1/channels` with
 * `type: "webchat"`). Everything here is served to browsers: never put a secret in it.
 *
 * @example
 * webchatConfigSchema.parse({ brandName: 'Maison Lumière', greeting: { fr: 'Bonjour !', en: 'Hello!' } });
 */
export const webchatConfigSchema = z
  .object({
    brandName: z.string().trim().min(1).max(80).default('Parley'),
    primaryColor: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/, 'must be #rrggbb')
      .default('#2f6f5e'),
    greeting: z
      .object({
        fr: z.string().trim().max(500).default('Bonjour ! Comment pouvons-nous vous aider ?'),
        en: z.string().trim().max(500).default('Hello! How can we help?'),
      })
      .strict()
      .default({ fr: 'Bonjour ! Comment pouvons-nous vous aider ?', en: 'Hello! How can we help?' }),
    defaultLocale: z.enum(['fr', 'en']).default('fr'),
    /** Origins allowed to embed the widget (CORS and socket origin checks); empty = any. */
    allowedOrigins: z.array(origin).max(50).default([]),
    prechat: z
      .object({ enabled: z.boolean().default(false), requireEmail: z.boolean().default(false) })
      .strict()
      .default({ enabled: false, requireEmail: false }),
    rules: z
      .object({
        minSecondsOnPage: z.number().int().min(0).max(86_400).optional(),
        urlPattern: urlPattern.optional(),
        minCartValue: z.number().min(0).max(1e9).optional(),
        lostAfterPages: z.number().int().min(1).max(100).optional(),
      })
      .strict()
      .default({}),
    helpCenterUrl: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .nullable()
      .default(null),
  })
  .strict();

export type WebchatConfig = z.infer<typeof webchatConfigSchema>;

/** Reads a stored channel config (validated when it was saved); defaults fill anything missing. */
export function readWebchatConfig(config: Record<string, unknown>): WebchatConfig {
  const parsed = webchatConfigSchema.safeParse(config);
  return parsed.success ? parsed.data : webchatConfigSchema.parse({});
}

/**
 * Whether a browser origin may use this channel. A request without an Origin header (same
 * origin navigation, server-side tools) is allowed: the check is about other sites' pages.
 */
export function isOriginAllowed(config: Pick<WebchatConfig, 'allowedOrigins'>, requestOrigin: string | undefined): boolean {
  if (config.allowedOrigins.length === 0 || requestOrigin === undefined) return true;
  return config.allowedOrigins.includes(requestOrigin.toLowerCase());
}
