/**
 * The date-consistency check (date-inconsistent): one draft giving two dates for the same
 * instrument, where the corpus does not settle which is right (else date-mismatch says so).
 */
import type { Finding } from '../../types';
import type { DatedMentions } from './references';
import { exprAsDraft, exprsAgree } from './agreement';
import { finding, replaceFix } from './findings';

/** The date-inconsistent findings of the dated mentions (referenceFindings), appended to `out`. */
export function inconsistentDateFindings(dated: DatedMentions, out: Finding[]): void {
  for (const list of dated.values()) {
    if (list.length < 2) continue;
    const first = list[0];
    for (const other of list.slice(1)) {
      const sameAct = !first.ref.verb || !other.ref.verb || first.ref.verb.text === other.ref.verb.text;
      if (!sameAct || exprsAgree(first.date, other.date)) continue;
      const firstText = first.date.text;
      out.push(
        finding(
          'date-inconsistent',
          other.date.span.start,
          other.date.span.end,
          {
            en: `《${other.ref.title}》 is dated ${other.date.text} here but ${firstText} earlier in this draft`,
            zh: `《${other.ref.title}》此处日期为${other.date.text}，而本稿前文为${firstText}`,
          },
          [replaceFix(other.date.span.start, other.date.span.end, exprAsDraft(first.date, other.date), false)],
        ),
      );
    }
  }
}
