// The one way the widget builds DOM: elements, attributes and text nodes. There is no HTML
// parsing anywhere, so customer and agent text can only ever become text.

export type Child = Node | string | null | undefined | false;
export type Attrs = Record<string, string | number | boolean | null | undefined>;

/** Builds elements on a given document (the real one, or a fake one in unit tests). */
export interface Dom {
  doc: Document;
  h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs, ...children: Child[]): HTMLElementTagNameMap[K];
  text(value: string): Text;
}

/**
 * @example const { h } = createDom(document); h('p', { class: 'note' }, userText)
 */
export function createDom(doc: Document): Dom {
  const text = (value: string): Text => doc.createTextNode(value);
  function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
    const element = doc.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) {
      // Event handlers are attached with addEventListener, never as attributes.
      if (/^on/i.test(name)) throw new Error(`refusing attribute ${name}`);
      if (value === null || value === undefined || value === false) continue;
      element.setAttribute(name, value === true ? '' : String(value));
    }
    append(element, children, text);
    return element;
  }
  return { doc, h, text };
}

function append(parent: Node, children: Child[], text: (value: string) => Text): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? text(child) : child);
  }
}

/**
 * Puts `nodes` in `parent` in order, moving only what is out of place, so that the focused
 * element or the scroll position of an unchanged node is kept.
 */
export function syncChildren(parent: Node, nodes: Node[]): void {
  nodes.forEach((node, index) => {
    const current = parent.childNodes[index] ?? null;
    if (current !== node) parent.insertBefore(node, current);
  });
  while (parent.childNodes.length > nodes.length) {
    const last = parent.lastChild;
    if (!last) break;
    parent.removeChild(last);
  }
}
