/**
 * The reference checks: every 《title》 of the draft (nested 〈…〉 included) matched against the
 * knowledge base — a misquoted, variant or unknown title (title-misquoted, title-variant,
 * title-unknown), and for a known instrument the date, place and verb the draft gives it against
 * the corpus's (date-mismatch, place-mismatch, verb-mismatch). Accepted titles get no title finding.
 */
import type { Adoption, DateExpr, Finding, FindingCode, Instrument, ReferenceMention } from '../../types';
import type { DerivedTable, KnowledgeIndex } from '../../knowledge/knowledgeIndex';
import { matchTitle, type TitleMatch } from '../../knowledge/titleMatch';
import { normalizeTitle } from '../../text/normalize';
import { dateKey } from '../../text/calendar';
import { formatDate } from '../../lang/zh/datesFormat';
import { simplified } from '../../lang/zh/script';
import { dateAsDraft, exprAgrees, samePlace } from './agreement';
import { corpusSays, finding, replaceFix } from './findings';
import { frameYearSlot, type MalformedDate } from './dates';

/** Adoptions that carry a date, a place, a verb. */
interface AdoptionFields {
  date: Adoption[];
  place: Adoption[];
  verb: Adoption[];
}

/** AdoptionFields per instrument, each computed on first use. */
const ADOPTION_FIELDS: DerivedTable<Map<Instrument, AdoptionFields>> = {
  name: 'adoption fields',
  build: () => new Map(),
};

function fieldsOf(table: Map<Instrument, AdoptionFields>, inst: Instrument): AdoptionFields {
  let f = table.get(inst);
  if (!f) {
    const has = (a: Adoption, k: 'date' | 'place' | 'verb') => a[k] !== undefined && a[k] !== '';
    f = {
      date: inst.adoptions.filter((a) => has(a, 'date')),
      place: inst.adoptions.filter((a) => has(a, 'place')),
      verb: inst.adoptions.filter((a) => has(a, 'verb')),
    };
    table.set(inst, f);
  }
  return f;
}

function uniqueBy<T>(xs: T[], key: (x: T) => string): T[] {
  const seen = new Set<string>();
  return xs.filter((x) => {
    const k = key(x);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * Dated mentions of one instrument (or of one normalised title when it is unknown) that the corpus
 * does not date: what the date-consistency check compares (consistency.ts).
 */
export type DatedMentions = Map<Instrument | string, { ref: ReferenceMention; date: DateExpr }[]>;

/**
 * The reference findings of the draft's references `refs` (top-level, in text order), appended to
 * `out`, outer before inner. `accepted`: titles accepted as written; `invalidAt`: where impossible
 * dates start, and `malformed` the dates whose year is written wrong (dates.ts: their finding gets
 * the corpus date as its fix); `check` throws when cancelled. Returns the dated mentions the corpus
 * does not settle, for the date-consistency check.
 */
export function referenceFindings(
  text: string,
  refs: readonly ReferenceMention[],
  index: KnowledgeIndex,
  accepted: ReadonlySet<string>,
  invalidAt: Set<number>,
  malformed: ReadonlyMap<number, MalformedDate>,
  out: Finding[],
  on: (c: FindingCode) => boolean,
  check: () => void,
  standFor?: ReadonlyMap<ReferenceMention, { title: string }>,
): DatedMentions {
  const fieldsTable = index.derived(ADOPTION_FIELDS);
  // Dated mentions per instrument (or per normalised title when unknown), for date-inconsistent;
  // instruments the corpus dates are left to date-mismatch.
  const dated: DatedMentions = new Map();
  const normMemo = new Map<string, string>();
  let n = 0;
  const visit = (ref: ReferenceMention, outerResolved: boolean) => {
    if ((++n & 255) === 0) check();
    // An accepted title (a deliberate variant) gets no title finding; its facts are still checked.
    // A short title standing for another (《协定》, 本《倡议》) is checked as that title, with no title finding.
    const named = standFor?.get(ref);
    const match: TitleMatch = matchTitle(named ? named.title : ref.title, index);
    // (No acceptances, the usual case: no hashing of the title, a fresh slice, for the lookup.)
    if (!named && (accepted.size === 0 || !accepted.has(ref.title))) titleFindings(ref, match, outerResolved, out, on);
    const inst = match.kind === 'exact' || match.kind === 'variant' || match.kind === 'misquote' ? match.instrument : undefined;
    const fields = inst && fieldsOf(fieldsTable, inst);
    // A year written wrong: the date read with it (the frame saw the date after it, or none).
    const bad = malformed.size ? malformed.get(ref.date ? ref.date.span.start : frameYearSlot(text, ref)) : undefined;
    if (ref.date && !bad && !invalidAt.has(ref.date.span.start) && !(fields && fields.date.length)) {
      let key: Instrument | string | undefined = inst;
      if (!key) {
        key = normMemo.get(ref.title);
        if (key === undefined) normMemo.set(ref.title, (key = normalizeTitle(ref.title)));
      }
      let list = dated.get(key);
      if (!list) dated.set(key, (list = []));
      list.push({ ref, date: ref.date });
    }
    if (inst) factFindings(ref, inst, fields!, invalidAt, bad, out, on);
    for (const inner of ref.inner) visit(inner, outerResolved || !!inst);
  };
  for (const ref of refs) visit(ref, false);
  return dated;
}

function titleFindings(ref: ReferenceMention, m: TitleMatch, outerResolved: boolean, out: Finding[], on: (c: FindingCode) => boolean): void {
  const { start, end } = ref.titleSpan;
  if (m.kind === 'variant' && m.departs && m.suggestion && on('title-variant')) {
    out.push(
      finding(
        'title-variant',
        start,
        end,
        {
          en: `《${ref.title}》 is written differently from the corpus: ${m.why?.en ?? m.reason}`,
          zh: `《${ref.title}》的写法与语料不同：${m.why?.zh ?? m.reason}`,
        },
        [replaceFix(start, end, m.suggestion)],
        m.instrument?.mentions.slice(0, 1),
      ),
    );
  } else if (m.kind === 'misquote' && m.instrument && on('title-misquoted')) {
    const t = m.suggestion ?? m.instrument.title;
    out.push(
      finding(
        'title-misquoted',
        start,
        end,
        {
          en: `《${ref.title}》 is not in the corpus; did you mean 《${t}》? (${m.why?.en ?? m.reason})`,
          zh: `语料中没有《${ref.title}》，是否应为《${t}》？（${m.why?.zh ?? m.reason}）`,
        },
        [replaceFix(start, end, t)],
        m.instrument.mentions.slice(0, 1),
      ),
    );
  } else if (m.kind === 'different' && m.instrument && !outerResolved && on('title-unknown')) {
    out.push(
      finding('title-unknown', start, end, {
        en: `《${ref.title}》 is not in the corpus; the closest known title is 《${m.instrument.title}》 (${m.why?.en ?? m.reason})`,
        zh: `语料中没有《${ref.title}》；最接近的已知标题是《${m.instrument.title}》（${m.why?.zh ?? m.reason}）`,
      }),
    );
  }
}

/**
 * `fields`: fieldsOf(table, inst), which the caller has already looked up; `bad`: the date of the
 * reference when its year is written wrong (dates.ts), which is then the date checked.
 */
function factFindings(
  ref: ReferenceMention,
  inst: Instrument,
  fields: AdoptionFields,
  invalidAt: Set<number>,
  bad: MalformedDate | undefined,
  out: Finding[],
  on: (c: FindingCode) => boolean,
): void {
  const withDate = fields.date;
  const date = bad?.expr ?? ref.date;
  if (date && withDate.length && on('date-mismatch')) {
    const ok = withDate.some((a) => exprAgrees(date, a.date!));
    if (!ok) {
      const corpus = uniqueBy(withDate, (a) => dateKey(a.date!));
      const fixes = corpus.map((a) => replaceFix(date.span.start, date.span.end, dateAsDraft(a.date!, date), corpus.length === 1));
      const shown = formatDate(corpus[0].date!, 'arabic');
      const says = corpusSays(
        corpus[0].provenance,
        corpus[0].date!.yearFromDocument
          ? { en: `${shown} (no year written there: the year of that document's date)`, zh: `${shown}（该处未写年份，取该文件日期的年份）` }
          : { en: shown, zh: shown },
      );
      // An impossible date or a year written wrong: its date-invalid finding (when that code is on)
      // gets the corpus date as its fix, before the fix of a look-alike (which the corpus overrules).
      const inv = bad ? bad.finding : invalidAt.has(date.span.start) ? out.find((f) => f.code === 'date-invalid' && f.start === date.span.start) : undefined;
      if (inv) {
        {
          if (bad?.lookalikeFix) bad.lookalikeFix.preferred = false;
          inv.fixes.unshift(...fixes);
          inv.message = {
            en: `${inv.message.en}; for 《${inst.title}》 ${says.en}`,
            zh: `${inv.message.zh}；关于《${inst.title}》，${says.zh}`,
          };
          inv.provenance = corpus.map((a) => a.provenance);
        }
      } else {
        out.push(
          finding(
            'date-mismatch',
            date.span.start,
            date.span.end,
            {
              en: `《${inst.title}》 is dated ${date.text} here, but ${says.en}`,
              zh: `《${inst.title}》此处日期为${date.text}，但${says.zh}`,
            },
            fixes,
            corpus.map((a) => a.provenance),
          ),
        );
      }
    }
  }
  const withPlace = fields.place;
  if (ref.place && withPlace.length && on('place-mismatch')) {
    const ok = withPlace.some((a) => samePlace(ref.place!.text, a.place!));
    if (!ok) {
      // One place written in two scripts by two documents is one place (one fix).
      const corpus = uniqueBy(withPlace, (a) => simplified(a.place!));
      const says = corpusSays(corpus[0].provenance, { en: corpus[0].place!, zh: corpus[0].place! });
      out.push(
        finding(
          'place-mismatch',
          ref.place.span.start,
          ref.place.span.end,
          {
            en: `《${inst.title}》 was adopted in ${ref.place.text} according to this draft, but ${says.en}`,
            zh: `本稿称《${inst.title}》在${ref.place.text}通过，但${says.zh}`,
          },
          corpus.map((a) => replaceFix(ref.place!.span.start, ref.place!.span.end, a.place!, corpus.length === 1)),
          corpus.map((a) => a.provenance),
        ),
      );
    }
  }
  const withVerb = fields.verb;
  if (ref.verb && withVerb.length && on('verb-mismatch')) {
    // The corpus's verbs are folded (通过); the draft's as written (通過, 簽署 in a traditional draft).
    const written = simplified(ref.verb.text);
    const ok = withVerb.some((a) => a.verb === written);
    if (!ok) {
      const corpus = uniqueBy(withVerb, (a) => a.verb!);
      const says = corpusSays(corpus[0].provenance, { en: corpus[0].verb!, zh: corpus[0].verb! });
      out.push(
        finding(
          'verb-mismatch',
          ref.verb.span.start,
          ref.verb.span.end,
          {
            en: `《${inst.title}》: this draft says ${ref.verb.text}, but ${says.en} (通过 adopted, 批准 approved and 签署 signed are different acts)`,
            zh: `《${inst.title}》：本稿用“${ref.verb.text}”，但${says.zh}（通过、批准、签署是不同的行为）`,
          },
          corpus.map((a) => replaceFix(ref.verb!.span.start, ref.verb!.span.end, a.verb!, corpus.length === 1)),
          corpus.map((a) => a.provenance),
        ),
      );
    }
  }
}
