/**
 * How features show what the knowledge base knows: a date as the genre writes it, an instrument's
 * adoption in one line, its full reference frame, links to the corpus, and the sources of facts
 * (identical facts collapsed, ordered by date, lists capped with a count).
 */
import type { Adoption, Instrument, Message, Provenance, SimpleDate } from '../types';
import { dateKey } from '../text/calendar';
import { formatDate } from '../lang/zh/datesFormat';
import { documentName, openableUri } from '../corpus/files';
import { lineMark } from '../corpus/formats';
import { escapeMarkdown, linkDestination } from '../text/markdown';
import { derivedOf, type DerivedTable, type IndexLike } from '../knowledge/knowledgeIndex';
import { pick, type Locale } from '../messages';
import { compareNames, documentDates } from '../knowledge/overview';

export { compareNames, dateOrder } from '../knowledge/overview';

/** A date as the corpus's genre writes it (arabic). */
export function fmtDate(d: SimpleDate | undefined): string {
  if (!d) return '';
  try {
    return formatDate(d, 'arabic');
  } catch {
    return dateKey(d);
  }
}

/** The first adoption with a date (the one a full reference uses). */
export function mainAdoption(ins: Instrument): Adoption | undefined {
  return ins.adoptions.find((a) => a.date && a.place) ?? ins.adoptions.find((a) => a.date) ?? ins.adoptions[0];
}

/** `2021年9月17日 · 杜尚别 · 通过` */
export function adoptionDetail(ins: Instrument): string {
  const a = mainAdoption(ins);
  if (!a) return ins.kind ?? '';
  return [fmtDate(a.date), a.place, a.verb].filter(Boolean).join(' · ');
}

/** The full reference frame, `2021年9月17日在杜尚别通过的《T》`, from the knowledge base. */
export function fullReference(ins: Instrument, title = ins.title): { prefix: string; text: string; detail: string } {
  const a = mainAdoption(ins);
  let prefix = '';
  if (a?.date) prefix += fmtDate(a.date);
  if (a?.place) prefix += '在' + a.place;
  if (a?.verb && (a.date || a.place)) prefix += a.verb + '的';
  else if (prefix) prefix += '的';
  return { prefix, text: prefix + '《' + title + '》', detail: adoptionDetail(ins) };
}

/**
 * A file:// (or other) link target for a corpus uri, with the line and column as a fragment
 * (`#L12,5`, 1-based, what VS Code's opener reads). For a Word document or a web page they are
 * those of the text read from it (its paragraphs), which a viewer of that text (the VS Code
 * client's read-only source view) opens there; the file's own lines differ.
 */
export function corpusLink(uri: string, line: number, column?: number): string {
  return `${linkDestination(openableUri(uri))}#L${line + 1}${column !== undefined ? `,${column + 1}` : ''}`;
}

// ---------------------------------------------------------------------------------------------
// Sources: a large corpus states the same fact in hundreds of documents. What the features show
// collapses identical facts into one line with the number of documents, orders by date, and caps
// every list with a count of what was left out.

/** Per corpus document, the latest date it records a fact on (knowledge/overview.ts): newest-first order. */
export const DOCUMENT_DATES: DerivedTable<Map<string, number>, IndexLike> = {
  name: 'document dates',
  build: (index) => documentDates(index.kb),
};

/** One entry per document (its first provenance), the newest document first, then by name. */
export function perDocument(index: IndexLike, provs: readonly Provenance[]): { first: Provenance; count: number }[] {
  const docs = new Map<string, { first: Provenance; count: number }>();
  for (const p of provs) {
    const d = docs.get(p.uri);
    if (d) d.count++;
    else docs.set(p.uri, { first: p, count: 1 });
  }
  const dates = derivedOf(index, DOCUMENT_DATES);
  return [...docs.values()].sort(
    (a, b) => (dates.get(b.first.uri) ?? 0) - (dates.get(a.first.uri) ?? 0) || compareNames(documentName(a.first.uri), documentName(b.first.uri)),
  );
}

/** Facts grouped by what they state (`key`), in the order of their first occurrence. */
export interface FactGroup<T> {
  key: string;
  /** The first fact of the group (what the line shows). */
  fact: T;
  provenance: Provenance[];
}
export function groupFacts<T>(facts: readonly T[], key: (f: T) => string, prov: (f: T) => Provenance): FactGroup<T>[] {
  const groups = new Map<string, FactGroup<T>>();
  for (const f of facts) {
    const k = key(f);
    const g = groups.get(k);
    if (g) g.provenance.push(prov(f));
    else groups.set(k, { key: k, fact: f, provenance: [prov(f)] });
  }
  return [...groups.values()];
}

/** A link to a fact in its corpus document: `[name:line](target)`, or `[label](target)`. */
export function sourceLink(p: Provenance, label?: string): string {
  return `[${label !== undefined ? escapeMarkdown(label) : escapeMarkdown(documentName(p.uri)) + lineMark(p.uri, p.line)}](${corpusLink(p.uri, p.line, p.column)})`;
}

/** A count as the interface writes it: `1,203`. */
export function count(n: number): string {
  return n.toLocaleString('en');
}

/**
 * Where a fact is stated: one link for one document; for more, how many documents and a link to
 * the first `show` of them (newest first): `401 documents: [a.txt:3](…), [b.txt:1](…) …`.
 */
export function sourcesMarkdown(index: IndexLike, provs: readonly Provenance[], locale: Locale, show = 2): string {
  const docs = perDocument(index, provs);
  if (docs.length <= 1) return docs.length ? sourceLink(docs[0].first) : '';
  const links = docs.slice(0, show).map((d) => sourceLink(d.first));
  const more = docs.length > show ? ' …' : '';
  return pick(
    { en: `${count(docs.length)} documents: ${links.join(', ')}${more}`, zh: `${count(docs.length)} 份文件：${links.join('、')}${more}` },
    locale,
  );
}

/** The line that ends a capped list: `… 12 more` (nothing when nothing was left out). */
export function moreLine(left: number, locale: Locale, what?: Message): string | undefined {
  if (left <= 0) return undefined;
  return `- … ${pick({ en: `${count(left)} more${what ? ' ' + what.en : ''}`, zh: `另有 ${count(left)} ${what ? what.zh : '项'}` }, locale)}`;
}

/** One adoption as the genre states it: `2021年9月17日 · 杜尚别 · 批准`, and the event when there is one. */
export function adoptionLine(a: Adoption, locale: Locale): string {
  const date = a.date
    ? fmtDate(a.date) + (a.date.yearFromDocument ? pick({ en: ' (year of the document: the corpus writes none)', zh: '（语料未写年份，取文件日期的年份）' }, locale) : '')
    : '';
  return [date, a.place, a.verb, a.event].filter(Boolean).join(' · ');
}
