import { timingSafeEqual } from 'node:crypto';
import type {
  ChannelAdapter,
  ConfigResult,
  InboundEvent,
  OutboundRequestContext,
  ParseResult,
  RawInboundRequest,
  SendResult,
  WebhookReply,
} from '@parley/channel-sdk';
import { splitText } from '@parley/channel-sdk';
import { assertOutboundUrlAllowed, type OutboundHttp } from '@parley/http-outbound';
import { readTelegramConfig, TELEGRAM_API_BASE_URL, telegramConfigInputSchema } from './telegram-config.js';
import { parseTelegramUpdate, telegramScope } from './telegram-inbound.js';
import { telegramKeyboard } from './telegram-keyboard.js';
import { fetchTelegramFile } from './telegram-media.js';

export const TELEGRAM_CHANNEL_TYPE = 'telegram';
export const TELEGRAM_SECRET_HEADER = 'x-telegram-bot-api-secret-token';
const MAX_TEXT = 4096;

export interface TelegramDeps {
  http: OutboundHttp;
  allowHosts: readonly string[];
}

/**
 * Telegram through the Bot API. Inbound: updates posted to the webhook with the
 * `X-Telegram-Bot-Api-Secret-Token` header set at setWebhook; outbound: sendMessage with an
 * inline keyboard for buttons, sendPhoto / sendDocument for files. Button presses are answered
 * (answerCallbackQuery) in the webhook's own response, as the Bot API allows.
 *
 * @example
 * registry.register(createTelegramAdapter({ http, allowHosts: config.outboundAllowHosts }));
 */
export function createTelegramAdapter(deps: TelegramDeps): ChannelAdapter {
  return {
    manifest: {
      type: TELEGRAM_CHANNEL_TYPE,
      displayName: 'Telegram',
      richMessages: true,
      attachments: true,
      templates: false,
      messageWindowHours: null,
      maxTextLength: MAX_TEXT,
      textOverflow: 'split',
    },

    async parseConfig(config: unknown): Promise<ConfigResult> {
      const parsed = telegramConfigInputSchema.safeParse(config);
      if (!parsed.success) return { ok: false, message: 'A Telegram channel needs botToken and secretToken', details: parsed.error.issues };
      const { botToken, secretToken, apiBaseUrl } = parsed.data;
      if (apiBaseUrl) await assertOutboundUrlAllowed(apiBaseUrl, deps.allowHosts);
      const botId = botToken.split(':')[0] ?? '';
      return { ok: true, config: { botId, ...(apiBaseUrl ? { apiBaseUrl } : {}) }, secrets: { botToken, secretToken } };
    },

    createSecrets: () => ({}),

    verify(request: RawInboundRequest, secrets: Record<string, string>): boolean {
      const header = request.headers[TELEGRAM_SECRET_HEADER];
      const expected = secrets.secretToken;
      if (!expected || typeof header !== 'string') return false;
      const a = Buffer.from(header, 'utf8');
      const b = Buffer.from(expected, 'utf8');
      return a.length === b.length && timingSafeEqual(a, b);
    },

    parseInbound(request: RawInboundRequest, channel: { id: string; config: Record<string, unknown> }): ParseResult {
      const config = readTelegramConfig(channel.config);
      if (!config) return { ok: false, code: 'validation_failed', message: 'The channel is not configured for Telegram' };
      let json: unknown;
      try {
        json = JSON.parse(request.rawBody.toString('utf8'));
      } catch {
        return { ok: false, code: 'validation_failed', message: 'The body is not valid JSON' };
      }
      return parseTelegramUpdate(json, config.botId);
    },

    // A button press must be answered or the client shows a spinner; the webhook's response body
    // may carry one Bot API call (https://core.telegram.org/bots/api#making-requests-when-getting-updates).
    acknowledge(events?: readonly InboundEvent[]): WebhookReply {
      const press = events?.find((e) => e.kind === 'message' && e.providerMessageId.startsWith('callback:'));
      const body =
        press && press.kind === 'message' ? { method: 'answerCallbackQuery', callback_query_id: press.providerMessageId.slice('callback:'.length) } : {};
      return { status: 200, contentType: 'application/json', body: JSON.stringify(body) };
    },

    async fetchMedia(request) {
      const config = readTelegramConfig(request.channel.config);
      const token = request.secrets.botToken;
      if (!config || !token) return { ok: false, retryable: false, error: 'The Telegram channel has no bot token' };
      if (!request.media.providerMediaId) return { ok: false, retryable: false, error: 'The attachment has no Telegram file_id' };
      return fetchTelegramFile(deps.http, config.apiBaseUrl ?? TELEGRAM_API_BASE_URL, token, request.media.providerMediaId, request.maxBytes);
    },

    async send(context: OutboundRequestContext): Promise<SendResult> {
      const config = readTelegramConfig(context.channel.config);
      const token = context.secrets.botToken;
      if (!config || !token) return { ok: false, retryable: false, error: 'The Telegram channel has no bot token' };
      const chatId = context.customer.identities.find((i) => i.kind === 'telegram_id' && i.scope === telegramScope(config.botId))?.value;
      if (!chatId) return { ok: false, retryable: false, error: 'The customer has no Telegram chat with this bot' };
      const base = `${(config.apiBaseUrl ?? TELEGRAM_API_BASE_URL).replace(/\/$/, '')}/bot${token}`;
      const call = (method: string, payload: Record<string, unknown>) => callBotApi(deps.http, `${base}/${method}`, payload);

      const { text, keyboard } = telegramKeyboard(context.message.content);
      const parts = splitText(text, MAX_TEXT);
      let first: string | null = null;
      for (const [index, part] of parts.entries()) {
        // The keyboard goes with the last part, under the question it answers.
        const markup = index === parts.length - 1 && keyboard.length > 0 ? { reply_markup: { inline_keyboard: keyboard } } : {};
        const result = await call('sendMessage', { chat_id: chatId, text: part, ...markup });
        if (!result.ok) return result;
        first ??= result.providerMessageId;
      }
      if (parts.length === 0 && keyboard.length > 0) return { ok: false, retryable: false, error: 'Telegram buttons need a text' };
      for (const block of context.message.content.blocks) {
        if (block.type !== 'attachment' || !block.url) continue;
        const photo = block.contentType.startsWith('image/');
        const result = await call(photo ? 'sendPhoto' : 'sendDocument', { chat_id: chatId, [photo ? 'photo' : 'document']: block.url });
        if (!result.ok) return result;
        first ??= result.providerMessageId;
      }
      if (first === null) return { ok: false, retryable: false, error: 'Nothing to send to Telegram' };
      return { ok: true, providerMessageId: first };
    },
  };
}

async function callBotApi(http: OutboundHttp, url: string, payload: Record<string, unknown>): Promise<SendResult> {
  const response = await http.request({ method: 'POST', url, headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
  // Never echo the URL: it holds the bot token.
  if (!response.ok) return { ok: false, retryable: response.error !== 'blocked', error: `Telegram unreachable (${response.error})` };
  let json: { ok?: unknown; description?: unknown; result?: { message_id?: unknown; chat?: { id?: unknown } } } = {};
  try {
    json = JSON.parse(response.bodyText) as typeof json;
  } catch {
    // A proxy's error page: the status decides.
  }
  if (response.status >= 200 && response.status < 300 && json.ok === true) {
    const id = json.result?.message_id;
    const chat = json.result?.chat?.id;
    return { ok: true, providerMessageId: typeof id === 'number' && (typeof chat === 'number' || typeof chat === 'string') ? `${chat}:${id}` : null };
  }
  const reason = typeof json.description === 'string' ? `: ${json.description}` : '';
  // 429 (flood control) and 5xx pass; 400/403 (chat not found, bot blocked by the user) won't.
  return { ok: false, retryable: response.status === 429 || response.status >= 500, error: `Telegram answered HTTP ${response.status}${reason}` };
}
