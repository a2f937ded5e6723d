import { afterAll, beforeAll, expect } from 'vitest';
import { ApiClient, startTestServer, waitFor } from './test-server.js';
import { reroute } from './emulators/emulator-http.js';
import { startTwilioEmulator } from './emulators/twilio-emulator.js';

const PUBLIC_URL = 'https://parley.example.test';
const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
const AUTH_TOKEN = 'twilio-auth-token-0123456789';
const FROM_NUMBER = '+33757000001';

/**
 * For a describe block: a test server with a Twilio SMS channel on a local emulator (hooks
 * registered here), and `conversationFrom(text)`, the id of the conversation a customer's SMS opens.
 *
 * @example
 * const sms = useSmsConversations();
 * const id = await sms.conversationFrom('+33612345601', 'Où est mon colis ?', 'SM0001');
 */
export function useSmsConversations() {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let twilio: Awaited<ReturnType<typeof startTwilioEmulator>>;
  const state = { admin: null as unknown as ApiClient };

  beforeAll(async () => {
    server = await startTestServer({ env: { PUBLIC_URL } });
    state.admin = new ApiClient(server.url);
    await state.admin.login();
    twilio = await startTwilioEmulator({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, route: reroute(PUBLIC_URL, server.url) });
  });
  afterAll(async () => {
    await twilio?.close();
    await server?.close();
  });

  return {
    get admin(): ApiClient {
      return state.admin;
    },
    /** Creates an SMS channel, sends `body` from `from` through the emulator, waits for its conversation. */
    async conversationFrom(from: string, body: string, messageSid: string): Promise<string> {
      const created = await state.admin.request('POST', '/api/v1/channels', {
        type: 'twilio_sms',
        name: 'SMS',
        config: { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, fromNumber: FROM_NUMBER, apiBaseUrl: twilio.url },
      });
      expect(created.status).toBe(201);
      expect((await twilio.inbound(`${PUBLIC_URL}/webhooks/twilio/${created.body.id}`, { from, to: FROM_NUMBER, body, messageSid })).status).toBe(200);
      const conversation = await waitFor(async () => {
        const items = (await state.admin.request('GET', '/api/v1/conversations?limit=50')).body.items as Array<{ id: string; channelId: string }>;
        return items.find((c) => c.channelId === created.body.id) ?? null;
      });
      return conversation.id;
    },
  };
}
