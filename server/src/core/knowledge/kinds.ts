/**
 * The kind of an instrument: the last head noun of its title (协定, 构想, 宣言 … from the
 * language's vocabulary), ignoring trailing parenthesised parts.
 */
import { TEXT_LANGUAGE } from '../lang';
import { classOf } from '../lang/codeUnits';

const { instruments, punctuation, script } = TEXT_LANGUAGE;

/** The instrument's kind: the LAST genre noun of the title, ignoring trailing parenthesised parts. */
export function instrumentKind(title: string): string | undefined {
  return kindOfKey(script.fold(title).replace(/[\s\u3000]+/g, ''));
}

const OPEN = classOf(punctuation.openParens);
const CLOSE = classOf(punctuation.closeParens);
/** A parenthesised part ending the title: （2022—2024年）. */
const TRAILING_PART = new RegExp(`[${OPEN}][^${OPEN}${CLOSE}]*[${CLOSE}]$`);

/** `instrumentKind` of a title already simplified (a normalised key). */
export function kindOfKey(key: string): string | undefined {
  let t = key;
  // Drop trailing parenthesised parts.
  for (;;) {
    const m = TRAILING_PART.exec(t);
    if (!m) break;
    t = t.slice(0, m.index);
  }
  // The kind whose last occurrence ends last (the longest of those ending there): read the
  // key backwards from its end and stop at the first position where some kind ends, instead
  // of a lastIndexOf per kind.
  for (let end = t.length; end > 0; end--) {
    const kinds = KINDS_BY_LAST.get(t.charCodeAt(end - 1));
    if (!kinds) continue;
    for (const k of kinds) if (end >= k.length && t.startsWith(k, end - k.length)) return k;
  }
  return undefined;
}

/** The kinds by last code unit, longest first. */
const KINDS_BY_LAST = new Map<number, string[]>();
for (const k of instruments.kinds) {
  const c = k.charCodeAt(k.length - 1);
  let list = KINDS_BY_LAST.get(c);
  if (!list) KINDS_BY_LAST.set(c, (list = []));
  list.push(k);
}
for (const list of KINDS_BY_LAST.values()) list.sort((a, b) => b.length - a.length);
