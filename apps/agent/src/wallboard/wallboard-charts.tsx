import type { Presence } from '../assist/assist-api.js';

/**
 * A horizontal bar for a share in [0, 1] (service level, occupancy, unhappy customers): inline
 * SVG, no chart library. `tone` picks the colour; the label stays text beside it.
 */
export function ShareBar({ share, label, tone, testId }: { share: number | null; label: string; tone: 'good' | 'warn' | 'bad' | 'neutral'; testId: string }) {
  const width = share === null ? 0 : Math.round(Math.max(0, Math.min(1, share)) * 100);
  return (
    <span className="share-bar" data-testid={testId} data-share={share === null ? '' : share.toFixed(2)}>
      <svg className="share-bar__svg" viewBox="0 0 100 8" preserveAspectRatio="none" role="img" aria-label={label}>
        <rect x="0" y="0" width="100" height="8" rx="2" className="share-bar__track" />
        <rect x="0" y="0" width={width} height="8" rx="2" className={`share-bar__fill share-bar__fill--${tone}`} />
      </svg>
      <span className="share-bar__label">{label}</span>
    </span>
  );
}

const PRESENCE_ORDER: readonly Presence[] = ['online', 'busy', 'away', 'offline'];

/** Advisors by presence as one stacked bar, each segment as wide as its count, with a text legend. */
export function PresenceBar({ counts, labels }: { counts: Record<Presence, number>; labels: Record<Presence, string> }) {
  const total = PRESENCE_ORDER.reduce((n, p) => n + counts[p], 0);
  let x = 0;
  return (
    <span className="presence-bar" data-testid="queue-presence">
      <svg className="share-bar__svg" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true">
        <rect x="0" y="0" width="100" height="8" rx="2" className="share-bar__track" />
        {total > 0 &&
          PRESENCE_ORDER.map((p) => {
            const w = (counts[p] / total) * 100;
            const rect = <rect key={p} x={x} y="0" width={w} height="8" className={`presence-bar__seg presence-bar__seg--${p}`} />;
            x += w;
            return rect;
          })}
      </svg>
      <span className="presence-bar__legend">
        {PRESENCE_ORDER.filter((p) => counts[p] > 0).map((p) => (
          <span key={p} className={`presence-dot presence-dot--${p}`} data-presence={p}>
            {counts[p]} {labels[p]}
          </span>
        ))}
      </span>
    </span>
  );
}

/** The tone of a share where higher is better (service level). */
export const higherIsBetter = (share: number | null): 'good' | 'warn' | 'bad' | 'neutral' =>
  share === null ? 'neutral' : share >= 0.8 ? 'good' : share >= 0.6 ? 'warn' : 'bad';
/** The tone of a share where higher is worse (occupancy, unhappy customers). */
export const higherIsWorse = (share: number | null): 'good' | 'warn' | 'bad' | 'neutral' =>
  share === null ? 'neutral' : share >= 0.9 ? 'bad' : share >= 0.7 ? 'warn' : 'good';
