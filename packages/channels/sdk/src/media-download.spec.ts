import { describe, expect, it } from 'vitest';
import { downloadMedia, statusFailure, type MediaHttpClient } from './media-download.js';

// A provider stand-in answering one scripted response; the classification is what is under test.
const answering = (response: Awaited<ReturnType<MediaHttpClient['request']>>): MediaHttpClient & { seen: Array<{ maxBodyBytes?: number | undefined }> } => {
  const seen: Array<{ maxBodyBytes?: number | undefined }> = [];
  return {
    seen,
    request: async (r) => {
      seen.push({ maxBodyBytes: r.maxBodyBytes });
      return response;
    },
  };
};

describe('downloadMedia', () => {
  it('returns the bytes and the declared type of a 2xx, asking the client to cap the body', async () => {
    const http = answering({ ok: true, status: 200, headers: { 'content-type': 'image/png' }, bodyText: '', body: Buffer.from([1, 2, 3]) });
    expect(await downloadMedia(http, 'https://cdn.test/a', {}, 1000, 'CDN')).toEqual({ ok: true, data: Buffer.from([1, 2, 3]), contentType: 'image/png' });
    expect(http.seen).toEqual([{ maxBodyBytes: 1000 }]);
  });

  it('retries 5xx, 429 and network failures, not a file over the cap, a blocked host or another 4xx', async () => {
    const failure = async (response: Awaited<ReturnType<MediaHttpClient['request']>>) => {
      const result = await downloadMedia(answering(response), 'https://cdn.test/a', {}, 1000, 'CDN');
      return result.ok ? null : { retryable: result.retryable, error: result.error };
    };
    expect(await failure({ ok: true, status: 503, headers: {}, bodyText: '' })).toEqual({ retryable: true, error: 'CDN answered HTTP 503' });
    expect(await failure({ ok: true, status: 429, headers: {}, bodyText: '' })).toMatchObject({ retryable: true });
    expect(await failure({ ok: false, error: 'timeout', message: 'slow' })).toMatchObject({ retryable: true });
    expect(await failure({ ok: false, error: 'too_large', message: 'big' })).toEqual({ retryable: false, error: 'the file is larger than 1000 bytes' });
    expect(await failure({ ok: false, error: 'blocked', message: '10.0.0.1 is private' })).toMatchObject({ retryable: false });
    expect(await failure({ ok: true, status: 404, headers: {}, bodyText: '' })).toEqual({ retryable: false, error: 'CDN answered HTTP 404' });
    expect(statusFailure(204, 'CDN')).toBeNull();
  });
});
