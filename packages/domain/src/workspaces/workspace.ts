export interface Workspace {
  id: string;
  name: string;
  slug: string;
  timeZone: string;
  locale: string;
  createdAt: Date;
}

/** A URL-safe slug from a display name ("Café Léa" → "cafe-lea"). */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
  return slug.length > 0 ? slug : 'workspace';
}
