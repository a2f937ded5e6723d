import { describe, expect, it, vi } from 'vitest';
import { brandColor, textOn } from './brand-color.js';
import { checkFile } from './http-api.js';
import { pickLocale } from './i18n.js';
import { createPublicApi } from './public-api.js';
import { rulesHold } from './rules.js';
import { isSameOrigin, safeHttpUrl } from './safe-url.js';
import { createPageCounter, createTokenStore } from './storage.js';

const page = { secondsOnPage: 0, href: 'https://shop.example/cart', cartValue: undefined, pagesWithoutInteraction: 1 };

describe('click-to-chat rules', () => {
  it('holds with no rules, and only when every set rule holds', () => {
    expect(rulesHold({}, page)).toBe(true);
    expect(rulesHold({ minSecondsOnPage: 30 }, { ...page, secondsOnPage: 29 })).toBe(false);
    expect(rulesHold({ minSecondsOnPage: 30 }, { ...page, secondsOnPage: 30 })).toBe(true);
    expect(rulesHold({ urlPattern: '/cart' }, page)).toBe(true);
    expect(rulesHold({ urlPattern: '/checkout' }, page)).toBe(false);
    expect(rulesHold({ urlPattern: '(' }, page)).toBe(false);
    expect(rulesHold({ minCartValue: 100 }, page)).toBe(false);
    expect(rulesHold({ minCartValue: 100 }, { ...page, cartValue: 100 })).toBe(true);
    expect(rulesHold({ lostAfterPages: 3 }, { ...page, pagesWithoutInteraction: 2 })).toBe(false);
    expect(rulesHold({ lostAfterPages: 3, urlPattern: 'cart' }, { ...page, pagesWithoutInteraction: 3 })).toBe(true);
    expect(rulesHold({ lostAfterPages: 3, urlPattern: 'nope' }, { ...page, pagesWithoutInteraction: 3 })).toBe(false);
  });
});

describe('URLs', () => {
  it('accepts only http(s), resolved against the Parley server', () => {
    expect(safeHttpUrl('javascript:alert(1)', 'https://p.example')).toBeNull();
    expect(safeHttpUrl(' JaVaScRiPt:alert(1)', 'https://p.example')).toBeNull();
    expect(safeHttpUrl('data:text/html,<b>', 'https://p.example')).toBeNull();
    expect(safeHttpUrl('/files/1', 'https://p.example')).toBe('https://p.example/files/1');
    expect(safeHttpUrl('http://x.example/a', 'https://p.example')).toBe('http://x.example/a');
    expect(isSameOrigin('/files/1', 'https://p.example')).toBe(true);
    expect(isSameOrigin('https://p.example.evil.com/x', 'https://p.example')).toBe(false);
  });
});

describe('locale', () => {
  it('takes the first supported language, then the channel default, then French', () => {
    expect(pickLocale(['en', 'fr'])).toBe('en');
    expect(pickLocale([undefined, 'de-DE', 'en-GB'])).toBe('en');
    expect(pickLocale([undefined, '', 'de'], 'en')).toBe('en');
    expect(pickLocale([null])).toBe('fr');
  });
});

describe('attachments', () => {
  it('checks type (wildcards too) and size', () => {
    const limits = { maxBytes: 1000, types: ['image/*', 'application/pdf'] };
    expect(checkFile({ size: 10, type: 'image/png' }, limits)).toBe('ok');
    expect(checkFile({ size: 10, type: 'application/pdf' }, limits)).toBe('ok');
    expect(checkFile({ size: 10, type: 'text/html' }, limits)).toBe('bad_type');
    expect(checkFile({ size: 1001, type: 'image/png' }, limits)).toBe('too_large');
  });
});

describe('brand colour', () => {
  it('accepts only hex colours and picks a readable text colour', () => {
    expect(brandColor('red;background:url(x)')).toBe('#2f6fed');
    expect(brandColor('#0A5')).toBe('#0A5');
    expect(textOn('#ffffff')).toBe('#1f2328');
    expect(textOn('#1a237e')).toBe('#ffffff');
  });
});

describe('storage', () => {
  function memory(): Storage {
    const map = new Map<string, string>();
    return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v) } as Storage;
  }
  it('keeps one visitor token per channel and survives a throwing storage', () => {
    const storage = memory();
    createTokenStore(() => storage, 'a').set('tok-a');
    expect(createTokenStore(() => storage, 'a').get()).toBe('tok-a');
    expect(createTokenStore(() => storage, 'b').get()).toBeNull();
    const broken = createTokenStore(() => {
      throw new Error('SecurityError');
    }, 'a');
    expect(broken.get()).toBeNull();
    expect(() => broken.set('x')).not.toThrow();
  });
  it('counts pages until reset', () => {
    const storage = memory();
    const counter = createPageCounter(() => storage, 'a');
    counter.visit();
    expect(counter.visit()).toBe(2);
    counter.reset();
    expect(counter.visit()).toBe(1);
  });
});

describe('window.Parley', () => {
  it('replays queued commands once the widget is attached, and runs later pushes at once', async () => {
    const onOpen = vi.fn();
    const target = { open: vi.fn(), close: vi.fn(), identify: vi.fn(() => Promise.resolve({ verified: true })), setContext: vi.fn() };
    const { api, attach, emit } = createPublicApi([['setContext', { cartValue: 50 }], ['on', 'open', onOpen], ['open'], 'garbage'], '0.1.0');
    const identified = api.identify({ externalId: 'u1' });
    expect(target.open).not.toHaveBeenCalled();
    attach(target);
    await Promise.resolve();
    expect(target.setContext).toHaveBeenCalledWith({ cartValue: 50 });
    expect(target.open).toHaveBeenCalledOnce();
    await expect(identified).resolves.toEqual({ verified: true });
    api.q.push(['close']);
    expect(target.close).toHaveBeenCalledOnce();
    emit('open');
    expect(onOpen).toHaveBeenCalledOnce();
  });
  it('isolates a throwing listener and fires ready for late subscribers', () => {
    const { api, attach, emit } = createPublicApi([], '0.1.0');
    const good = vi.fn();
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    api.on('message', () => {
      throw new Error('host bug');
    });
    api.on('message', good);
    attach({ open: vi.fn(), close: vi.fn(), identify: vi.fn(), setContext: vi.fn() });
    emit('message');
    expect(good).toHaveBeenCalled();
    const ready = vi.fn();
    api.on('ready', ready);
    expect(ready).toHaveBeenCalledOnce();
    spy.mockRestore();
  });
});

describe('script settings', () => {
  it('reads data-channel/locale/context, with or without the parley- prefix', async () => {
    const { readScriptSettings } = await import('./script-settings.js');
    expect(readScriptSettings({ dataset: {} })).toBeNull();
    expect(readScriptSettings({ dataset: { channel: 'c1', locale: 'en' } })).toEqual({ channelId: 'c1', locale: 'en', context: null });
    expect(
      readScriptSettings({ dataset: { parleyChannel: 'c2', parleyLocale: 'fr', parleyContext: '{"cartValue":378,"page":"demo","nested":{"x":1}}' } }),
    ).toEqual({
      channelId: 'c2',
      locale: 'fr',
      context: { cartValue: 378, page: 'demo' },
    });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(readScriptSettings({ dataset: { channel: 'c3', context: '{oops' } })?.context).toBeNull();
    warn.mockRestore();
  });
});
