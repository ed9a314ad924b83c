/**
 * Finding codes: their default severities and the builders of findings and fixes that every
 * check uses. The one place to look when adding a check (see docs/checks.md).
 */
import type { Finding, FindingCode, Fix, Message, Provenance, Severity } from '../../types';
import { documentFormat } from '../../corpus/formats';
import { documentName } from '../../corpus/files';

/** Default severity of each finding code (overridable per code through DiagnoseOptions.severity). */
export const DEFAULT_SEVERITY: Readonly<Record<FindingCode, Severity>> = {
  'title-misquoted': 'error',
  'title-variant': 'warning',
  'title-unknown': 'hint',
  'date-mismatch': 'error',
  'place-mismatch': 'error',
  'verb-mismatch': 'warning',
  'date-invalid': 'error',
  'date-inconsistent': 'warning',
  'bracket-unclosed': 'error',
  'bracket-unopened': 'error',
  'event-mismatch': 'warning',
};

/** A fix that replaces `[start, end)` with `newText`. */
export function replaceFix(start: number, end: number, newText: string, preferred = true, title?: Message): Fix {
  return {
    title: title ?? { en: `Replace with “${newText}”`, zh: `替换为“${newText}”` },
    edits: [{ start, end, newText }],
    preferred,
  };
}

/** A fix that inserts `newText` at `at`. */
export function insertFix(at: number, newText: string, title?: Message, preferred = true): Fix {
  return {
    title: title ?? { en: `Insert “${newText}”`, zh: `插入“${newText}”` },
    edits: [{ start: at, end: at, newText }],
    preferred,
  };
}

/** Builds a finding with the default severity of its code (options applied later). */
export function finding(code: FindingCode, start: number, end: number, message: Message, fixes: Fix[] = [], provenance?: Provenance[]): Finding {
  const f: Finding = { code, severity: DEFAULT_SEVERITY[code], message, start, end, fixes };
  if (provenance && provenance.length) f.provenance = provenance;
  return f;
}

/** `the corpus (file, line N) says X` in both languages. */
export function corpusSays(p: Provenance | undefined, what: Message): Message {
  if (!p) return { en: `the corpus says ${what.en}`, zh: `语料为${what.zh}` };
  const file = documentName(p.uri);
  // a Word document or a web page: the paragraph of the text read from it (its lines are the file's own)
  if (documentFormat(p.uri))
    return { en: `the corpus (${file}, paragraph ${p.line + 1}) says ${what.en}`, zh: `语料（${file}，第${p.line + 1}段）为${what.zh}` };
  return {
    en: `the corpus (${file}, line ${p.line + 1}) says ${what.en}`,
    zh: `语料（${file}，第${p.line + 1}行）为${what.zh}`,
  };
}
