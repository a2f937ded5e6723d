import { z } from 'zod';

/** Defaults for the automatic answer to HELP / AIDE (French first: Parley's home market). */
export const DEFAULT_HELP_TEXT = {
  fr: 'Service client : répondez à ce message pour nous écrire. Envoyez STOP pour ne plus recevoir de SMS, START pour les recevoir à nouveau.',
  en: 'Customer service: reply to this message to write to us. Send STOP to stop receiving texts, START to receive them again.',
} as const;

const e164 = z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number like +33612345678');

/**
 * The config of `POST /api/v1/channels` with `type: "twilio_sms"`. `authToken` is a secret: the
 * adapter moves it to the sealed secrets and it is never returned by the API.
 *
 * @example
 * twilioConfigInputSchema.parse({ accountSid: 'AC…', authToken: '…', fromNumber: '+33757000000' });
 */
export const twilioConfigInputSchema = z
  .object({
    accountSid: z.string().regex(/^AC[0-9A-Za-z]{8,64}$/, 'must be a Twilio Account SID (AC…)'),
    authToken: z.string().min(8).max(200),
    fromNumber: e164,
    /** Where the REST API is (an emulator or a proxy); its host must be allowed. Default https://api.twilio.com. */
    apiBaseUrl: z.url({ protocol: /^https?$/ }).optional(),
    helpText: z
      .object({ fr: z.string().trim().min(1).max(1600).default(DEFAULT_HELP_TEXT.fr), en: z.string().trim().min(1).max(1600).default(DEFAULT_HELP_TEXT.en) })
      .strict()
      .default({ ...DEFAULT_HELP_TEXT }),
  })
  .strict();

/** What is stored in the channel's public config (the auth token is not). */
export type TwilioConfig = Omit<z.infer<typeof twilioConfigInputSchema>, 'authToken'>;

export const TWILIO_API_BASE_URL = 'https://api.twilio.com';

/** Reads a stored config (validated when saved); null when it is not a Twilio config. */
export function readTwilioConfig(config: Record<string, unknown>): TwilioConfig | null {
  const parsed = twilioConfigInputSchema.omit({ authToken: true }).safeParse(config);
  return parsed.success ? parsed.data : null;
}
