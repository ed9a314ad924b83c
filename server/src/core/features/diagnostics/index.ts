/**
 * Checking a draft against the knowledge base: findings with fixes, as pure data.
 *
 * One pass over the draft finds where the scanners start (landmarks.ts); then one pass of each
 * scanner over its landmarks (brackets, dates, references, events), the same reference scanner
 * the corpus was learned with; every lookup goes through maps built once per knowledge index
 * (see titleMatch.ts and the DerivedTables of the checks), so the cost is linear in the draft.
 *
 * One file per check: markers.ts (inline acceptances and disabled codes), brackets.ts, dates.ts
 * (impossible dates), references.ts (titles and their date, place, verb), consistency.ts (two
 * dates for one instrument), events.ts; findings.ts builds findings and fixes, finalize.ts applies
 * the options and sorts. See docs/checks.md.
 */
import type { Cancellation, DiagnoseOptions } from '../../service';
import type { Finding, FindingCode } from '../../types';
import type { KnowledgeIndex } from '../../knowledge/knowledgeIndex';
import { scanText } from '../../scan';
import { landmarks } from '../../scan/landmarks';
import { titleReferences } from '../../knowledge/titleRefs';
import { readInlineMarkers } from './markers';
import { bracketFindings } from './brackets';
import { invalidDateFindings, malformedYearFindings } from './dates';
import { referenceFindings } from './references';
import { inconsistentDateFindings } from './consistency';
import { eventFindings } from './events';
import { finalize } from './finalize';

class Cancelled extends Error {}

/** Checks `text` against the knowledge base behind `index`. */
export function diagnose(text: string, index: KnowledgeIndex, options: DiagnoseOptions = {}, token?: Cancellation): Finding[] {
  try {
    return run(text, index, options, token);
  } catch (e) {
    if (e instanceof Cancelled) return [];
    throw e;
  }
}

function run(text: string, index: KnowledgeIndex, options: DiagnoseOptions, token?: Cancellation): Finding[] {
  const check = () => {
    if (token?.isCancellationRequested) throw new Cancelled();
  };
  // One pass over the text for where the scanners below start (inline markers, brackets,
  // 年/月, 《, event triggers): each then reads its list instead of searching the whole text
  // (landmarks.ts).
  const marks = landmarks(text);
  const inline = readInlineMarkers(text, marks.markers);
  const accepted = new Set([...(options.acceptedTitles ?? []), ...inline.accepted]);
  const off = new Set<string>([...(options.disabled ?? []), ...inline.disabled]);
  for (const [code, sev] of Object.entries(options.severity ?? {})) if (sev === 'off') off.add(code);
  const on = (c: FindingCode) => !off.has(c);
  const out: Finding[] = [];

  // Brackets.
  if (on('bracket-unclosed') || on('bracket-unopened')) {
    bracketFindings(text, index, marks.brackets, out, token);
    check();
  }

  // Dates, references and events from one date pass (scanText: what findDates, scanReferences
  // and scanEvents give separately). The impossible dates are those of that pass with a problem
  // (what findInvalidDates gives, without parsing windows again).
  const scanned = scanText(text, marks);
  check();

  // Impossible dates, and years written wrong.
  const invalidAt = invalidDateFindings(scanned.dates, out, on);
  const malformed = malformedYearFindings(text, scanned.dates, scanned.references, out, on);
  check();

  // References; then one draft, two dates for the same instrument (where the corpus does not settle it).
  // 《协定》 declared short for a title, 本《倡议》, 该《协定》: checked as the title they stand for.
  const standFor = titleReferences(text, scanned.references);
  const dated = referenceFindings(text, scanned.references, index, accepted, invalidAt, malformed, out, on, check, standFor);
  if (on('date-inconsistent')) inconsistentDateFindings(dated, out);
  check();

  // Events.
  if (on('event-mismatch')) eventFindings(text, index, out, scanned.events);

  return finalize(out, off, options);
}
