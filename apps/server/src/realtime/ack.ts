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

/** A fixed-window limit per socket, so one visitor can't flood the ingestor. */
export function windowLimiter(max: number, windowMs: number): () => boolean {
  let windowStart = 0;
  let count = 0;
  return () => {
    const now = Date.now();
    if (now - windowStart > windowMs) {
      windowStart = now;
      count = 0;
    }
    count++;
    return count <= max;
  };
}
