import type { ApiClient } from '../api/api-client.js';

/** A channel as `/api/v1/channels` returns it: the public config only, never a secret. */
export interface ChannelSummary {
  id: string;
  type: string;
  name: string;
  config: Record<string, unknown>;
  botId: string | null;
  enabled: boolean;
  createdAt: string;
}

/** `POST /api/v1/channels` answer: the channel and, once, its signing or identity secret. */
export type CreatedChannel = ChannelSummary & { secret: string | null };

export interface CreateChannelBody {
  type: string;
  name: string;
  config: Record<string, unknown>;
  botId?: string | null;
}

const id = (v: string) => encodeURIComponent(v);

/** The channel endpoints the admin uses, typed. */
export function channelsApi(client: ApiClient) {
  return {
    list: () => client.request<{ items: ChannelSummary[] }>('GET', '/api/v1/channels'),
    create: (body: CreateChannelBody) => client.request<CreatedChannel>('POST', '/api/v1/channels', { body }),
    attachBot: (channelId: string, botId: string | null) => client.request<{ id: string; botId: string | null }>('PATCH', `/api/v1/channels/${id(channelId)}`, { body: { botId } }),
    bots: () => client.request<{ items: Array<{ id: string; name: string }> }>('GET', '/api/v1/bots'),
  };
}

/** Human lines of a validation error's details (`[{path, message}]`), when there are any. */
export function detailLines(details: unknown): string[] {
  if (!Array.isArray(details)) return [];
  return details.flatMap((d) => {
    if (typeof d === 'string') return [d];
    if (typeof d !== 'object' || d === null) return [];
    const { path, message } = d as { path?: unknown; message?: unknown };
    const where = Array.isArray(path) ? path.join('.') : typeof path === 'string' ? path : '';
    const what = typeof message === 'string' ? message : '';
    return what ? [where && where !== '/' ? `${where}: ${what}` : what] : [];
  });
}
