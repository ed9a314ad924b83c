/**
 * The last step of every check of a draft: codes turned off, severity overrides, duplicates
 * dropped, findings sorted by position.
 */
import type { DiagnoseOptions } from '../../service';
import type { Finding } from '../../types';

/** What makes two findings at the same span duplicates: the first fix's text, else the code. */
function dedupeKey(f: Finding): string {
  return f.fixes[0]?.edits[0]?.newText ?? f.code;
}

/**
 * Applies disabled codes and severity overrides, drops duplicates (same span and same
 * dedupeKey: the first in `out` is kept), sorts by position.
 *
 * Duplicates share a span, so after a stable sort by span they sit side by side: comparing
 * neighbours with the same span finds them, without building a `start:end:key` string and
 * hashing it for every finding.
 */
export function finalize(out: Finding[], off: Set<string>, options: DiagnoseOptions): Finding[] {
  const kept: Finding[] = [];
  for (const f of out) {
    if (off.has(f.code)) continue;
    const sev = options.severity?.[f.code];
    if (sev && sev !== 'off') f.severity = sev;
    kept.push(f);
  }
  // Array.prototype.sort is stable: findings with the same span keep their order in `out`.
  kept.sort((a, b) => a.start - b.start || a.end - b.end);
  const res: Finding[] = [];
  // The keys of the findings kept for the current span, made when a second finding has that
  // span (a set, not a scan of the run: a hostile draft can put thousands on one span).
  let runKeys: Set<string> | undefined;
  for (const f of kept) {
    const last = res[res.length - 1];
    if (!last || last.start !== f.start || last.end !== f.end) runKeys = undefined;
    else {
      runKeys ??= new Set([dedupeKey(last)]);
      const key = dedupeKey(f);
      if (runKeys.has(key)) continue;
      runKeys.add(key);
    }
    res.push(f);
  }
  return res;
}
