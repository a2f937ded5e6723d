import type { OutboundHttp } from '@parley/http-outbound';
import type { LlmPromptMessage } from '@parley/domain';

/** Where and how to reach an OpenAI-compatible chat-completions endpoint. */
export interface LlmEndpoint {
  /** Up to the version, e.g. `http://localhost:11434/v1`. */
  baseUrl: string;
  model: string;
  apiKey: string | null;
  timeoutMs: number;
}

/** The generated text, or why there is none; never thrown, so callers fall back without a try. */
export type LlmResult = { ok: true; text: string } | { ok: false; error: string };

/**
 * One `POST {baseUrl}/chat/completions` (OpenAI schema, which Ollama, vLLM, llama.cpp's server,
 * Mistral and OpenAI all speak) through the SSRF-guarded client, reading
 * `choices[0].message.content`. A timeout, a non-2xx status or an unreadable answer is an error
 * result.
 *
 * @example
 * const result = await chatCompletion(http, endpoint, [{ role: 'user', content: 'Bonjour' }], { temperature: 0.2, maxTokens: 400 });
 */
export async function chatCompletion(
  http: OutboundHttp,
  endpoint: LlmEndpoint,
  messages: readonly LlmPromptMessage[],
  options: { temperature: number; maxTokens: number },
): Promise<LlmResult> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (endpoint.apiKey) headers.authorization = `Bearer ${endpoint.apiKey}`;
  const response = await http.request({
    method: 'POST',
    url: `${endpoint.baseUrl.replace(/\/+$/, '')}/chat/completions`,
    headers,
    body: JSON.stringify({ model: endpoint.model, messages, temperature: options.temperature, max_tokens: options.maxTokens, stream: false }),
    timeoutMs: endpoint.timeoutMs,
  });
  if (!response.ok) return { ok: false, error: `${response.error}: ${response.message}` };
  if (response.status < 200 || response.status >= 300) return { ok: false, error: `status ${response.status}` };
  let body: unknown;
  try {
    body = JSON.parse(response.bodyText);
  } catch {
    return { ok: false, error: 'the answer is not JSON' };
  }
  const content = (body as { choices?: Array<{ message?: { content?: unknown } }> } | null)?.choices?.[0]?.message?.content;
  if (typeof content !== 'string' || content.trim() === '') return { ok: false, error: 'no choices[0].message.content in the answer' };
  return { ok: true, text: content.trim() };
}
