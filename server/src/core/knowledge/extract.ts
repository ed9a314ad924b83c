/**
 * Extraction of facts from one decoded corpus document: references (with frames), events,
 * abbreviations declared with 以下简称, officials with country and role. Every fact carries its
 * provenance (uri, offset, length, line, sentence). The knowledge base (kb.ts) merges documents.
 *
 * The word lists below are vocabulary of the genre (kinds of instruments, role nouns), not facts:
 * no instrument, date or place is named in this file.
 */
import type { Abbreviation, Official, Provenance, ReferenceMention, Span } from '../types';
import { LineIndex } from '../text/positions';
import { splitParagraphs, sentencesOf, sentenceAt } from '../corpus/split';
import { scanEvents, scanReferences, type EventMention } from '../scan';
import { toSimplified } from '../lang/zh/script';
import { isIdeograph } from '../lang/zh/chars';

/** Head nouns of instrument titles (the genre's vocabulary). */
export const INSTRUMENT_KINDS = [
  '协定', '协议', '构想', '纲要', '声明', '计划', '路线图', '备忘录', '条例', '章程', '战略', '公约', '报告',
  '宣言', '决议', '决定', '议定书', '条约', '宪章', '规划', '方案', '公报', '规则', '细则', '办法', '议程',
  '框架', '原则', '规定', '守则', '倡议', '协约', '谅解书', '换文', '纪要', '准则', '指南', '名录', '清单', '议定',
];

/** The instrument's kind: the LAST genre noun of the title, ignoring trailing （…） parts. */
export function instrumentKind(title: string): string | undefined {
  return kindOfKey(toSimplified(title).replace(/[\s\u3000]+/g, ''));
}

/** `instrumentKind` of a title already simplified (a normalised key). */
export function kindOfKey(key: string): string | undefined {
  let t = key;
  // Drop trailing parenthesised parts: （2022—2024年）.
  for (;;) {
    const m = /[（(][^（()）]*[）)]$/.exec(t);
    if (!m) break;
    t = t.slice(0, m.index);
  }
  // The kind whose last occurrence ends last (the longest of those ending there): read the
  // key backwards from its end and stop at the first position where some kind ends, instead
  // of a lastIndexOf per kind (about 40 backward searches per title).
  for (let end = t.length; end > 0; end--) {
    const kinds = KINDS_BY_LAST.get(t.charCodeAt(end - 1));
    if (!kinds) continue;
    for (const k of kinds) if (end >= k.length && t.startsWith(k, end - k.length)) return k;
  }
  return undefined;
}

/** INSTRUMENT_KINDS by last code unit, longest first. */
const KINDS_BY_LAST = new Map<number, string[]>();
for (const k of INSTRUMENT_KINDS) {
  const c = k.charCodeAt(k.length - 1);
  let list = KINDS_BY_LAST.get(c);
  if (!list) KINDS_BY_LAST.set(c, (list = []));
  list.push(k);
}
for (const list of KINDS_BY_LAST.values()) list.sort((a, b) => b.length - a.length);

/** Provenance maker for one document. */
export class ProvenanceMaker {
  private readonly lines: LineIndex;
  private readonly sentences: Span[];
  readonly paragraphs: Span[];
  constructor(
    readonly uri: string,
    readonly text: string,
  ) {
    this.lines = new LineIndex(text);
    this.paragraphs = splitParagraphs(text);
    this.sentences = sentencesOf(text, this.paragraphs);
  }
  /** Sentence strings, sliced once per sentence and shared by every fact in it. */
  private readonly sentenceTexts: (string | undefined)[] = [];
  sentenceSpan(offset: number): Span | undefined {
    return sentenceAt(this.sentences, offset);
  }
  make(offset: number, length: number): Provenance {
    // Binary search as in sentenceAt, keeping the index for the shared string.
    const ss = this.sentences;
    let lo = 0;
    let hi = ss.length - 1;
    let at = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const x = ss[mid];
      if (offset < x.start) hi = mid - 1;
      else if (offset >= x.end) lo = mid + 1;
      else {
        at = mid;
        break;
      }
    }
    let sentence: string;
    if (at >= 0) {
      const cached = this.sentenceTexts[at];
      sentence = cached ?? (this.sentenceTexts[at] = this.text.slice(ss[at].start, ss[at].end));
    } else sentence = this.text.slice(offset, offset + length);
    const line = this.lines.lineAt(offset);
    return { uri: this.uri, offset, length, line, column: offset - this.lines.offsetAt({ line, character: 0 }), sentence };
  }
}

// ---------------------------------------------------------------------------------------------
// Abbreviations: X（以下简称“Y”或“Z”）

const QUOTES_OPEN = '“"「『‘\'';
const QUOTES_CLOSE = '”"」』’\'';


export function extractAbbreviations(text: string, prov: ProvenanceMaker): Abbreviation[] {
  return findAbbreviations(text).map((a) => ({ full: a.full, short: a.short, provenance: prov.make(a.start, a.length) }));
}

/** An abbreviation declaration found in a text, before its provenance is made. */
export interface AbbreviationAt {
  full: string;
  short: string[];
  start: number;
  length: number;
}

/** The 以下简称 declarations of a text (what extractAbbreviations gives, without provenance). */
export function findAbbreviations(text: string): AbbreviationAt[] {
  const out: AbbreviationAt[] = [];
  const re = /[（(]\s*(?:以下(?:简称|簡稱|称|稱)|简称|簡稱)[：:]?/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const open = m.index;
    // The short names: quoted strings up to the closing parenthesis.
    const shorts: string[] = [];
    let i = m.index + m[0].length;
    const lim = Math.min(text.length, i + 80);
    while (i < lim && text[i] !== '）' && text[i] !== ')') {
      const q = QUOTES_OPEN.indexOf(text[i]);
      if (q >= 0) {
        let j = i + 1;
        while (j < lim && !QUOTES_CLOSE.includes(text[j])) j++;
        if (j > i + 1 && j < lim) shorts.push(text.slice(i + 1, j));
        i = j + 1;
      } else i++;
    }
    if (i >= lim) continue;
    if (!shorts.length) {
      // Unquoted: （以下简称上合组织） or （简称上合组织、本组织）.
      const inner = text.slice(m.index + m[0].length, i).trim();
      for (const part of inner.split(/或|、|，|,/)) if (/^[\u4e00-\u9fff]{1,12}$/.test(part.trim())) shorts.push(part.trim());
      if (!shorts.length) continue;
    }
    // The full name: the ideographs before the parenthesis, from the first character the
    // short name shares with it (上海合作组织 → 上合组织), else back to the clause boundary.
    let k = open;
    while (k > 0 && open - k < 40 && isIdeograph(text.charCodeAt(k - 1))) k--;
    const run = text.slice(k, open);
    if (!run) continue;
    const first = shorts[0][0];
    const at = run.indexOf(first);
    let full = at >= 0 ? run.slice(at) : run;
    // Trim a leading function word when there was no shared character.
    if (at < 0) {
      const cut = Math.max(run.lastIndexOf('的'), run.lastIndexOf('在'), run.lastIndexOf('和'));
      if (cut >= 0) full = run.slice(cut + 1);
    }
    if (!full || shorts.every((s) => s === full)) continue;
    const start = open - full.length;
    out.push({ full, short: shorts, start, length: i + 1 - start });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Officials: attendance lists (…出席会议) and the signature block (COUNTRY ROLE  NAME)

/** Role nouns (longest first when matching). */
export const ROLE_NOUNS = [
  '第一副总统', '副总统', '总统', '第一副总理', '副总理', '总理', '首相', '外交部长', '外长', '副部长', '部长',
  '副执行主任', '执行主任', '副主任', '主任', '轮值主席', '副主席', '主席', '副秘书长', '秘书长', '国王', '元首',
  '特使', '大使', '代表', '总干事', '行长', '理事长', '执行秘书', '主持人',
].sort((a, b) => b.length - a.length);
const SEG_SEP = new Uint8Array(0x10000);
for (const ch of '、，；。,;') SEG_SEP[ch.charCodeAt(0)] = 1;
/** Role nouns, longest first, as one alternation: the last match is the role before the name. */
const ROLE_RE = new RegExp(ROLE_NOUNS.join('|'), 'g');
const COUNTRY_SUFFIXES = ['共和国', '联邦', '王国', '公国', '合众国', '国'];
const ORG_MARKERS = ['组织', '机构', '委员会', '秘书处', '理事会', '联合体', '中心', '银行', '联盟', '论坛', '会议'];
/** Each marker followed by 组织 (…联盟组织), built once instead of per segment. */
const ORG_MARKERS_ORG = ORG_MARKERS.map((m) => m + '组织');
const LEAD_QUALIFIERS = ['代表', '客人', '以及'];
const TRAIL = ['出席', '主持', '与会', '参加会议', '列席'];

function parseOfficial(seg: string): { name: string; country: string; role: string; nameAt: number } | undefined {
  // Name: the ideographs after the last role noun.
  let roleAt = -1;
  let role = '';
  ROLE_RE.lastIndex = 0;
  let rm: RegExpExecArray | null;
  while ((rm = ROLE_RE.exec(seg))) {
    roleAt = rm.index;
    role = rm[0];
  }
  if (roleAt <= 0) return undefined;
  const nameAt = roleAt + role.length;
  const name = seg.slice(nameAt);
  if (name.length < 2 || name.length > 10 || !/^[\u4e00-\u9fff·・]+$/.test(name) || /[的和并在会议以及等]/.test(name)) return undefined;
  let affil = seg.slice(0, roleAt);
  for (const q of LEAD_QUALIFIERS) {
    const i = affil.lastIndexOf(q);
    if (i >= 0 && i + q.length < affil.length) affil = affil.slice(i + q.length);
  }
  if (affil.startsWith('和') || affil.startsWith('及')) affil = affil.slice(1);
  if (!affil) return undefined;
  if (ORG_MARKERS.some((m) => affil.endsWith(m)) || ORG_MARKERS_ORG.some((m) => affil.includes(m))) {
    return { name, country: affil, role, nameAt };
  }
  // Country: up to the last country suffix; what follows (政府, 国务院) belongs to the role.
  let cEnd = -1;
  for (const s of COUNTRY_SUFFIXES) {
    const i = affil.lastIndexOf(s);
    if (i >= 0 && s !== '国') {
      cEnd = Math.max(cEnd, i + s.length);
    }
  }
  if (cEnd < 0) {
    const i = affil.indexOf('国');
    cEnd = i >= 0 ? i + 1 : affil.length;
  }
  const country = affil.slice(0, cEnd);
  const rolePrefix = affil.slice(cEnd);
  if (country.length < 2) return undefined;
  return { name, country, role: rolePrefix + role, nameAt };
}

export function extractOfficials(text: string, prov: ProvenanceMaker): Official[] {
  const out: Official[] = [];
  const seen = new Set<string>();
  // Next occurrences of the attendance verbs, moved forward only (linear over the text).
  // (-1: no more occurrences, never searched again.)
  let nextAttend = text.indexOf('出席');
  let nextChair = text.indexOf('主持');
  for (const p of prov.paragraphs) {
    if (nextAttend !== -1 && nextAttend < p.start) nextAttend = text.indexOf('出席', p.start);
    if (nextChair !== -1 && nextChair < p.start) nextChair = text.indexOf('主持', p.start);
    const isList = (nextAttend >= 0 && nextAttend < p.end) || (nextChair >= 0 && nextChair < p.end);
    const short = p.end - p.start <= 40;
    if (!isList && !short) continue;
    const para = text.slice(p.start, p.end);
    const isSignature = short && /\S[ \u00a0\t]{2,}\S/.test(para) && !/[。，；]/.test(para);
    if (!isList && !isSignature) continue;
    // Segments separated by list punctuation.
    let segStart = 0;
    for (let i = 0; i <= para.length; i++) {
      if (i < para.length && SEG_SEP[para.charCodeAt(i)] !== 1) continue;
      const raw = para.slice(segStart, i);
      // Remove spaces, keeping a map to the original offsets for provenance.
      let seg = raw.replace(/[\s\u3000]+/g, '');
      // Cut at the attendance verb: 「…总理马明出席会议并致辞」 → 「…总理马明」.
      for (const t of TRAIL) {
        const at = seg.indexOf(t);
        if (at >= 0) seg = seg.slice(0, at);
      }
      const o = seg.length <= 60 ? parseOfficial(seg) : undefined;
      if (o) {
        const key = o.name + '\u0000' + o.country + '\u0000' + o.role;
        if (!seen.has(key)) {
          seen.add(key);
          const lead = raw.length - raw.trimStart().length;
          out.push({ name: o.name, country: o.country, role: o.role, provenance: prov.make(p.start + segStart + lead, raw.trim().length) });
        }
      }
      segStart = i + 1;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

export interface DocumentFacts {
  uri: string;
  references: ReferenceMention[];
  events: EventMention[];
  abbreviations: Abbreviation[];
  officials: Official[];
  prov: ProvenanceMaker;
}

export function extractDocument(uri: string, text: string): DocumentFacts {
  const prov = new ProvenanceMaker(uri, text);
  return {
    uri,
    references: scanReferences(text),
    events: scanEvents(text),
    abbreviations: extractAbbreviations(text, prov),
    officials: extractOfficials(text, prov),
    prov,
  };
}
