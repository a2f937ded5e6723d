import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { escapeHtml, renderMarkdown } from './markdown-html.js';

describe('renderMarkdown', () => {
  it('renders the supported subset', () => {
    expect(renderMarkdown('# Title\n\nSome **bold** and *it* and `x<y`.\n\n1. one\n2. two\n\n- a\n- b')).toBe(
      '<h3>Title</h3>\n<p>Some <strong>bold</strong> and <em>it</em> and <code>x&lt;y</code>.</p>\n<ol><li>one</li><li>two</li></ol>\n<ul><li>a</li><li>b</li></ul>',
    );
    expect(renderMarkdown('[site](https://example.com/a?b=1&c=2)')).toBe(
      '<p><a href="https://example.com/a?b=1&amp;c=2" rel="noopener noreferrer nofollow">site</a></p>',
    );
    expect(renderMarkdown('```\n<b>x</b>\n```')).toBe('<pre><code>&lt;b&gt;x&lt;/b&gt;</code></pre>');
  });

  it('never produces links other than http(s) and shows raw HTML as text', () => {
    for (const href of ['javascript:alert(1)', 'data:text/html,x', '//evil.com', 'JaVaScRiPt:x', 'vbscript:x', 'https://x" onmouseover="a'])
      expect(renderMarkdown(`[x](${href})`)).not.toContain('<a');
    expect(renderMarkdown('<img src=x onerror=alert(1)>')).toBe('<p>&lt;img src=x onerror=alert(1)&gt;</p>');
  });

  it('escapes every tag and attribute breaker for any input', () => {
    const allowed = /^<\/?(h[3-6]|p|ul|ol|li|strong|em|code|pre|br|a( href="https?:\/\/[^"<>]*" rel="noopener noreferrer nofollow")?)>$/;
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom(
            '<',
            '>',
            '"',
            "'",
            '&',
            '*',
            '_',
            '`',
            '[',
            ']',
            '(',
            ')',
            '#',
            '-',
            '\n',
            ' ',
            'a',
            'h',
            ':',
            '/',
            '1',
            '.',
            'javascript',
            'https://x',
          ),
        }),
        (md) => {
          const html = renderMarkdown(md);
          for (const tag of html.match(/<[^>]*>/g) ?? []) expect(tag).toMatch(allowed);
          expect(html).not.toMatch(/<(?!\/?(h[3-6]|p|ul|ol|li|strong|em|code|pre|br|a)[ >])/);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('escapes the five HTML characters', () => {
    expect(escapeHtml(`<>&"'`)).toBe('&lt;&gt;&amp;&quot;&#39;');
  });
});
