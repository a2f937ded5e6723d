import type { IncomingHttpHeaders } from 'node:http';
import { startLocalJsonServer } from './local-json-server.js';

export interface ChatRequest {
  headers: IncomingHttpHeaders;
  body: { model: string; messages: Array<{ role: string; content: string }>; temperature?: number; max_tokens?: number };
}

/** `ok` answers; `fail` answers 500; `hang` never answers (the caller's time limit ends it); `empty` answers without choices. */
export type LlmServerMode = 'ok' | 'fail' | 'hang' | 'empty';

/**
 * The deterministic "model": a draft request (its user message lists numbered sources) is answered
 * with the titles it received, citing [1] and a source it was not given ([9]); any other request
 * with a summary quoting the conversation's first line.
 */
export function cannedCompletion(messages: ReadonlyArray<{ role: string; content: string }>): string {
  const user = messages.find((m) => m.role === 'user')?.content ?? '';
  const sources = [...user.matchAll(/^\[(\d+)\] (.+)$/gm)].map((m) => `${m[1]}=${m[2]}`);
  if (user.startsWith('Sources:')) return `Draft from ${sources.length} sources (${sources.join('; ')}). See [1] and [9].`;
  const first = /^Conversation, oldest first:\n(.+)$/m.exec(user)?.[1] ?? '';
  return `Summary: ${first}`;
}

/** A local HTTP server speaking the OpenAI `POST /v1/chat/completions` protocol with {@link cannedCompletion}. */
export async function startLlmServer(): Promise<{ url: string; requests: ChatRequest[]; mode: LlmServerMode; close(): Promise<void> }> {
  const state = { requests: [] as ChatRequest[], mode: 'ok' as LlmServerMode };
  const server = await startLocalJsonServer('/v1/chat/completions', (headers, raw) => {
    const body = raw as ChatRequest['body'];
    state.requests.push({ headers, body });
    if (state.mode === 'hang') return 'hang';
    if (state.mode === 'fail') return { status: 500, json: { error: { message: 'model crashed' } } };
    const choices =
      state.mode === 'empty' ? [] : [{ index: 0, message: { role: 'assistant', content: cannedCompletion(body.messages) }, finish_reason: 'stop' }];
    return { status: 200, json: { id: 'chatcmpl-test', object: 'chat.completion', model: body.model, choices } };
  });
  return {
    url: server.url,
    get requests() {
      return state.requests;
    },
    get mode() {
      return state.mode;
    },
    set mode(value: LlmServerMode) {
      state.mode = value;
    },
    close: () => server.close(),
  };
}
