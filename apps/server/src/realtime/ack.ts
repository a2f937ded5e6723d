import { isAppError } from '@parley/kernel';
import type { Logger } from 'pino';
import type { ZodType } from 'zod';

type AckFn = (result: { ok: true } | { ok: false; error: { code: string; message: string } }) => void;

/**
 * Runs one socket event handler: validates the payload with zod (never trust a client),
 * answers the acknowledgement with `{ok: false, error}` on failure, and never lets an
 * exception escape into socket.io.
 */
export function handle<I, R extends object>(logger: Logger, schema: ZodType<I>, work: (input: I) => Promise<R | void>): (raw: unknown, ack?: unknown) => void {
  return (raw, ack) => {
    const reply = typeof ack === 'function' ? (ack as AckFn) : null;
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      reply?.({
        ok: false,
        error: { code: 'validation_failed', message: parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ') },
      });
      return;
    }
    work(parsed.data).then(
      (result) => reply?.({ ok: true, ...(result ?? {}) } as never),
      (error: unknown) => {
        if (isAppError(error)) {
          reply?.({ ok: false, error: { code: error.code, message: error.message } });
          return;
        }
        logger.error({ err: error }, 'socket handler failed');
        reply?.({ ok: false, error: { code: 'internal_error', message: 'Something went wrong' } });
      },
    );
  };
}

/**
 * Fixed-window limits per key (a visitor), shared by every socket of this process: a visitor who
 * opens more tabs or sockets gets no more messages. Expired windows are dropped once the map is large,
 * so that a stream of one-message visitors cannot grow it without bound.
 *
 * @example
 * const allow = keyedWindowLimiter(30, 10_000);
 * if (!allow(visitorHash)) throw new AppError('rate_limited', 'Too many messages');
 */
export function keyedWindowLimiter(max: number, windowMs: number, now: () => number = Date.now): (key: string) => boolean {
  const windows = new Map<string, { start: number; count: number }>();
  const PRUNE_AT = 10_000;
  return (key) => {
    const t = now();
    if (windows.size >= PRUNE_AT) for (const [k, w] of windows) if (t - w.start > windowMs) windows.delete(k);
    let w = windows.get(key);
    if (!w || t - w.start > windowMs) windows.set(key, (w = { start: t, count: 0 }));
    w.count++;
    return w.count <= max;
  };
}
