/**
 * Views of the knowledge base that custom requests return (protocol.ts): the "insert reference"
 * list (chancery/references), the knowledge-base view — a tree of instruments, events, places,
 * officials and sources whose rows open the corpus at the fact (chancery/knowledgeView) — and the
 * readable overview as a Markdown document (chancery/knowledgeBase). The view and the document
 * render core/knowledge/overview.ts, as the CLI's `kb` text does, in the user's language, with dates
 * as the genre writes them.
 */
import { fileURLToPath } from 'node:url';
import type { ChanceryService } from '../core/languageService';
import { BUILTIN_SCHEME, documentName, openableUri } from '../core/corpus/files';
import { lineMark } from '../core/corpus/formats';
import { adoptionText, dateText, eventText, knowledgeOverview, type KnowledgeOverview } from '../core/knowledge/overview';
import { formatDateExpr } from '../core/lang/zh/datesFormat';
import { pick, type Locale } from '../core/messages';
import { escapeMarkdown, mdTitle } from '../core/text/markdown';
import type { Conflict, EventFact, KnowledgeBase, Message, Provenance } from '../core/types';
import type { KnowledgeViewItem, ReferenceItem, SourceLocation } from '../protocol';

/** The "insert reference" list: each instrument with the full reference frame. */
export function referenceItems(service: ChanceryService): ReferenceItem[] {
  return service.kb.instruments.map((ins) => {
    const frame = service.referenceFrame(ins.id);
    return { id: ins.id, title: ins.title, kind: ins.kind, detail: frame.detail, insertText: frame.text };
  });
}

// ---------------------------------------------------------------------------------------------
// the knowledge-base view (a tree)

/** At most this many rows of one list; then a "… N more" row. */
export const MAX_ROWS = 5000;
/** At most this many documents under one entry. */
const MAX_DOCUMENTS = 50;

const SECTIONS = ['instruments', 'events', 'places', 'officials', 'sources'] as const;
type Section = (typeof SECTIONS)[number];
const SECTION_LABEL: Record<Section, Message> = {
  instruments: { en: 'Instruments', zh: '文书' },
  events: { en: 'Meetings and events', zh: '会议和活动' },
  places: { en: 'Places', zh: '地点' },
  officials: { en: 'Officials', zh: '官员' },
  sources: { en: 'Sources', zh: '语料来源' },
};
const ONLINE: Message = { en: 'by video', zh: '视频方式' };

interface Entry {
  key: string;
  /** Every statement of it (one per mention), the first where a click opens. */
  provenance: Provenance[];
}
interface ViewModel {
  overview: KnowledgeOverview;
  /** Events grouped by id (the knowledge base has one per statement), newest first. */
  events: (Entry & { event: EventFact })[];
}

const models = new WeakMap<KnowledgeBase, ViewModel>();
function model(kb: KnowledgeBase): ViewModel {
  let m = models.get(kb);
  if (!m) {
    const overview = knowledgeOverview(kb);
    const events = new Map<string, Entry & { event: EventFact }>();
    for (const e of overview.events) {
      const had = events.get(e.id);
      if (had) had.provenance.push(e.provenance);
      else events.set(e.id, { key: e.id, event: e, provenance: [e.provenance] });
    }
    models.set(kb, (m = { overview, events: [...events.values()] }));
  }
  return m;
}

/** The rows under `parent` (the sections when absent). Unknown parents have no rows. */
export function knowledgeView(kb: KnowledgeBase, locale: Locale, parent?: string): KnowledgeViewItem[] {
  const m = model(kb);
  const o = m.overview;
  const say = (msg: Message) => pick(msg, locale);
  if (!parent) {
    const counts: Record<Section, number> = {
      instruments: o.instruments.length,
      events: m.events.length,
      places: o.places.length,
      officials: o.officials.length,
      sources: o.sources.length + o.problems.length,
    };
    return SECTIONS.map((s) => ({
      id: `section:${s}`,
      kind: 'section' as const,
      label: say(SECTION_LABEL[s]),
      description: counts[s].toLocaleString('en'),
      expandable: counts[s] > 0,
    }));
  }
  const [kind, ...rest] = parent.split(':');
  const key = rest.join(':');
  if (kind === 'section') return capped(sectionRows(m, key as Section, locale), locale);
  if (kind === 'instrument') {
    const ins = kb.instruments.find((i) => i.id === key);
    if (!ins) return [];
    const rows: KnowledgeViewItem[] = [];
    const facts = new Map<string, Provenance[]>();
    for (const a of ins.adoptions) {
      const t = adoptionText(a);
      facts.set(t, [...(facts.get(t) ?? []), a.provenance]);
    }
    for (const [t, provs] of facts) rows.push(factRow(`${parent}/fact:${t}`, t || say({ en: 'adopted', zh: '通过' }), provs, locale));
    rows.push(...documentRows(parent, ins.mentions, locale));
    return rows;
  }
  if (kind === 'event') {
    const e = m.events.find((x) => x.key === key);
    return e ? documentRows(parent, e.provenance, locale) : [];
  }
  if (kind === 'official') {
    const x = o.officials[Number(key)];
    return x ? documentRows(parent, x.provenance, locale) : [];
  }
  if (kind === 'place') {
    const p = o.places.find((x) => x.name === key);
    if (!p) return [];
    const rows: KnowledgeViewItem[] = p.instruments.map((i) => ({
      id: `${parent}/instrument:${i.id}`,
      kind: 'instrument' as const,
      label: `《${i.title}》`,
      description: adoptionText({ ...i.adoption, place: undefined }), // the place is the parent row
      source: at(i.adoption.provenance),
    }));
    for (const e of p.events) {
      rows.push({ id: `${parent}/event:${e.id}:${rows.length}`, kind: 'event', label: e.name, description: eventText({ ...e, place: undefined }, say(ONLINE)), source: at(e.provenance) });
    }
    return capped(rows, locale);
  }
  return [];
}

function sectionRows(m: ViewModel, section: Section, locale: Locale): KnowledgeViewItem[] {
  const o = m.overview;
  const say = (msg: Message) => pick(msg, locale);
  switch (section) {
    case 'instruments':
      return o.instruments.map((i) => {
        const a = i.datedAdoption ?? i.adoption;
        const mentions = say({ en: `mentioned ${count(i.mentions)} time(s) in ${count(i.documents)} document(s)`, zh: `${count(i.documents)} 份文件提及 ${count(i.mentions)} 次` });
        return {
          id: `instrument:${i.id}`,
          kind: 'instrument' as const,
          label: `《${i.title}》`,
          description: adoptionText(a) || i.kind,
          tooltip: [`《${i.title}》`, [i.kind, adoptionText(a)].filter(Boolean).join(' — '), mentions].filter(Boolean).join('\n'),
          source: a ? at(a.provenance) : i.firstMention && at(i.firstMention),
          expandable: true,
        };
      });
    case 'events':
      return m.events.map(({ key, event: e, provenance }) => ({
        id: `event:${key}`,
        kind: 'event' as const,
        label: e.name,
        description: eventText(e, say(ONLINE)),
        tooltip: `${e.name}\n${eventText(e, say(ONLINE))}\n${documentsText(provenance, locale)}`,
        source: at(provenance[0]),
        expandable: new Set(provenance.map((p) => p.uri)).size > 1,
      }));
    case 'places':
      return o.places.map((p) => ({
        id: `place:${p.name}`,
        kind: 'place' as const,
        label: p.name,
        description: say({
          en: `${count(p.instruments.length)} instrument(s) · ${count(p.events.length)} event(s)`,
          zh: `${count(p.instruments.length)} 份文书 · ${count(p.events.length)} 次会议活动`,
        }),
        expandable: true,
      }));
    case 'officials':
      return o.officials.map((x, i) => ({
        id: `official:${i}`,
        kind: 'official' as const,
        label: x.name,
        description: x.country + x.role,
        tooltip: `${x.name}\n${x.country}${x.role}\n${documentsText(x.provenance, locale)}`,
        source: at(x.provenance[0]),
        expandable: new Set(x.provenance.map((p) => p.uri)).size > 1,
      }));
    case 'sources':
      return [
        ...o.sources.map((s) => ({
          id: `source:${s.uri}`,
          kind: 'source' as const,
          label: s.name,
          description: say({ en: `${count(s.chars)} characters · ${s.encoding}`, zh: `${count(s.chars)} 字 · ${s.encoding}` }),
          tooltip: displayPath(s.uri, locale),
          source: { uri: s.uri, line: 0, character: 0, length: 0 },
        })),
        ...o.problems.map((p, i) => ({
          id: `problem:${i}`,
          kind: 'problem' as const,
          label: displayPath(p.uri, locale),
          description: say(p.message),
          tooltip: say(p.message),
        })),
      ];
  }
}

/** A fact of an entry: the fact as written, where it is stated (one document or how many). */
function factRow(id: string, label: string, provs: Provenance[], locale: Locale): KnowledgeViewItem {
  const first = provs[0];
  const docs = new Set(provs.map((p) => p.uri)).size;
  return {
    id,
    kind: 'fact',
    label,
    description: docs > 1 ? documentsText(provs, locale) : documentName(first.uri) + lineMark(first.uri, first.line),
    source: at(first),
  };
}

/** One row per document that states something (its first statement there), with the sentence. */
function documentRows(parent: string, provs: readonly Provenance[], locale: Locale): KnowledgeViewItem[] {
  const firsts = new Map<string, Provenance>();
  for (const p of provs) if (!firsts.has(p.uri)) firsts.set(p.uri, p);
  const rows = [...firsts.values()].map((p) => ({
    id: `${parent}/doc:${p.uri}:${p.offset}`,
    kind: 'fact' as const,
    label: documentName(p.uri) + lineMark(p.uri, p.line),
    description: p.sentence.length > 60 ? p.sentence.slice(0, 60) + '…' : p.sentence,
    tooltip: p.sentence,
    source: at(p),
  }));
  return capped(rows, locale, MAX_DOCUMENTS);
}

function capped(rows: KnowledgeViewItem[], locale: Locale, max = MAX_ROWS): KnowledgeViewItem[] {
  if (rows.length <= max) return rows;
  const left = rows.length - max;
  return [...rows.slice(0, max), { id: `more:${rows[0].id}`, kind: 'more', label: pick({ en: `… ${count(left)} more`, zh: `… 另有 ${count(left)} 项` }, locale) }];
}

function documentsText(provs: readonly Provenance[], locale: Locale): string {
  const n = new Set(provs.map((p) => p.uri)).size;
  return pick({ en: `${count(n)} document${n === 1 ? '' : 's'}`, zh: `${count(n)} 份文件` }, locale);
}

function count(n: number): string {
  return n.toLocaleString('en');
}

function at(p: Provenance): SourceLocation {
  return { uri: p.uri, line: p.line, character: p.column, length: p.length };
}

/** A corpus uri as a path a user reads: decoded, never percent-encoded; the embedded corpus says so. */
export function displayPath(uri: string, locale: Locale): string {
  if (uri.startsWith(BUILTIN_SCHEME + ':')) return `${documentName(uri)} ${pick({ en: '(embedded corpus)', zh: '（内置语料）' }, locale)}`;
  try {
    return uri.startsWith('file:') ? fileURLToPath(openableUri(uri)) : decodeURI(uri);
  } catch {
    return uri;
  }
}

// ---------------------------------------------------------------------------------------------
// the overview as a Markdown document

/** Corpus problems the overview lists (a corpus of thousands of unreadable files lists the first ones and a count). */
const MAX_PROBLEMS_LISTED = 100;

/** A readable overview of the knowledge base (the read-only document the VS Code client shows). */
export function kbMarkdown(kb: KnowledgeBase, locale: Locale = 'en'): string {
  const m = model(kb);
  const o = m.overview;
  const say = (msg: Message) => pick(msg, locale);
  const title = (msg: Message, n: number) => `## ${say(msg)} (${count(n)})`.replace(/ \((.*)\)$/, locale === 'zh' ? '（$1）' : ' ($1)');
  const lines: string[] = [`# ${say({ en: 'Chancery knowledge base', zh: 'Chancery 知识库' })}`, ''];
  lines.push(title({ en: 'Sources', zh: '语料来源' }, o.sources.length), '');
  for (const s of o.sources) lines.push(`- ${escapeMarkdown(s.name)} — ${say({ en: `${count(s.chars)} characters, ${s.encoding}`, zh: `${count(s.chars)} 字，${s.encoding}` })}`);
  if (o.problems.length) {
    lines.push('', title({ en: 'Corpus problems', zh: '语料问题' }, o.problems.length), '');
    for (const p of o.problems.slice(0, MAX_PROBLEMS_LISTED)) lines.push(`- ${escapeMarkdown(displayPath(p.uri, locale))}${locale === 'zh' ? '：' : ': '}${escapeMarkdown(say(p.message))}`);
    const more = o.problems.length - MAX_PROBLEMS_LISTED;
    if (more > 0) lines.push(`- ${say({ en: `… and ${count(more)} more`, zh: `……另有 ${count(more)} 个` })}`);
  }
  lines.push('', title(SECTION_LABEL.instruments, o.instruments.length), '');
  for (const i of o.instruments) {
    const fact = adoptionText(i.datedAdoption ?? i.adoption);
    const mentions = say({ en: `${count(i.mentions)} mention(s)`, zh: `提及 ${count(i.mentions)} 次` });
    lines.push(`- ${mdTitle(i.title)}${i.kind ? ` ${escapeMarkdown(i.kind)}` : ''}${fact ? ` — ${escapeMarkdown(fact)}` : ''} — ${mentions}`);
  }
  lines.push('', title(SECTION_LABEL.events, m.events.length), '');
  for (const { event: e } of m.events) lines.push(`- ${escapeMarkdown(e.name)}${eventText(e, say(ONLINE)) ? ` — ${escapeMarkdown(eventText(e, say(ONLINE)))}` : ''}`);
  lines.push('', title(SECTION_LABEL.officials, o.officials.length), '');
  for (const x of o.officials) lines.push(`- ${escapeMarkdown(x.name)} — ${escapeMarkdown(x.country + x.role)}`);
  lines.push('', title({ en: 'Abbreviations', zh: '简称' }, o.abbreviations.length), '');
  for (const a of o.abbreviations) lines.push(`- ${escapeMarkdown(a.full)} → ${a.short.map(escapeMarkdown).join('、')}`);
  if (o.conflicts.length) {
    lines.push('', title({ en: 'Where the corpus disagrees', zh: '语料中不一致之处' }, o.conflicts.length), '');
    const field: Record<string, Message> = { date: { en: 'date', zh: '日期' }, place: { en: 'place', zh: '地点' }, verb: { en: 'act', zh: '通过方式' } };
    for (const c of o.conflicts) {
      const ins = kb.instruments.find((i) => i.id === c.subject);
      const subject = ins ? mdTitle(ins.title) : escapeMarkdown(c.subject);
      const value = (v: Conflict['values'][number]) => {
        if (c.field !== 'date') return v.value;
        const same = (p: Provenance) => p.uri === v.provenance.uri && p.offset === v.provenance.offset;
        const a = ins?.adoptions.find((x) => same(x.provenance));
        const e = a ? undefined : kb.events.find((x) => x.id === c.subject && same(x.provenance));
        return a ? dateText(a.date) : e?.date ? formatDateExpr(e.date) : v.value;
      };
      lines.push(`- ${subject} ${say(field[c.field] ?? { en: c.field, zh: c.field })}${locale === 'zh' ? '：' : ': '}${c.values.map((v) => escapeMarkdown(value(v))).join(' / ')}`);
    }
  }
  return lines.join('\n') + '\n';
}
