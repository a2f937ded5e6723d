const DEFAULT_BRAND = '#2f6fed';

/** The configured colour if it is a plain hex colour, else Parley's blue. */
export function brandColor(value: string | undefined): string {
  return value && /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(value) ? value : DEFAULT_BRAND;
}

/** Black or white text, whichever reads better on the brand colour (WCAG relative luminance). */
export function textOn(hex: string): string {
  const full = hex.length === 4 ? hex.replace(/[0-9a-f]/gi, (c) => c + c) : hex;
  const channels = [1, 3, 5].map((i) => parseInt(full.slice(i, i + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return luminance > 0.4 ? '#1f2328' : '#ffffff';
}

/** The brand colour, darkened when too light to be readable as text on white. */
export function brandText(hex: string): string {
  return textOn(hex) === '#ffffff' ? hex : '#1f2328';
}
