// Static HTML for /demo and the "not built yet" page. Nothing stored (no message, no visitor
// input) is ever written into these pages; the only dynamic values are a channel UUID and a
// locale from a fixed list, and they are escaped anyway.

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** HTML-escapes text for element content and quoted attributes. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

const TEXT = {
  fr: {
    title: 'Maison Lumière — Luminaires faits main',
    tagline: 'Luminaires faits main à Lyon depuis 1987',
    lamps: [
      { name: 'Lampe Aurore', price: '129 €', text: 'Laiton brossé, abat-jour en lin.' },
      { name: 'Suspension Céleste', price: '249 €', text: 'Verre soufflé, trois tailles.' },
      { name: 'Applique Lune', price: '89 €', text: 'Céramique émaillée, lumière douce.' },
    ],
    cart: 'Votre panier',
    cartItems: '2 articles',
    other: 'English',
    help: 'Une question ? Cliquez sur la bulle en bas à droite.',
  },
  en: {
    title: 'Maison Lumière — Handmade lighting',
    tagline: 'Handmade lamps from Lyon since 1987',
    lamps: [
      { name: 'Aurore lamp', price: '€129', text: 'Brushed brass, linen shade.' },
      { name: 'Céleste pendant', price: '€249', text: 'Blown glass, three sizes.' },
      { name: 'Lune wall light', price: '€89', text: 'Glazed ceramic, soft light.' },
    ],
    cart: 'Your cart',
    cartItems: '2 items',
    other: 'Français',
    help: 'A question? Click the bubble at the bottom right.',
  },
} as const;

const CART_VALUE = 378;

/**
 * The demo shop page embedding the widget snippet. No inline script (CSP `script-src 'self'`):
 * the snippet's settings are data- attributes of its script tag.
 */
export function demoPage(channelId: string, locale: 'fr' | 'en'): string {
  const t = TEXT[locale];
  const lamps = t.lamps
    .map((l) => `<article class="lamp"><h2>${escapeHtml(l.name)}</h2><p>${escapeHtml(l.text)}</p><p class="price">${escapeHtml(l.price)}</p></article>`)
    .join('\n      ');
  const context = JSON.stringify({ page: 'demo', cartValue: CART_VALUE, currency: 'EUR' });
  return `<!doctype html>
<html lang="${locale}">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${escapeHtml(t.title)}</title>
    <style>
      body { font-family: Georgia, serif; margin: 0; color: #3b2f2a; background: #fbf7f2; }
      header { padding: 2rem; background: #b45309; color: #fff; display: flex; justify-content: space-between; align-items: baseline; }
      header a { color: #fff; }
      main { padding: 2rem; display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: 1.5rem; }
      .lamp { background: #fff; border-radius: 8px; padding: 1rem 1.5rem; box-shadow: 0 1px 3px rgba(0,0,0,.1); }
      .price { font-weight: bold; color: #b45309; }
      aside { margin: 0 2rem 2rem; padding: 1rem 1.5rem; background: #fff; border-radius: 8px; }
    </style>
  </head>
  <body>
    <header>
      <div><h1>Maison Lumière</h1><p>${escapeHtml(t.tagline)}</p></div>
      <a href="/demo?lang=${locale === 'fr' ? 'en' : 'fr'}">${escapeHtml(t.other)}</a>
    </header>
    <main>
      ${lamps}
    </main>
    <aside id="cart" data-cart-value="${CART_VALUE}">
      <h2>${escapeHtml(t.cart)}</h2>
      <p>${escapeHtml(t.cartItems)} — <strong>${locale === 'fr' ? `${CART_VALUE} €` : `€${CART_VALUE}`}</strong></p>
      <p>${escapeHtml(t.help)}</p>
    </aside>
    <script src="/widget.js" async data-parley-channel="${escapeHtml(channelId)}" data-parley-locale="${locale}" data-parley-context="${escapeHtml(context)}"></script>
  </body>
</html>
`;
}

/** A 503 page for a browser bundle that has not been built yet. */
export function notBuiltPage(what: string, command: string): string {
  return `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>Not built yet</title></head>
  <body>
    <h1>${escapeHtml(what)} is not built yet</h1>
    <p>Build it with <code>${escapeHtml(command)}</code>, then reload this page. The API keeps working meanwhile.</p>
  </body>
</html>
`;
}
