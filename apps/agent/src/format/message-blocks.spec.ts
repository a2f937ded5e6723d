import { describe, expect, it } from 'vitest';
import { previewOf, toBlockViews } from './message-blocks.js';
import { safeUrl } from './safe-url.js';
import { customerLabel } from './customer-label.js';
import { translator } from '../i18n/messages.js';
import { detectLocale } from '../i18n/detect-locale.js';

describe('message blocks', () => {
  it('renders buttons, quick replies and cards as read-only chip labels', () => {
    const views = toBlockViews(
      {
        v: 1,
        blocks: [
          {
            type: 'buttons',
            text: 'Choose',
            buttons: [
              { id: '1', label: 'Yes' },
              { id: '2', label: 'No', url: 'javascript:alert(1)' },
            ],
          },
          { type: 'quick_replies', replies: [{ id: 'a', label: 'Track order' }] },
          { type: 'cards', cards: [{ title: 'Shoes', subtitle: '42', buttons: [{ id: 'b', label: 'Buy' }] }] },
        ],
      },
      '',
    );
    expect(views).toEqual([
      { kind: 'chips', text: 'Choose', labels: ['Yes', 'No'] },
      { kind: 'chips', text: null, labels: ['Track order'] },
      { kind: 'cards', cards: [{ title: 'Shoes', subtitle: '42', labels: ['Buy'] }] },
    ]);
  });

  it('links attachments to our download route or a safe external URL only', () => {
    const id = '0b7e6a64-8a0f-4a5e-9d55-0c3f4a0f2b11';
    const views = toBlockViews(
      {
        v: 1,
        blocks: [
          { type: 'attachment', attachmentId: id, fileName: 'invoice.pdf', contentType: 'application/pdf', sizeBytes: 2048 },
          { type: 'attachment', url: 'https://cdn.example.com/a.png', fileName: 'a.png', contentType: 'image/png' },
          { type: 'attachment', url: 'javascript:alert(1)', fileName: 'x.html', contentType: 'text/html' },
          { type: 'attachment', attachmentId: '../../admin', fileName: 'y', contentType: 'text/plain' },
        ],
      },
      '',
    );
    expect(views.map((v) => (v.kind === 'attachment' ? v.href : 'n/a'))).toEqual([`/api/v1/attachments/${id}`, 'https://cdn.example.com/a.png', null, null]);
  });

  it('gives no link to a file marked unavailable, with its reason, and shows the mail server verdicts of an email', () => {
    const views = toBlockViews(
      {
        v: 1,
        blocks: [
          {
            type: 'attachment',
            url: 'https://cdn.example.com/x.html',
            fileName: 'x.html',
            contentType: 'text/html',
            unavailable: 'type text/html is not allowed',
          },
          { type: 'email', subject: 'S', original: 'o', authentication: { authservId: 'mx.shop.test', spf: 'pass', dmarc: 'fail', header: 'h' } },
          { type: 'email', subject: 'S', original: 'o' },
        ],
      },
      '',
    );
    expect(views).toEqual([
      { kind: 'attachment', fileName: 'x.html', contentType: 'text/html', sizeBytes: null, href: null, unavailable: 'type text/html is not allowed' },
      {
        kind: 'auth',
        server: 'mx.shop.test',
        results: [
          { method: 'spf', verdict: 'pass' },
          { method: 'dmarc', verdict: 'fail' },
        ],
      },
    ]);
  });

  it('falls back to the text when the content is not readable', () => {
    expect(toBlockViews(null, 'plain')).toEqual([{ kind: 'text', text: 'plain' }]);
    expect(toBlockViews({ v: 1, blocks: 'nope' }, 'plain')).toEqual([{ kind: 'text', text: 'plain' }]);
  });

  it('previews on one line, truncated', () => {
    expect(previewOf(null, 'a\n\nb   c')).toBe('a b c');
    expect(previewOf(null, 'x'.repeat(200), 10)).toBe(`${'x'.repeat(9)}…`);
    expect(previewOf({ v: 1, blocks: [{ type: 'attachment', fileName: 'f.pdf', contentType: 'application/pdf' }] }, '')).toBe('📎 f.pdf');
  });
});

describe('safe URLs', () => {
  it('allows http(s) and same-origin paths only', () => {
    expect(safeUrl('https://example.com/a?b=1')).toBe('https://example.com/a?b=1');
    expect(safeUrl('http://example.com')).toBe('http://example.com/');
    expect(safeUrl('/api/v1/attachments/x')).toBe('/api/v1/attachments/x');
    for (const bad of ['javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html,<b>', '//evil.example', '/\\evil.example', 'vbscript:x', '', 42, null])
      expect(safeUrl(bad)).toBeNull();
  });
});

describe('labels and locale', () => {
  it('names anonymous customers Visitor/Visiteur + short id', () => {
    expect(customerLabel(null, '0190aaaa-0000-7000-8000-00003f2a9c1e', translator('en'))).toBe('Visitor 2a9c1e');
    expect(customerLabel('  ', '0190aaaa-0000-7000-8000-00003f2a9c1e', translator('fr'))).toBe('Visiteur 2a9c1e');
    expect(customerLabel('Camille', 'x', translator('fr'))).toBe('Camille');
  });

  it('prefers the stored choice, then the workspace, then the browser', () => {
    expect(detectLocale('en', 'fr', ['fr-FR'])).toBe('en');
    expect(detectLocale(null, 'fr-FR', ['en-US'])).toBe('fr');
    expect(detectLocale(null, 'de', ['de-DE', 'fr-CA'])).toBe('fr');
    expect(detectLocale('xx', null, [])).toBe('en');
  });

  it('has every key in both languages', async () => {
    const { en, fr } = await import('../i18n/messages.js');
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
  });
});
