// Tallyfy's HTML (a task's description, a comment) shown as text. The HTML is parsed into a document of
// its own (`DOMParser`: a parsed document runs no script and loads nothing), and read: its text, where
// its lines and paragraphs break, its list items and its links. What is shown is built anew in the
// page's document from that reading: paragraphs (`p`), line breaks (`br`) and links (`a`) made here,
// with text nodes for the text. No element or attribute of the input ever reaches the page; a link keeps
// its address only when it is an absolute http:, https: or mailto: URL.

/** Elements dropped with everything in them. */
const DROPPED: ReadonlySet<string> = new Set([
  'script', 'style', 'template', 'noscript', 'iframe', 'object', 'embed', 'frame', 'frameset', 'svg', 'math',
  'head', 'title', 'meta', 'link', 'base', 'canvas', 'audio', 'video', 'select', 'datalist', 'button', 'input',
  'textarea', 'param', 'source', 'track', 'map', 'area', 'dialog',
]);

/** Elements that end the paragraph before and after them, with a paragraph's space between. */
const PARAGRAPHS: ReadonlySet<string> = new Set([
  'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'ul', 'ol', 'dl', 'table', 'hr', 'figure',
  'address', 'fieldset', 'details', 'menu',
]);

/** Elements that end the line before and after them. */
const LINES: ReadonlySet<string> = new Set([
  'div', 'li', 'tr', 'dt', 'dd', 'caption', 'figcaption', 'section', 'article', 'header', 'footer', 'main', 'nav',
  'aside', 'summary', 'form', 'center', 'thead', 'tbody', 'tfoot', 'legend', 'body', 'html',
]);

const LINK_PROTOCOLS: ReadonlySet<string> = new Set(['http:', 'https:', 'mailto:']);

/** Deepest list nesting given its own indent (deeper lists share the last one). */
const MAX_INDENT = 4;

/** One run of a paragraph: text (collapsible or kept as written), a line break, or a link. */
type Run =
  | { readonly kind: 'text'; readonly text: string; readonly raw: boolean }
  | { readonly kind: 'br' }
  | { readonly kind: 'link'; readonly href: string; readonly text: string };

/** A paragraph as read: its runs, whether a paragraph's space (not a line's) comes before it, its indent. */
interface Block {
  readonly runs: Run[];
  gap: boolean;
  indent: number;
  quote: boolean;
  pre: boolean;
  heading: boolean;
}

const SPACES = /[ \t\n\f\r]+/g;

/** The address of a link, when it is one the page may follow; undefined otherwise. */
export function safeHref(href: string | null): string | undefined {
  if (href === null) return undefined;
  let url: URL;
  try {
    // No base: a relative address (or `javascript:…` made to look like a path) is not absolute.
    url = new URL(href.trim());
  } catch {
    return undefined;
  }
  return LINK_PROTOCOLS.has(url.protocol) ? url.href : undefined;
}

/** Reads Tallyfy's HTML into paragraphs of runs, whitespace collapsed as a browser shows normal text. */
function read(html: string): Block[] {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  return new HtmlReader().read(parsed.body ?? parsed);
}

/** One walk over a parsed document: where its paragraphs and lines break, their runs, and how they read. */
class HtmlReader {
  private readonly blocks: Block[] = [];
  private runs: Run[] = [];
  /** The break that ends the last paragraph and comes before the next: a paragraph's (true) or a line's. */
  private gap = false;
  private listDepth = 0;
  private quoteDepth = 0;
  private preDepth = 0;
  private headingDepth = 0;
  /** A list item's bullet, put before the item's first text. */
  private bullet = false;
  /** Cells of a table row: a separator goes between them. */
  private cell = false;

  read(root: Node): Block[] {
    // An explicit stack instead of recursion: however the input nests, the walk cannot overflow.
    const stack: Array<{ readonly node: Node; readonly leave: boolean }> = [];
    const pushChildren = (node: Node): void => {
      for (let child = node.lastChild; child !== null; child = child.previousSibling) stack.push({ node: child, leave: false });
    };
    pushChildren(root);
    while (stack.length > 0) {
      const { node, leave } = stack.pop() as { node: Node; leave: boolean };
      if (node.nodeType === Node.TEXT_NODE || node.nodeType === Node.CDATA_SECTION_NODE) {
        this.push({ kind: 'text', text: node.nodeValue ?? '', raw: this.preDepth > 0 });
      } else if (node.nodeType === Node.ELEMENT_NODE) {
        // Comments, processing instructions and anything else: nothing shown.
        if (leave) this.leave((node as Element).localName);
        else if (this.enter(node as Element)) {
          stack.push({ node, leave: true });
          pushChildren(node);
        }
      }
    }
    this.end(true);
    return this.blocks.map(collapse).filter((block) => hasContent(block.runs));
  }

  /** An element's start; true when its children are to be read (false: dropped, or read whole here). */
  private enter(element: Element): boolean {
    const name = element.localName;
    if (DROPPED.has(name) || element.namespaceURI !== 'http://www.w3.org/1999/xhtml' || name === 'wbr') return false;
    if (name === 'br') {
      this.push({ kind: 'br' });
      return false;
    }
    if (name === 'img') {
      this.push({ kind: 'text', text: element.getAttribute('alt') ?? '', raw: false });
      return false;
    }
    if (name === 'a') {
      const href = safeHref(element.getAttribute('href'));
      if (href !== undefined) {
        pushLink(element, href, (run) => this.push(run));
        return false;
      }
    }
    if (name === 'td' || name === 'th') {
      if (this.cell) this.push({ kind: 'text', text: ' · ', raw: true });
      this.cell = true;
    }
    // The break an element makes before it; inside a list, blocks break only the line.
    if (PARAGRAPHS.has(name)) this.end(this.listDepth === 0);
    else if (LINES.has(name)) this.end(false);
    if (name === 'li') this.bullet = true;
    this.nest(name, 1);
    return true;
  }

  /**
   * An element's end. The block ends while still inside the element (a pre's last line is a pre's); the
   * break after a list is a paragraph's once out of all lists.
   */
  private leave(name: string): void {
    const list = name === 'ul' || name === 'ol';
    if (PARAGRAPHS.has(name)) this.end(this.listDepth - (list ? 1 : 0) === 0);
    else if (LINES.has(name)) this.end(false);
    if (name === 'li') this.bullet = false;
    this.nest(name, -1);
  }

  /** Counts the lists, quotes, pres and headings the walk is inside. */
  private nest(name: string, by: 1 | -1): void {
    if (name === 'ul' || name === 'ol') this.listDepth += by;
    else if (name === 'blockquote') this.quoteDepth += by;
    else if (name === 'pre') this.preDepth += by;
    else if (/^h[1-6]$/.test(name)) this.headingDepth += by;
  }

  private push(run: Run): void {
    if (this.bullet && run.kind !== 'br' && (run.kind === 'link' || run.text.trim() !== '')) {
      this.bullet = false;
      this.runs.push({ kind: 'text', text: '• ', raw: true });
    }
    this.runs.push(run);
  }

  /** Ends the paragraph being read; `paragraph`: a paragraph's break follows (else a line's). */
  private end(paragraph: boolean): void {
    if (hasContent(this.runs)) {
      this.blocks.push({
        runs: this.runs,
        gap: this.blocks.length > 0 && this.gap,
        indent: Math.min(this.listDepth, MAX_INDENT),
        quote: this.quoteDepth > 0,
        pre: this.preDepth > 0,
        heading: this.headingDepth > 0,
      });
      this.gap = paragraph;
    } else {
      this.gap ||= paragraph;
    }
    this.runs = [];
    this.cell = false;
  }
}

/** A link as one run: its text read as text (blocks and breaks inside it as spaces), or its address when it has none. */
function pushLink(anchor: Element, href: string, push: (run: Run) => void): void {
  const parts: string[] = [];
  const stack: Node[] = [anchor];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    if (node.nodeType === Node.TEXT_NODE) {
      parts.push(node.nodeValue ?? '');
      continue;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) continue;
    const element = node as Element;
    if (element !== anchor && (DROPPED.has(element.localName) || element.namespaceURI !== 'http://www.w3.org/1999/xhtml')) continue;
    if (element.localName === 'img') {
      parts.push(` ${element.getAttribute('alt') ?? ''} `);
      continue;
    }
    if (element !== anchor && (element.localName === 'br' || PARAGRAPHS.has(element.localName) || LINES.has(element.localName))) parts.push(' ');
    for (let child = element.lastChild; child !== null; child = child.previousSibling) stack.push(child);
  }
  const whole = parts.join('');
  const text = whole.replace(SPACES, ' ').trim();
  // The spaces around the link's text are the text's around it.
  if (/^[ \t\n\f\r]/.test(whole)) push({ kind: 'text', text: ' ', raw: false });
  push({ kind: 'link', href, text: text === '' ? href : text });
  if (text !== '' && /[ \t\n\f\r]$/.test(whole)) push({ kind: 'text', text: ' ', raw: false });
}

function hasContent(runs: readonly Run[]): boolean {
  return runs.some((run) => run.kind === 'link' || (run.kind === 'text' && (run.raw ? run.text !== '' : run.text.trim() !== '')));
}

/**
 * Collapses a paragraph's whitespace as a browser does for normal text: each run of spaces becomes one,
 * none at the start of the paragraph or of a line, none at the end of either; text kept as written (a
 * `pre`'s) stays as it is. A break at the very end of a paragraph shows nothing and goes.
 */
function collapse(block: Block): Block {
  const out: Run[] = [];
  let afterSpace = true;
  const trimEnd = (): void => {
    for (let i = out.length - 1; i >= 0; i--) {
      const run = out[i] as Run;
      if (run.kind !== 'text' || run.raw) return;
      const text = run.text.replace(/ $/, '');
      if (text !== '') {
        out[i] = { ...run, text };
        return;
      }
      out.splice(i, 1);
    }
  };
  for (const run of block.runs) {
    if (run.kind === 'br') {
      trimEnd();
      out.push(run);
      afterSpace = true;
    } else if (run.kind === 'link') {
      out.push(run);
      afterSpace = false;
    } else if (run.raw) {
      if (run.text === '') continue;
      out.push(run);
      afterSpace = /\s$/.test(run.text);
    } else {
      let text = run.text.replace(SPACES, ' ');
      if (afterSpace) text = text.replace(/^ /, '');
      if (text === '') continue;
      out.push({ kind: 'text', text, raw: false });
      afterSpace = text.endsWith(' ');
    }
  }
  trimEnd();
  while (out.at(-1)?.kind === 'br') {
    out.pop();
    trimEnd();
  }
  // A pre's last line break shows nothing either.
  const last = out.at(-1);
  if (last?.kind === 'text' && last.raw && last.text.endsWith('\n')) {
    const text = last.text.replace(/\n+$/, '');
    if (text === '') out.pop();
    else out[out.length - 1] = { ...last, text };
  }
  return { ...block, runs: out };
}

/**
 * Tallyfy's HTML as nodes of `doc`: one `p` per paragraph (class `gap` when a paragraph's space comes
 * before it rather than a line's; `pre`, `quote`, `heading` and `indent-N` for how it reads), with text,
 * `br` and `a` inside; all of them made here.
 */
export function richText(html: string, doc: Document): DocumentFragment {
  const fragment = doc.createDocumentFragment();
  for (const block of read(html)) {
    const p = doc.createElement('p');
    const classes = ['rich-line'];
    if (block.gap) classes.push('gap');
    if (block.pre) classes.push('pre');
    if (block.quote) classes.push('quote');
    if (block.heading) classes.push('heading-line');
    if (block.indent > 0) classes.push(`indent-${block.indent}`);
    p.setAttribute('class', classes.join(' '));
    for (const run of block.runs) {
      if (run.kind === 'br') {
        p.appendChild(doc.createElement('br'));
      } else if (run.kind === 'link') {
        const a = doc.createElement('a');
        a.setAttribute('href', run.href);
        // The address on hover: the text may say something else.
        a.setAttribute('title', run.href);
        a.textContent = run.text;
        p.appendChild(a);
      } else {
        p.appendChild(doc.createTextNode(run.text));
      }
    }
    fragment.appendChild(p);
  }
  return fragment;
}

/**
 * The same reading as text: lines joined by a line break, paragraphs by an empty line between them, a
 * link as its text.
 */
export function plainText(html: string, _doc?: Document): string {
  return read(html)
    .map((block, i) => {
      const text = block.runs.map((run) => (run.kind === 'br' ? '\n' : run.text)).join('');
      return i === 0 ? text : `${block.gap ? '\n\n' : '\n'}${text}`;
    })
    .join('');
}

/** What plain text keeps of Tallyfy's HTML: paragraphs and line breaks (and elements that mean nothing). */
const PLAIN: ReadonlySet<string> = new Set(['html', 'head', 'body', 'p', 'br', 'div', 'span']);

/**
 * Whether editing `html` as plain text loses something: any element beyond paragraphs and breaks (bold,
 * a link, a list, a heading, an image…), or attributes on those (a style, a class).
 */
export function losesFormatting(html: string): boolean {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  for (const element of parsed.querySelectorAll('*')) {
    if (!PLAIN.has(element.localName)) return true;
    if (element.localName !== 'html' && element.attributes.length > 0) return true;
  }
  return false;
}
