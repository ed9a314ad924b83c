/**
 * What the server tells the user about problems — bad settings, refused corpus paths, corpus files
 * it could not read — bounded whatever their number: settings holding 100,000 unknown codes or
 * 50,000 missing paths once made a message of millions of characters and thousands of log lines.
 * At most MAX_LOGGED problems are logged (then one line saying how many more), a message names the
 * first few (MAX_SHOWN, MAX_SHOWN_CHARS) and how many more there are, a value quoted in a problem is cut short, and text that reaches a
 * message is kept from turning into a link (VS Code renders `[label](target)` in notifications).
 */

/** Problems logged one per line before the rest are counted. */
export const MAX_LOGGED = 20;
/** Problems named in a message before the rest are counted: at most this many, and this many characters. */
export const MAX_SHOWN = 10;
export const MAX_SHOWN_CHARS = 1000;
/** The longest a value quoted in a problem (or a problem in a message) is. */
export const MAX_QUOTED = 200;

/** `s`, cut to `max` characters with an ellipsis. */
export function clip(s: string, max = MAX_QUOTED): string {
  return s.length > max ? s.slice(0, max) + '…' : s;
}

/** A value as a problem quotes it: JSON, cut short. */
export function quoted(v: unknown): string {
  let s: string;
  try {
    s = JSON.stringify(v) ?? String(v);
  } catch {
    s = String(v);
  }
  return clip(s, 80);
}

/** The lines to log for `problems`: the first MAX_LOGGED, then how many more. */
export function logLines(problems: readonly string[], prefix = 'chancery: '): string[] {
  const lines = problems.slice(0, MAX_LOGGED).map((p) => prefix + messageText(clip(p, 1000)));
  if (problems.length > MAX_LOGGED) lines.push(`${prefix}… and ${problems.length - MAX_LOGGED} more (${problems.length} in all)`);
  return lines;
}

/** The first of `problems` for a message (at most MAX_SHOWN, MAX_SHOWN_CHARS), and how many more; `sep` between them. */
export function shortList(problems: readonly string[], sep: string, more: (n: number) => string): string {
  const shown: string[] = [];
  let chars = 0;
  for (const p of problems) {
    const t = messageText(clip(p));
    if (shown.length && (shown.length >= MAX_SHOWN || chars + t.length > MAX_SHOWN_CHARS)) break;
    shown.push(t);
    chars += t.length;
  }
  return shown.join(sep) + (problems.length > shown.length ? sep + more(problems.length - shown.length) : '');
}

/**
 * Text for a window message or a log line: `](` becomes `]\u200b(` so that no `[label](target)`
 * in a file name or a setting turns into a link (a `command:` link runs a command when clicked).
 */
export function messageText(s: string): string {
  return s.replace(/\]\(/g, ']\u200b(');
}
