import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sanitizeEmailHtml } from './sanitize-email-html.js';

describe('sanitizeEmailHtml', () => {
  it('keeps structure and drops scripts, handlers, styles, images and javascript: links', () => {
    const out = sanitizeEmailHtml(
      '<div style="color:red" onclick="x()"><p>Bonjour <b>Jeanne</b></p><script>alert(1)</script><img src="https://t.test/p.gif"><a href="javascript:alert(1)">x</a><a href="https://shop.test/suivi">suivi</a><iframe src="x"></iframe></div>',
    );
    expect(out).toBe(
      '<div><p>Bonjour <b>Jeanne</b></p><a rel="noopener noreferrer nofollow" target="_blank">x</a><a href="https://shop.test/suivi" rel="noopener noreferrer nofollow" target="_blank">suivi</a></div>',
    );
  });

  it('never lets a script or an event handler through', () => {
    const fragment = fc.constantFrom(
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '<svg onload=alert(1)>',
      '<a href="javascript:x">',
      '<p onmouseover="x">',
      '<scr<script>ipt>',
      '</p>',
      '<p>',
      'texte',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(fragment, fc.string()), { maxLength: 12 }), (parts) => {
        const out = sanitizeEmailHtml(parts.join(''));
        expect(out).not.toMatch(/<script|<svg|<img|\son\w+\s*=|javascript:/i);
      }),
    );
  });
});
