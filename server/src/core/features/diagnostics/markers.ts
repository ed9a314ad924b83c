/**
 * Inline markers: `chancery-accept: 《T》` anywhere in a document (in Markdown it can sit in an
 * HTML comment, `<!-- chancery-accept: 《T》 -->`) accepts the title T as written: no title finding
 * for it. `chancery-disable: code, code` turns codes off for the document. See docs/checks.md.
 */
import { MARKER_PREFIX } from '../../scan/landmarks';

/** The marker that accepts a title inside the document itself. */
export const ACCEPT_MARKER = `${MARKER_PREFIX}accept:`;
/** The marker that turns finding codes off inside the document itself. */
export const DISABLE_MARKER = `${MARKER_PREFIX}disable:`;

export interface Inline {
  accepted: Set<string>;
  disabled: Set<string>;
}

/**
 * Reads `chancery-accept: 《A》《B》` and `chancery-disable: a, b` markers (up to the end of the line or `-->`).
 * `prefixes`, when given, are the offsets of every MARKER_PREFIX of the text in order (landmarks.ts),
 * in place of searching for them.
 */
export function readInlineMarkers(text: string, prefixes?: ArrayLike<number>): Inline {
  const accepted = new Set<string>();
  const disabled = new Set<string>();
  // One search for the common prefix of both markers; `from` only grows.
  let next = 0;
  const prefixAt = (from: number): number => {
    if (!prefixes) return text.indexOf(MARKER_PREFIX, from);
    while (next < prefixes.length && prefixes[next] < from) next++;
    return next < prefixes.length ? prefixes[next] : -1;
  };
  let at = prefixAt(0);
  while (at >= 0) {
    const accept = text.startsWith(ACCEPT_MARKER, at);
    const marker = accept ? ACCEPT_MARKER : text.startsWith(DISABLE_MARKER, at) ? DISABLE_MARKER : undefined;
    if (!marker) {
      at = prefixAt(at + 1);
      continue;
    }
    const from = at + marker.length;
    let end = from;
    // The body runs to the end of the line, a closing `-->`, or the next marker.
    while (end < text.length) {
      const c = text.charCodeAt(end);
      if (c === 10 || c === 13 || (c === 0x2d && text.startsWith('-->', end)) || (c === 0x63 && text.startsWith(MARKER_PREFIX, end))) break;
      end++;
    }
    const body = text.slice(from, end);
    if (accept) {
      for (const m of body.matchAll(/《([^《》]*)》/g)) accepted.add(m[1]);
    } else {
      for (const code of body.split(/[\s,，、]+/)) if (code) disabled.add(code);
    }
    at = prefixAt(end);
  }
  return { accepted, disabled };
}
