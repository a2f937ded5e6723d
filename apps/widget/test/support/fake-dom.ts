// A minimal document for unit-testing the rendering functions in Node: enough of the DOM for
// createElement/createTextNode/setAttribute/appendChild/events. `innerHTML` throws, so a test
// fails if rendering ever parses markup.

type Listener = (event: FakeEvent) => void;

export interface FakeEvent {
  type: string;
  key?: string;
  shiftKey?: boolean;
  defaultPrevented: boolean;
  preventDefault(): void;
  stopPropagation(): void;
}

export class FakeNode {
  parentNode: FakeElement | null = null;
  readonly childNodes: FakeNode[] = [];
  constructor(readonly nodeType: number) {}

  get lastChild(): FakeNode | null {
    return this.childNodes[this.childNodes.length - 1] ?? null;
  }
  get firstChild(): FakeNode | null {
    return this.childNodes[0] ?? null;
  }
  get textContent(): string {
    return this.childNodes.map((c) => c.textContent).join('');
  }
  remove(): void {
    if (this.parentNode) this.parentNode.removeChild(this);
  }
}

export class FakeText extends FakeNode {
  constructor(public data: string) {
    super(3);
  }
  override get textContent(): string {
    return this.data;
  }
}

export class FakeElement extends FakeNode {
  readonly attributes = new Map<string, string>();
  readonly listeners = new Map<string, Listener[]>();
  value = '';
  focused = false;
  constructor(readonly tagName: string) {
    super(1);
  }
  override get textContent(): string {
    return super.textContent;
  }
  override set textContent(value: string) {
    for (const child of [...this.childNodes]) this.removeChild(child);
    if (value) this.appendChild(new FakeText(value));
  }
  get innerHTML(): string {
    throw new Error('innerHTML must not be used');
  }
  set innerHTML(_value: string) {
    throw new Error('innerHTML must not be used');
  }
  setAttribute(name: string, value: string): void {
    this.attributes.set(name.toLowerCase(), String(value));
  }
  getAttribute(name: string): string | null {
    return this.attributes.get(name.toLowerCase()) ?? null;
  }
  removeAttribute(name: string): void {
    this.attributes.delete(name.toLowerCase());
  }
  get disabled(): boolean {
    return this.attributes.has('disabled');
  }
  set disabled(value: boolean) {
    if (value) this.setAttribute('disabled', '');
    else this.removeAttribute('disabled');
  }
  appendChild<T extends FakeNode>(child: T): T {
    return this.insertBefore(child, null);
  }
  append(...children: Array<FakeNode | string>): void {
    for (const child of children) this.appendChild(typeof child === 'string' ? new FakeText(child) : child);
  }
  insertBefore<T extends FakeNode>(child: T, reference: FakeNode | null): T {
    if (child.parentNode) child.parentNode.removeChild(child);
    const index = reference ? this.childNodes.indexOf(reference) : -1;
    if (index < 0) this.childNodes.push(child);
    else this.childNodes.splice(index, 0, child);
    child.parentNode = this;
    return child;
  }
  removeChild<T extends FakeNode>(child: T): T {
    const index = this.childNodes.indexOf(child);
    if (index >= 0) this.childNodes.splice(index, 1);
    child.parentNode = null;
    return child;
  }
  addEventListener(type: string, listener: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  dispatch(type: string, init: Partial<FakeEvent> = {}): FakeEvent {
    const event: FakeEvent = {
      type,
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
      stopPropagation() {},
      ...init,
    };
    for (const listener of this.listeners.get(type) ?? []) listener(event);
    return event;
  }
  focus(): void {
    this.focused = true;
  }
  /** Depth-first search, for assertions. */
  findAll(predicate: (element: FakeElement) => boolean): FakeElement[] {
    const found: FakeElement[] = [];
    for (const child of this.childNodes) {
      if (child instanceof FakeElement) {
        if (predicate(child)) found.push(child);
        found.push(...child.findAll(predicate));
      }
    }
    return found;
  }
  byTag(tag: string): FakeElement[] {
    return this.findAll((e) => e.tagName === tag.toUpperCase());
  }
}

export class FakeDocument {
  createElement(tag: string): FakeElement {
    return new FakeElement(tag.toUpperCase());
  }
  createTextNode(data: string): FakeText {
    return new FakeText(data);
  }
}

/** The fake as a Document, for code typed against the real DOM. */
export function fakeDocument(): Document {
  return new FakeDocument() as unknown as Document;
}

export function asFake(node: Node): FakeElement {
  return node as unknown as FakeElement;
}
