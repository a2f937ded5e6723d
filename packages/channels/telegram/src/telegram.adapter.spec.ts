import { describe, expect, it } from 'vitest';
import type { OutboundHttp, OutboundRequest } from '@parley/http-outbound';
import { createTelegramAdapter } from './index.js';

const http = () => {
  const requests: OutboundRequest[] = [];
  const client: OutboundHttp = {
    request: async (r) => {
      requests.push(r);
      return { ok: true, status: 200, headers: {}, bodyText: JSON.stringify({ ok: true, result: { message_id: 42, chat: { id: 555 } } }), url: String(r.url) };
    },
  };
  return { client, requests };
};
const channel = { id: 'c1', config: { botId: '7654321' } };
const request = (body: unknown, secret = 'telegram-secret-0123456789') => ({
  headers: { 'x-telegram-bot-api-secret-token': secret },
  rawBody: Buffer.from(JSON.stringify(body)),
  url: 'https://p/webhooks/telegram/c1',
});

describe('Telegram adapter', () => {
  const adapter = createTelegramAdapter({ http: http().client, allowHosts: [] });

  it('checks the secret token header in constant time', () => {
    expect(adapter.verify(request({}), { secretToken: 'telegram-secret-0123456789' })).toBe(true);
    expect(adapter.verify(request({}, 'telegram-secret-0123456780'), { secretToken: 'telegram-secret-0123456789' })).toBe(false);
    expect(adapter.verify({ ...request({}), headers: {} }, { secretToken: 'telegram-secret-0123456789' })).toBe(false);
  });

  it('parses messages, photos, button presses, and ignores edits', () => {
    const from = { id: 555, is_bot: false, first_name: 'Chloé', last_name: 'Martin' };
    const text = adapter.parseInbound(
      request({ update_id: 1, message: { message_id: 9, from, chat: { id: 555, type: 'private' }, date: 1_700_000_000, text: 'Salut' } }),
      channel,
    );
    expect(text.ok && text.events[0]).toMatchObject({
      providerMessageId: '555:9',
      displayName: 'Chloé Martin',
      identities: [{ kind: 'telegram_id', raw: '555', scope: 'telegram:7654321', verified: true }],
    });
    const photo = adapter.parseInbound(
      request({
        update_id: 2,
        message: {
          message_id: 10,
          from,
          chat: { id: 555, type: 'private' },
          date: 1,
          photo: [
            { file_id: 'small', file_unique_id: 's', width: 1, height: 1 },
            { file_id: 'big', file_unique_id: 'b', width: 9, height: 9 },
          ],
        },
      }),
      channel,
    );
    expect(photo.ok && photo.events[0]?.kind === 'message' && photo.events[0].content.blocks[0]).toMatchObject({
      type: 'attachment',
      providerMediaId: 'big',
      contentType: 'image/jpeg',
    });
    const press = adapter.parseInbound(request({ update_id: 3, callback_query: { id: 'q1', from, data: 'YES' } }), channel);
    expect(press.ok && press.events[0]).toMatchObject({ providerMessageId: 'callback:q1', content: { blocks: [{ type: 'payload', payload: 'YES' }] } });
    expect(press.ok && JSON.parse(adapter.acknowledge?.(press.events).body ?? '{}')).toEqual({ method: 'answerCallbackQuery', callback_query_id: 'q1' });
    const ref = adapter.parseInbound(request({ update_id: 4, callback_query: { id: 'q2', from, data: '#2' } }), channel);
    expect(ref.ok && ref.events[0]).toMatchObject({ menuChoice: 2 });
    const edit = adapter.parseInbound(
      request({ update_id: 5, edited_message: { message_id: 9, from, chat: { id: 555, type: 'private' }, date: 1, text: 'Salut !' } }),
      channel,
    );
    expect(edit.ok && edit.events).toEqual([]);
  });

  it('keeps odd updates within what the domain stores: no Invalid Date, bounded file names and types', () => {
    const from = { id: 555, first_name: 'Chloé' };
    const result = adapter.parseInbound(
      request({
        update_id: 6,
        message: {
          message_id: 13,
          from,
          chat: { id: 555, type: 'private' },
          date: 9_000_000_000_000,
          document: { file_id: 'doc', file_unique_id: 'd', file_name: 'n'.repeat(300), mime_type: 'not a type' },
        },
      }),
      channel,
    );
    expect(result.ok && result.events[0]).toMatchObject({
      sentAt: null,
      content: { blocks: [{ fileName: 'n'.repeat(255), contentType: 'application/octet-stream' }] },
    });
    expect(
      adapter.parseInbound(
        request({ update_id: 7, message: { message_id: 14, from, chat: { id: 555, type: 'private' }, date: 1, text: 'x'.repeat(20_001) } }),
        channel,
      ).ok,
    ).toBe(false);
  });

  it('sends with an inline keyboard, long payloads as menu references', async () => {
    const { client, requests } = http();
    const sender = createTelegramAdapter({ http: client, allowHosts: [] });
    const result = await sender.send({
      channel: { id: 'c1', workspaceId: 'w', name: 'T', config: { botId: '7654321' } },
      secrets: { botToken: '7654321:AAH-token_0123456789abcdef' },
      conversationId: 'conv',
      customer: { id: 'cu', externalId: null, identities: [{ kind: 'telegram_id', scope: 'telegram:7654321', value: '555' }] },
      message: {
        id: 'm',
        text: '',
        author: { kind: 'bot', name: 'b' },
        content: {
          v: 1,
          blocks: [
            {
              type: 'quick_replies',
              text: 'Choix',
              replies: [
                { id: 'a', label: 'A', payload: 'A' },
                { id: 'b', label: 'B', payload: 'x'.repeat(65) },
              ],
            },
          ],
        },
      },
      deliveryId: 'd',
    });
    expect(result).toEqual({ ok: true, providerMessageId: '555:42' });
    expect(String(requests[0]?.url)).toBe('https://api.telegram.org/bot7654321:AAH-token_0123456789abcdef/sendMessage');
    expect(JSON.parse(String(requests[0]?.body))).toEqual({
      chat_id: '555',
      text: 'Choix',
      reply_markup: { inline_keyboard: [[{ text: 'A', callback_data: 'A' }], [{ text: 'B', callback_data: '#2' }]] },
    });
  });
});
