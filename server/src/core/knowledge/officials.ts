/**
 * Officials of a document, with country (or organisation) and role: attendance lists
 * (`…总理马明出席会议`, `…秘书长张明列席会议`, `…总统别尔德穆哈梅多夫作为主席国客人与会`) and the
 * signature block (`COUNTRY ROLE  NAME`). Lists are read on their folded script (总統 and 总统 alike);
 * names, countries and roles are kept as written, without honorifics (阁下).
 */
import type { Official } from '../types';
import { TEXT_LANGUAGE } from '../lang';
import { unitSet } from '../lang/codeUnits';
import type { ProvenanceMaker } from './provenance';

const V = TEXT_LANGUAGE.officials;
const fold = TEXT_LANGUAGE.script.fold;
const SEG_SEP = unitSet(V.segmentSeparators);
/** Role nouns, longest first, as one alternation: the last match is the role before the name. */
const ROLE_RE = new RegExp(V.roleNouns.join('|'), 'g');
const ORG_MARKERS = V.orgMarkers;
/** Each marker followed by the word "organisation" (…联盟组织), built once instead of per segment. */
const ORG_MARKERS_ORG = ORG_MARKERS.map((m) => m + V.orgWord);

/**
 * `seg` as written and `folded` (its folded script, of the same length): the official it names.
 * What is returned is cut from `seg`.
 */
function parseOfficial(seg: string, folded: string): { name: string; country: string; role: string; nameAt: number } | undefined {
  // Name: the word units after the last role noun (without an honorific).
  let roleAt = -1;
  let roleLength = 0;
  ROLE_RE.lastIndex = 0;
  let rm: RegExpExecArray | null;
  while ((rm = ROLE_RE.exec(folded))) {
    roleAt = rm.index;
    roleLength = rm[0].length;
  }
  if (roleAt <= 0) return undefined;
  const role = seg.slice(roleAt, roleAt + roleLength);
  const nameAt = roleAt + roleLength;
  let nameEnd = seg.length;
  for (const h of V.honorifics) if (folded.endsWith(h, nameEnd) && nameEnd - h.length > nameAt) nameEnd -= h.length;
  const name = seg.slice(nameAt, nameEnd);
  if (name.length < 2 || name.length > 10 || !V.name.test(name) || V.notInName.test(folded.slice(nameAt, nameEnd))) return undefined;
  let affil = seg.slice(0, roleAt);
  let affilFolded = folded.slice(0, roleAt);
  for (const q of V.leadQualifiers) {
    const i = affilFolded.lastIndexOf(q);
    if (i >= 0 && i + q.length < affil.length) {
      affil = affil.slice(i + q.length);
      affilFolded = affilFolded.slice(i + q.length);
    }
  }
  if (affil.length > 0 && V.leadingConjunctions.includes(affilFolded[0])) {
    affil = affil.slice(1);
    affilFolded = affilFolded.slice(1);
  }
  if (!affil) return undefined;
  const af = affilFolded;
  if (ORG_MARKERS.some((m) => af.endsWith(m)) || ORG_MARKERS_ORG.some((m) => af.includes(m))) {
    return { name, country: affil, role, nameAt };
  }
  // Country: up to the last country suffix; what follows (政府, 国务院) belongs to the role.
  let cEnd = -1;
  for (const s of V.countrySuffixes) {
    const i = af.lastIndexOf(s);
    if (i >= 0) cEnd = Math.max(cEnd, i + s.length);
  }
  if (cEnd < 0) {
    const i = af.indexOf(V.countryWord);
    cEnd = i >= 0 ? i + V.countryWord.length : affil.length;
  }
  const country = affil.slice(0, cEnd);
  const rolePrefix = affil.slice(cEnd);
  if (country.length < 2) return undefined;
  return { name, country, role: rolePrefix + role, nameAt };
}

export function extractOfficials(text: string, prov: ProvenanceMaker): Official[] {
  const out: Official[] = [];
  const seen = new Set<string>();
  // Next occurrence of each attendance verb (in every script), moved forward only (linear over
  // the text). (-1: no more occurrences, never searched again.)
  const verbs = V.attendanceVerbs;
  const next = verbs.map((v) => text.indexOf(v));
  for (const p of prov.paragraphs) {
    let isList = false;
    for (let v = 0; v < verbs.length; v++) {
      if (next[v] !== -1 && next[v] < p.start) next[v] = text.indexOf(verbs[v], p.start);
      if (next[v] >= 0 && next[v] < p.end) isList = true;
    }
    const short = p.end - p.start <= 40;
    if (!isList && !short) continue;
    const para = text.slice(p.start, p.end);
    const isSignature = short && /\S[ \u00a0\t]{2,}\S/.test(para) && !V.clauseMarks.test(para);
    if (!isList && !isSignature) continue;
    // A list is read on its folded script; names are cut from it as written (the fold keeps
    // lengths; where it would not, the list is read as written).
    let paraFolded = fold(para);
    if (paraFolded.length !== para.length) paraFolded = para;
    // Segments separated by list punctuation.
    let segStart = 0;
    for (let i = 0; i <= para.length; i++) {
      if (i < para.length && SEG_SEP[para.charCodeAt(i)] !== 1) continue;
      const raw = para.slice(segStart, i);
      // Remove spaces, keeping a map to the original offsets for provenance.
      let seg = raw.replace(/[\s\u3000]+/g, '');
      let segFolded = paraFolded.slice(segStart, i).replace(/[\s\u3000]+/g, '');
      // Cut at the attendance verb: 「…总理马明出席会议并致辞」 → 「…总理马明」.
      for (const t of V.trailingVerbs) {
        const at = segFolded.indexOf(t);
        if (at >= 0) {
          seg = seg.slice(0, at);
          segFolded = segFolded.slice(0, at);
        }
      }
      const o = seg.length <= 60 && seg.length === segFolded.length ? parseOfficial(seg, segFolded) : undefined;
      if (o) {
        const key = fold(o.name);
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
