import { startEmulatorServer } from './emulator-http.js';

/** A Bot API call Parley made (or that Parley's webhook response asked for). */
export interface BotApiCall {
  method: string;
  params: Record<string, unknown>;
  /** True when the call came in the webhook's response body, not as its own request. */
  viaWebhookResponse: boolean;
}

/**
 * The Telegram Bot API as documented, on loopback: `POST /bot{token}/{method}` (sendMessage,
 * sendPhoto, sendDocument, answerCallbackQuery) answering `{ok, result}` / `{ok:false,
 * error_code, description}`, and updates posted to the webhook with
 * `X-Telegram-Bot-Api-Secret-Token`; a method in the webhook's response is executed, as Telegram
 * does. Files: `addFile` keeps a user's upload; `getFile` answers its `file_path` and
 * `GET /file/bot{token}/{file_path}` serves the bytes (as `application/octet-stream`, like
 * Telegram). Test code only.
 *
 * @example
 * const telegram = await startTelegramEmulator({ botToken, secretToken, route });
 */
export async function startTelegramEmulator(options: { botToken: string; secretToken: string; route: (url: string) => string }) {
  const calls: BotApiCall[] = [];
  let nextMessageId = 1000;
  let nextUpdateId = 500_000;
  let failures: number[] = [];
  const files = new Map<string, Buffer>();
  const fileCalls: Array<{ path: string; status: number }> = [];
  const http = await startEmulatorServer((req) => {
    const download = /^\/file\/bot([^/]+)\/(.+)$/.exec(req.path);
    if (download) {
      const data = download[1] === options.botToken ? files.get(decodeURIComponent(download[2] ?? '').replace(/^documents\//, '')) : undefined;
      fileCalls.push({ path: 'download', status: data ? 200 : 404 });
      return data ? { status: 200, body: data, contentType: 'application/octet-stream' } : { status: 404, body: { ok: false, error_code: 404, description: 'Not Found' } };
    }
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(req.path);
    if (!match || match[1] !== options.botToken) return { status: 401, body: { ok: false, error_code: 401, description: 'Unauthorized' } };
    // Files are served apart from the scripted failures of the send methods.
    if (match[2] === 'getFile') {
      const fileId = req.query.get('file_id') ?? '';
      const data = files.get(fileId);
      fileCalls.push({ path: 'getFile', status: data ? 200 : 400 });
      if (!data) return { status: 400, body: { ok: false, error_code: 400, description: 'Bad Request: invalid file_id' } };
      return { status: 200, body: { ok: true, result: { file_id: fileId, file_unique_id: `u-${fileId}`, file_size: data.length, file_path: `documents/${fileId}` } } };
    }
    const failure = failures.shift();
    if (failure)
      return { status: failure, body: { ok: false, error_code: failure, description: failure === 429 ? 'Too Many Requests: retry after 1' : 'Bad Gateway' } };
    const method = match[2] ?? '';
    const params = (req.rawBody ? JSON.parse(req.rawBody) : {}) as Record<string, unknown>;
    calls.push({ method, params, viaWebhookResponse: false });
    if (method === 'answerCallbackQuery') return { status: 200, body: { ok: true, result: true } };
    if (!['sendMessage', 'sendPhoto', 'sendDocument'].includes(method))
      return { status: 404, body: { ok: false, error_code: 404, description: 'Not Found: method not found' } };
    if (method === 'sendMessage' && (typeof params.text !== 'string' || params.text.length === 0))
      return { status: 400, body: { ok: false, error_code: 400, description: 'Bad Request: message text is empty' } };
    const chatId = Number(params.chat_id);
    return {
      status: 200,
      body: {
        ok: true,
        result: {
          message_id: nextMessageId++,
          date: Math.floor(Date.now() / 1000),
          chat: { id: chatId, type: 'private' },
          ...(typeof params.text === 'string' ? { text: params.text } : {}),
        },
      },
    };
  });

  async function postUpdate(webhookUrl: string, update: Record<string, unknown>, secret = options.secretToken) {
    const res = await fetch(options.route(webhookUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
      body: JSON.stringify(update),
    });
    const text = await res.text();
    // Telegram executes a Bot API method sent back in the webhook's response.
    if (res.status === 200 && text.startsWith('{')) {
      const body = JSON.parse(text) as Record<string, unknown>;
      if (typeof body.method === 'string') {
        const { method, ...params } = body;
        calls.push({ method, params, viaWebhookResponse: true });
      }
    }
    return { status: res.status, body: text };
  }

  const user = (id: number) => ({ id, is_bot: false, first_name: 'Chloé', last_name: 'Martin', username: `user${id}`, language_code: 'fr' });
  return {
    url: http.url,
    calls,
    fileCalls,
    addFile(fileId: string, data: Buffer) {
      files.set(fileId, data);
    },
    failNext(times: number, status = 502) {
      failures = Array.from({ length: times }, () => status);
    },
    /** A private text message from a user, as an Update. */
    message(webhookUrl: string, from: number, text: string, options2: { updateId?: number; messageId?: number; secret?: string } = {}) {
      const update = {
        update_id: options2.updateId ?? nextUpdateId++,
        message: {
          message_id: options2.messageId ?? nextMessageId++,
          from: user(from),
          chat: { id: from, first_name: 'Chloé', type: 'private' },
          date: Math.floor(Date.now() / 1000),
          text,
        },
      };
      return postUpdate(webhookUrl, update, options2.secret);
    },
    /** A photo with a caption. */
    photo(webhookUrl: string, from: number, caption: string) {
      const update = {
        update_id: nextUpdateId++,
        message: {
          message_id: nextMessageId++,
          from: user(from),
          chat: { id: from, type: 'private' },
          date: Math.floor(Date.now() / 1000),
          caption,
          photo: [
            { file_id: 'AgACAgQAAxkBAAIBsmall', file_unique_id: 'AQADsmall', width: 90, height: 67, file_size: 1200 },
            { file_id: 'AgACAgQAAxkBAAIBlarge', file_unique_id: 'AQADlarge', width: 1280, height: 960, file_size: 98_000 },
          ],
        },
      };
      return postUpdate(webhookUrl, update);
    },
    /** A document (any file) with its declared name and type. */
    document(webhookUrl: string, from: number, fileId: string, fileName: string, mimeType: string, fileSize: number) {
      const update = {
        update_id: nextUpdateId++,
        message: {
          message_id: nextMessageId++,
          from: user(from),
          chat: { id: from, type: 'private' },
          date: Math.floor(Date.now() / 1000),
          document: { file_id: fileId, file_unique_id: `u-${fileId}`, file_name: fileName, mime_type: mimeType, file_size: fileSize },
        },
      };
      return postUpdate(webhookUrl, update);
    },
    /** The user presses an inline keyboard button under one of the bot's messages. */
    press(webhookUrl: string, from: number, data: string, messageId: number) {
      const update = {
        update_id: nextUpdateId++,
        callback_query: {
          id: `cbq-${nextUpdateId}`,
          from: user(from),
          message: { message_id: messageId, chat: { id: from, type: 'private' }, date: 0 },
          chat_instance: '-1234',
          data,
        },
      };
      return postUpdate(webhookUrl, update);
    },
    raw: postUpdate,
    close: http.close,
  };
}
