/**
 * When a draft's date or place agrees with what the corpus says, and the corpus's date written
 * the way the draft writes its own (for the fix): shared by the reference and event checks.
 */
import type { DateExpr, SimpleDate } from '../../types';
import { compareDates } from '../../text/calendar';
import { formatDate, formatDateExpr } from '../../lang/zh/datesFormat';
import { simplified } from '../../lang/zh/script';

/** Does the draft's date agree with a corpus date on every field both give? */
function agrees(d: SimpleDate, c: SimpleDate): boolean {
  if (d.year !== undefined && c.year !== undefined && d.year !== c.year) return false;
  if (d.yearOnly || c.yearOnly) return true;
  if (d.month !== c.month) return false;
  if (d.day !== undefined && c.day !== undefined && d.day !== c.day) return false;
  return true;
}

/** Does a draft date expression agree with a corpus date (inside a range, one of a list)? */
export function exprAgrees(e: DateExpr, c: SimpleDate): boolean {
  if (e.kind === 'range' && e.dates.length === 2) {
    const [a, b] = e.dates;
    if (agrees(a, c) || agrees(b, c)) return true;
    return compareDates(a, c) <= 0 && compareDates(c, b) <= 0 && (a.year === undefined || c.year === undefined || a.year <= c.year);
  }
  return e.dates.some((d) => agrees(d, c));
}

/** Two date expressions agree when some date of one agrees with some date of the other. */
export function exprsAgree(a: DateExpr, b: DateExpr): boolean {
  return b.dates.some((d) => exprAgrees(a, d)) || a.dates.some((d) => exprAgrees(b, d));
}

/**
 * An event's dates as the draft gives them agree with the corpus's: the same kind and every date
 * agreeing pairwise, or one draft date inside the corpus range / among its list.
 */
export function eventDatesAgree(draft: DateExpr, corpus: DateExpr): boolean {
  if (draft.dates.length === 1) return exprAgrees(corpus, draft.dates[0]);
  if (draft.kind !== corpus.kind || draft.dates.length !== corpus.dates.length) return false;
  return draft.dates.every((d, k) => agrees(d, corpus.dates[k]));
}

/** The corpus date at the draft's precision (no year where the draft gives none) and in its style. */
export function dateAsDraft(c: SimpleDate, draft: DateExpr): string {
  const first = draft.dates[0];
  const d: SimpleDate = { ...c };
  if (first && first.year === undefined) delete d.year;
  if (first?.yearOnly) return formatDate({ year: c.year, month: 0, yearOnly: true }, draft.style);
  if (first && first.day === undefined && !first.yearOnly) delete d.day;
  return formatDate(d, draft.style);
}

export function exprAsDraft(c: DateExpr, draft: DateExpr): string {
  if (c.dates.length === 1) return dateAsDraft(c.dates[0], draft);
  const noYear = draft.dates[0] && draft.dates[0].year === undefined;
  const dates = noYear ? c.dates.map((d) => ({ ...d, year: undefined })) : c.dates;
  return formatDateExpr({ kind: c.kind, dates, style: draft.style });
}

export function samePlace(a: string, b: string): boolean {
  return a === b || simplified(a) === simplified(b);
}
