import type { WidgetConfig } from '@parley/realtime-protocol';

export interface UploadedAttachment {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
}

/** `GET /api/v1/widget/{channelId}/config` on the Parley server (not the host page). */
export async function fetchConfig(serverOrigin: string, channelId: string): Promise<WidgetConfig> {
  const response = await fetch(`${serverOrigin}/api/v1/widget/${encodeURIComponent(channelId)}/config`, { credentials: 'omit' });
  if (!response.ok) throw new Error(`Parley widget config: HTTP ${response.status}`);
  return (await response.json()) as WidgetConfig;
}

/** Uploads the raw file; the returned id goes into `message:send`'s attachmentIds. */
export async function uploadAttachment(serverOrigin: string, channelId: string, visitorToken: string, file: File): Promise<UploadedAttachment> {
  const url = `${serverOrigin}/api/v1/widget/${encodeURIComponent(channelId)}/attachments?fileName=${encodeURIComponent(file.name)}`;
  const response = await fetch(url, {
    method: 'POST',
    credentials: 'omit',
    headers: { 'x-visitor-token': visitorToken, 'content-type': file.type || 'application/octet-stream' },
    body: file,
  });
  if (!response.ok) throw new Error(`Parley upload: HTTP ${response.status}`);
  return (await response.json()) as UploadedAttachment;
}

/** Client-side check against the channel's limits (the server checks again). */
export function checkFile(file: { size: number; type: string }, limits: WidgetConfig['attachments']): 'ok' | 'too_large' | 'bad_type' {
  if (!limits.types.some((type) => typeMatches(type, file.type))) return 'bad_type';
  if (file.size > limits.maxBytes) return 'too_large';
  return 'ok';
}

// Accepts exact types and wildcards such as `image/*`.
function typeMatches(allowed: string, actual: string): boolean {
  const a = allowed.toLowerCase();
  const t = actual.toLowerCase();
  return a.endsWith('/*') ? t.startsWith(a.slice(0, -1)) : a === t;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
