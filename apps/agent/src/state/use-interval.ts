import { useEffect, useRef } from 'react';

/** Calls `callback` every `ms` while `ms` is not null (the polling fallback). */
export function useInterval(callback: () => void, ms: number | null): void {
  const ref = useRef(callback);
  ref.current = callback;
  useEffect(() => {
    if (ms === null) return;
    const id = setInterval(() => ref.current(), ms);
    return () => clearInterval(id);
  }, [ms]);
}
