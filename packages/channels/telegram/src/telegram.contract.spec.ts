import { createOutboundHttp } from '@parley/http-outbound';
import { describeChannelAdapterContract } from '@parley/channel-sdk/testing';
import { createTelegramAdapter, TELEGRAM_SECRET_HEADER } from './telegram.adapter.js';

const BOT_TOKEN = '7654321:AAH-contract_token-0123456789abcdef';
const SECRET_TOKEN = 'telegram-contract-secret-0123456789';
const CHAT = 555;

// Documented Bot API Update objects.
const from = { id: CHAT, is_bot: false, first_name: 'Chloé', last_name: 'Martin', language_code: 'fr' };
const chat = { id: CHAT, type: 'private', first_name: 'Chloé' };
const update = (u: Record<string, unknown>) => JSON.stringify({ update_id: 100_000_001, ...u });

let sends = 0;

describeChannelAdapterContract('telegram', {
  setup: (provider) => ({
    adapter: createTelegramAdapter({ http: createOutboundHttp({ allowHosts: ['127.0.0.1'], timeoutMs: 5_000 }), allowHosts: ['127.0.0.1'] }),
    configInput: { botToken: BOT_TOKEN, secretToken: SECRET_TOKEN, apiBaseUrl: provider.url },
    channel: { id: '0190a000-0000-7000-8000-0000000000e1', workspaceId: 'ws', name: 'Telegram', config: { botId: '7654321', apiBaseUrl: provider.url } },
    secrets: { botToken: BOT_TOKEN, secretToken: SECRET_TOKEN },
    inbound: {
      url: 'https://parley.example/webhooks/telegram/0190a000-0000-7000-8000-0000000000e1',
      sign: () => ({ 'content-type': 'application/json', [TELEGRAM_SECRET_HEADER]: SECRET_TOKEN }),
      signatureHeader: TELEGRAM_SECRET_HEADER,
      // The Bot API proves its origin with the secret set at setWebhook, not a signature of the body.
      covers: 'nothing',
      format: 'json',
      samples: [
        { name: 'text', body: update({ message: { message_id: 9, from, chat, date: 1_768_471_200, text: 'Salut' } }), kinds: ['message'] },
        {
          name: 'photo with caption',
          body: update({
            message: {
              message_id: 10,
              from,
              chat,
              date: 1_768_471_200,
              caption: 'Le colis',
              photo: [
                { file_id: 'small', file_unique_id: 's', width: 90, height: 90, file_size: 1200 },
                { file_id: 'big', file_unique_id: 'b', width: 1280, height: 1280, file_size: 91_000 },
              ],
            },
          }),
          kinds: ['message'],
        },
        {
          name: 'document',
          body: update({
            message: {
              message_id: 11,
              from,
              chat,
              date: 1_768_471_200,
              document: { file_id: 'doc1', file_unique_id: 'd1', file_name: 'facture.pdf', mime_type: 'application/pdf', file_size: 5000 },
            },
          }),
          kinds: ['message'],
        },
        {
          name: 'button press',
          body: update({ callback_query: { id: '4382bfdwdsb323b2d9', from, message: { message_id: 12, chat }, chat_instance: '-1', data: 'TRACK' } }),
          kinds: ['message'],
        },
        {
          name: 'edited message (ignored)',
          body: update({ edited_message: { message_id: 9, from, chat, date: 1_768_471_200, edit_date: 1_768_471_300, text: 'Salut !' } }),
          kinds: [],
        },
      ],
    },
    outbound: {
      customer: { id: 'cust', externalId: null, identities: [{ kind: 'telegram_id', scope: 'telegram:7654321', value: String(CHAT) }] },
      returnsProviderId: true,
      http: {
        accept: (request) => {
          const body = JSON.parse(request.body) as { chat_id?: unknown };
          if (!request.path.startsWith(`/bot${BOT_TOKEN}/`)) return { status: 401, body: { ok: false, error_code: 401, description: 'Unauthorized' } };
          if (String(body.chat_id) !== String(CHAT)) return { status: 400, body: { ok: false, error_code: 400, description: 'Bad Request: chat not found' } };
          return { status: 200, body: { ok: true, result: { message_id: ++sends, chat, date: 1_768_471_200 } } };
        },
        textOf: (request) => (request.path.endsWith('/sendMessage') ? ((JSON.parse(request.body) as { text?: string }).text ?? null) : null),
        failure: (_request, status) => ({
          status,
          body: { ok: false, error_code: status, description: status === 400 ? 'Bad Request: chat not found' : 'Too Many Requests: retry after 1' },
        }),
      },
    },
  }),
});
