/**
 * Chinese scripts: traditional (and Taiwan/Hong Kong) characters folded to mainland simplified, so
 * that a title, place or name written in either resolves to the same fact.
 */
// t2cn is the small (≈100 KB) traditional → mainland-simplified table of opencc-js.
import { Converter } from 'opencc-js/t2cn';
import { detach } from '../../util/stringCache';

let toCn: ((s: string) => string) | undefined;

/** Traditional (and Taiwan/Hong Kong) characters → simplified, as used in mainland texts. */
export function toSimplified(s: string): string {
  // Fast path: pure ASCII or text with no CJK needs no conversion.
  if (!/[\u3400-\u9fff\uf900-\ufaff]/.test(s)) return s;
  const convert = (toCn ??= Converter({ from: 't', to: 'cn' }));
  return convert(s);
}

const memo = new Map<string, string>();
const MEMO_MAX = 50_000;

/**
 * `toSimplified` memoised, for the short strings that repeat across a corpus and across checks
 * (places, verbs, names). The memo keeps detached copies (it outlives the texts they were cut from).
 */
export function simplified(s: string): string {
  let v = memo.get(s);
  if (v === undefined) {
    s = detach(s);
    v = toSimplified(s);
    if (memo.size >= MEMO_MAX) memo.clear();
    memo.set(s, v);
  }
  return v;
}
