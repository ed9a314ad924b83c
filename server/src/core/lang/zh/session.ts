/**
 * Session numbers of recurring meetings: 第二十次, 第三届 (traditional 屆), 首次. The one pattern;
 * the event scanner reads the number, the knowledge base and the event check key a series by the
 * name without it.
 */
import { parseCardinal } from './numerals';

/** A session number in an event name (global: a name may carry more than one). */
export const SESSION_PATTERN = /第([〇零一二两三四五六七八九十百0-9]{1,6})[次届屆]|首[次届屆]/g;

/** The last session number written in a name, where it is, and its value (首次 → 1). */
export function lastSession(name: string): { value: number; index: number; length: number } | undefined {
  if (!name.includes('第') && !name.includes('首')) return undefined;
  const re = new RegExp(SESSION_PATTERN.source, 'g');
  let m: RegExpExecArray | null;
  let last: RegExpExecArray | undefined;
  while ((m = re.exec(name))) last = m;
  if (!last) return undefined;
  const value = last[1] === undefined ? 1 : parseCardinal(last[1]);
  return value === undefined ? undefined : { value, index: last.index, length: last[0].length };
}

/** The session number of an event name: 第二十次 → 20, 第三届 → 3, 首次 → 1 (the last one written). */
export function sessionOf(name: string): number | undefined {
  return lastSession(name)?.value;
}

/** The first session number written in an event name, as a match (`[0]` is its text). */
export function firstSession(name: string): RegExpExecArray | null {
  return new RegExp(SESSION_PATTERN.source).exec(name);
}

/** The name with every session number replaced by `by`: the series the event belongs to. */
export function withoutSession(name: string, by = ''): string {
  return name.replace(new RegExp(SESSION_PATTERN.source, 'g'), by);
}
