/**
 * A linear walk over markup (HTML of web pages, the XML of Word documents) that reports opened
 * and closed elements and text, on htmlparser2's tokenizer.
 *
 * htmlparser2's own Parser keeps its element stack with `unshift` and searches it on every end
 * tag: a page of 100,000 nested `<div>`s or of a million unclosed `<b>`s costs time quadratic in
 * the depth (seconds to minutes). Here the stack grows at its end and a count per element name
 * says at once whether an end tag closes anything, so every element is pushed and popped once.
 *
 * What the text extractors need of HTML's tree building is kept: void elements are never open,
 * an end tag closes the elements opened after its element (each reported closed), an end tag that
 * matches nothing is ignored, `<body>` closes an unclosed `<head>`, form controls close an open
 * `<select>`/`<textarea>`, and `<x/>` closes at once inside svg/math (in XML mode, everywhere).
 * Raw-text elements (script, style, title, textarea) are the tokenizer's own. Imports htmlparser2.
 */
import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';

export interface MarkupHandler {
  open(name: string): void;
  close(name: string): void;
  text(text: string): void;
}

/** HTML elements that never have content (no end tag). */
const VOID = new Set(['area', 'base', 'basefont', 'br', 'col', 'command', 'embed', 'frame', 'hr', 'img', 'input', 'isindex', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

/**
 * HTML's implied end tags: opening an element closes the open elements of its set that are on
 * top of the stack (a new <p> ends the paragraph before it, a new <li> the item before it …).
 */
const PARAGRAPH = ['p'];
const HEADINGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p'];
const FORM_CONTROLS = ['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea'];
const CLOSES: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  (
    [
      ['tr', ['tr', 'th', 'td']],
      ['th', ['th']],
      ['td', ['thead', 'th', 'td']],
      ['body', ['head', 'link', 'script']],
      ['a', ['a']],
      ['li', ['li']],
      ['option', ['option']],
      ['optgroup', ['optgroup', 'option']],
      ['dd', ['dd', 'dt']],
      ['dt', ['dd', 'dt']],
      ['rt', ['rt', 'rp']],
      ['rp', ['rt', 'rp']],
      ['tbody', ['thead', 'tbody']],
      ['tfoot', ['thead', 'tbody']],
      ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((h) => [h, HEADINGS]),
      ...['select', 'input', 'output', 'button', 'datalist', 'textarea'].map((f) => [f, FORM_CONTROLS]),
      ...'p address article aside blockquote details div dl fieldset figcaption figure footer form header hr main nav ol pre section table ul'
        .split(' ')
        .map((b) => [b, PARAGRAPH]),
    ] as [string, string[]][]
  ).map(([k, v]) => [k, new Set(v)]),
);

/**
 * Foreign content (inline SVG and MathML): `<x/>` closes there, and title/style are not raw text.
 * Inside it, HTML integration points (mtext, foreignObject, desc, title …) are HTML again.
 */
const FOREIGN = new Set(['svg', 'math']);
const INTEGRATION = new Set(['mi', 'mo', 'mn', 'ms', 'mtext', 'annotation-xml', 'desc', 'title']);

/** Walks `source` once, calling `handler` in document order. `xml`: element names as written, `<x/>` always closes. */
export function walkMarkup(source: string, xml: boolean, handler: MarkupHandler): void {
  const stack: string[] = [];
  const open = new Map<string, number>();
  /** Per element that changes it: true inside svg/math, false inside an integration point. */
  const context: boolean[] = [];
  /** How many open elements changed the context (the tail of `context` is theirs). */
  const changes: boolean[] = [];
  const inForeign = () => context.length > 0 && context[context.length - 1];
  let tagName = '';
  /** The open tag being read is ignored (a nested <form>). */
  let ignored = false;

  const push = (name: string) => {
    stack.push(name);
    open.set(name, (open.get(name) ?? 0) + 1);
    let changed = false;
    if (!xml) {
      if (FOREIGN.has(name)) {
        context.push(true);
        changed = true;
      } else if (INTEGRATION.has(name) || (name === 'foreignobject' && inForeign())) {
        context.push(false);
        changed = true;
      }
    }
    changes.push(changed);
  };
  const pop = () => {
    const name = stack.pop()!;
    open.set(name, open.get(name)! - 1);
    if (changes.pop()) context.pop();
    handler.close(name);
  };
  const closeUpTo = (name: string) => {
    if (!open.get(name)) return false;
    while (stack.length) {
      const top = stack[stack.length - 1];
      pop();
      if (top === name) break;
    }
    return true;
  };
  const nameOf = (start: number, end: number) => (xml ? source.slice(start, end) : source.slice(start, end).toLowerCase());

  const cbs: TokenizerCallbacks = {
    onopentagname(start, end) {
      const name = nameOf(start, end);
      tagName = name;
      if (!xml) {
        // a second <form> inside a form is ignored (its end tag then ends the outer one)
        if (name === 'form' && open.get('form')) {
          tagName = '';
          ignored = true;
          return;
        }
        const closes = CLOSES.get(name);
        if (closes) while (stack.length && closes.has(stack[stack.length - 1])) pop();
      }
      handler.open(name);
      if (xml || !VOID.has(name)) push(name);
    },
    onopentagend() {
      if (!xml && VOID.has(tagName)) handler.close(tagName);
      tagName = '';
      ignored = false;
    },
    onselfclosingtag() {
      const name = tagName;
      tagName = '';
      if (ignored) {
        ignored = false;
        return;
      }
      if (!xml && VOID.has(name)) {
        handler.close(name);
        return;
      }
      // HTML ignores the slash outside foreign content: the element stays open.
      if (xml || inForeign()) {
        if (stack[stack.length - 1] === name) pop();
      }
    },
    onclosetag(start, end) {
      const name = nameOf(start, end);
      if (!xml && VOID.has(name)) {
        if (name === 'br') {
          handler.open('br');
          handler.close('br');
        }
        return;
      }
      if (closeUpTo(name)) return;
      // `</p>` with no open p: an empty paragraph, as browsers read it.
      if (!xml && name === 'p') {
        handler.open('p');
        handler.close('p');
      }
    },
    ontext(start, end) {
      handler.text(source.slice(start, end));
    },
    ontextentity(codepoint) {
      handler.text(String.fromCodePoint(codepoint));
    },
    oncdata(start, end, offset) {
      // text in XML and in foreign content; a comment elsewhere in HTML
      if (xml || inForeign()) handler.text(source.slice(start, end - offset));
    },
    onattribdata() {},
    onattribentity() {},
    onattribend() {},
    onattribname() {},
    oncomment() {},
    ondeclaration() {},
    onprocessinginstruction() {},
    onend() {},
    isInForeignContext: () => !xml && inForeign(),
  };
  const tokenizer = new Tokenizer({ xmlMode: xml, decodeEntities: true }, cbs);
  tokenizer.write(source);
  tokenizer.end();
  while (stack.length) pop();
}
