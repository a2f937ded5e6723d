import type { Localized } from './bot-definition.schema.js';

/**
 * The text in `lang`, else in the fallback language, else the first one present.
 *
 * @example
 * pick({ fr: 'Bonjour', en: 'Hello' }, 'en', 'fr') // 'Hello'
 */
export function pick(text: Localized | undefined, lang: string, fallback: string): string {
  if (!text) return '';
  return text[lang] ?? text[fallback] ?? Object.values(text)[0] ?? '';
}

/** Values a template may read: `{{firstName}}`, `{{slots.x}}`, `{{attributes.y}}`, `{{secrets.z}}`. */
export interface TemplateScope {
  readonly firstName?: string | null;
  readonly slots: Readonly<Record<string, string>>;
  readonly attributes: Readonly<Record<string, unknown>>;
  /**
   * Secret values, or `'keep'` to leave `{{secrets.NAME}}` in place for the driver to fill at call
   * time (HTTP headers and body), so a secret never enters the bot's state or actions.
   */
  readonly secrets?: Readonly<Record<string, string>> | 'keep';
}

/**
 * Fills `{{path}}` placeholders; an unknown path becomes empty so a customer never sees braces.
 * `encode` escapes each value (URL components, JSON strings).
 *
 * @example
 * render('Commande {{slots.ref}}', { slots: { ref: 'CMD-1' }, attributes: {} }) // 'Commande CMD-1'
 */
export function render(template: string, scope: TemplateScope, encode: (value: string) => string = (v) => v): string {
  return template.replace(/\{\{\s*([a-zA-Z0-9_.]+)\s*\}\}/g, (_, path: string) => {
    const [head, ...rest] = path.split('.');
    if (head === 'secrets' && scope.secrets === 'keep') return `{{${path}}}`;
    let value: unknown;
    if (head === 'firstName') value = scope.firstName ?? '';
    else if (head === 'slots') value = scope.slots[rest.join('.')];
    else if (head === 'attributes') value = readPath(scope.attributes, rest.join('.'));
    else if (head === 'secrets' && scope.secrets !== 'keep') value = scope.secrets?.[rest.join('.')];
    return value === undefined || value === null ? '' : encode(typeof value === 'string' ? value : JSON.stringify(value));
  });
}

/**
 * Reads a dotted path ("order.status", "items.0.name") in a JSON value.
 *
 * @example
 * readPath({ order: { status: 'shipped' } }, 'order.status') // 'shipped'
 */
export function readPath(value: unknown, path: string): unknown {
  if (path === '') return value;
  let current: unknown = value;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/**
 * Fills the `{{secrets.NAME}}` placeholders an HTTP action kept, right before the call: header
 * values as they are, the body JSON-string-escaped like the other body values. An unknown secret
 * becomes empty.
 *
 * @example
 * fillSecrets({ headers: { authorization: 'Bearer {{secrets.TOKEN}}' } }, { TOKEN: 's3cr3t' }).headers.authorization // 'Bearer s3cr3t'
 */
export function fillSecrets<T extends { headers: Record<string, string>; body?: string }>(request: T, secrets: Readonly<Record<string, string>>): T {
  const fill = (text: string, encode: (v: string) => string) =>
    text.replace(/\{\{\s*secrets\.([a-zA-Z0-9_]+)\s*\}\}/g, (_, name: string) => encode(secrets[name] ?? ''));
  const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, fill(v, (x) => x.replace(/[\r\n]/g, ''))]));
  return { ...request, headers, ...(request.body === undefined ? {} : { body: fill(request.body, (x) => JSON.stringify(x).slice(1, -1)) }) };
}
