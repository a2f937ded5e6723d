import { describe, expect, it } from 'vitest';
import { asFake, fakeDocument } from '../test/support/fake-dom.js';
import { createDom, syncChildren } from './dom.js';

describe('createDom', () => {
  it('turns strings into text nodes and refuses event-handler attributes', () => {
    const { h } = createDom(fakeDocument());
    const p = asFake(h('p', { class: 'x', hidden: true, title: undefined }, '<b>hi</b>'));
    expect(p.textContent).toBe('<b>hi</b>');
    expect(p.byTag('b')).toHaveLength(0);
    expect(p.getAttribute('hidden')).toBe('');
    expect(p.getAttribute('title')).toBeNull();
    expect(() => h('a', { onclick: 'alert(1)' })).toThrow(/onclick/);
  });

  it('syncChildren keeps nodes already in place and removes the rest', () => {
    const { h } = createDom(fakeDocument());
    const parent = h('div');
    const [a, b, c] = [h('i'), h('i'), h('i')];
    syncChildren(parent, [a, b]);
    syncChildren(parent, [a, c, b]);
    expect(asFake(parent).childNodes).toEqual([a, c, b]);
    syncChildren(parent, [c]);
    expect(asFake(parent).childNodes).toEqual([c]);
  });
});
