/**
 * A language of the texts Chancery reads: the vocabulary and the small grammar hooks that the
 * scanners (core/scan), extraction (core/knowledge) and title normalisation (core/text/normalize)
 * are written against. Those modules name no word of any language; they compile what they need
 * from a `Language` (code-unit tables, regular expressions) once, when they load.
 *
 * Words are written as the texts write them, in every script they use (Chinese: simplified and
 * traditional). One value per language: lang/zh/index.ts exports `zh`; lang/index.ts says which
 * language the scanners read (see lang/README.md for adding one).
 *
 * Where a member is "one code unit" or "two code units long", the scanners rely on it.
 */
import type { ReferenceMention } from '../types';

export interface Language {
  /** BCP 47 tag: 'zh'. */
  readonly id: string;
  /** Classes of characters, by UTF-16 code unit. */
  readonly chars: CharacterClasses;
  /** Folding the scripts of the language to one, so that a fact written in either resolves. */
  readonly script: ScriptFolding;
  /** Title marks, parentheses, separators and punctuation folding. */
  readonly punctuation: Punctuation;
  /** The characters around date expressions, as the scanners see them. */
  readonly dateMarks: DateMarks;
  /** What stands left of a title: verbs, particles, connectors. */
  readonly frames: FrameVocabulary;
  /** `在PLACE`: prepositions and what a place is made of. */
  readonly places: PlaceGrammar;
  /** Meetings: triggers, head nouns, online mode, session numbers. */
  readonly events: EventVocabulary;
  /** Words of instrument titles. */
  readonly instruments: InstrumentVocabulary;
  /** Declarations of abbreviations (以下简称). */
  readonly abbreviations: AbbreviationVocabulary;
  /** Attendance lists and signature blocks. */
  readonly officials: OfficialVocabulary;
}

export interface CharacterClasses {
  /** A code unit of the words of names, places and noun phrases (Chinese: an ideograph). */
  isWordUnit(c: number): boolean;
  /** Space inside a line (the scanners skip it between the parts of a frame). */
  isInlineSpace(c: number): boolean;
}

export interface ScriptFolding {
  /** The text in the one script facts are keyed by (Chinese: traditional → simplified). */
  fold(s: string): string;
  /** `fold`, memoised: for the short strings that repeat (places, verbs, names). */
  foldMemo(s: string): string;
}

export interface Punctuation {
  /** The title marks as a pair, one code unit each (Chinese 《》): a top-level reference. */
  readonly titleMarks: ReferenceMention['bracket'];
  /** The inner title marks as a pair (Chinese 〈〉): a title nested in a title. */
  readonly innerTitleMarks: ReferenceMention['bracket'];
  /** Every code unit that opens an inner title in a draft (the inner mark and its look-alikes). */
  readonly innerTitleOpeners: string;
  /** Every code unit that closes an inner title in a draft. */
  readonly innerTitleClosers: string;
  /** Besides the title marks, the code units that end a title's body (line breaks, the full stop). */
  readonly titleBodyStops: string;
  /** Brackets and dashes inside titles: losing or changing them is a slip, not another title. */
  readonly titleInnerPunctuation: string;
  /** Opening parentheses (every width), one code unit each. */
  readonly openParens: string;
  /** Closing parentheses, in the order of `openParens`. */
  readonly closeParens: string;
  /** Commas (every width). */
  readonly commas: string;
  /** Separators between the date and the place in a parenthesis after a title. */
  readonly listSeparators: string;
  /** The full stop (one code unit). */
  readonly fullStop: string;
  /** Code units that end an event name: clause punctuation, title marks, quotes, line breaks. */
  readonly nameStops: string;
  /** Other punctuation forms → the forms official texts use, one code unit to one (title matching). */
  readonly folds: Readonly<Record<string, string>>;
  /** Ranges of full-width forms folded to ASCII (code unit − 0xFEE0), inclusive. */
  readonly fullWidthFolded: readonly (readonly [number, number])[];
}

export interface DateMarks {
  /** Code units that can occur inside a date expression (numerals, units, separators, spaces). */
  readonly chars: string;
  /** The code units every date expression ends with (day, month or year unit). */
  readonly ends: string;
  /** The units right after the number of every date (the offsets the date parser starts from). */
  readonly units: string;
}

export interface FrameVocabulary {
  /** Verbs of adoption (`…VERB的《T》`). */
  readonly adoptionVerbs: readonly string[];
  /** Particles, one code unit each, that may stand between the verb and the title. */
  readonly verbParticles: string;
  /** The attributive particle, one code unit: after a trigger (`举行的EVENT`), before a noun phrase. */
  readonly attributive: string;
  /** Words coordinating titles (`《A》和《B》`: B takes A's frame). */
  readonly connectors: readonly string[];
  /** Postpositions after an event name before the verb (`EVENT上通过的`, `EVENT期间签署的`). */
  readonly eventPositions: readonly string[];
  /**
   * Adverbs that pair a list of dates, a list of places and a list of titles one to one
   * (`分别于D1和D2在P1和P2签署了《A》和《B》`); without one, a list of places is no place.
   */
  readonly distributives: readonly string[];
  /** Adverbs between a title and a frame written after it (`《T》已于DATE签署`), longest first. */
  readonly rightAdverbs: readonly string[];
}

export interface PlaceGrammar {
  /** Prepositions of place and time, one code unit each (`在PLACE`, `于DATE`). */
  readonly prepositions: string;
  /** Code units that, right before a preposition, make it part of another word (关于, 现在). */
  readonly notPrepositionAfter: string;
  /** Code units a place never ends with (adverbs, conjunctions, particles). */
  readonly notPlaceEnd: string;
  /**
   * Code units that end place names and are function words too (Chinese 都: 成都 and "all"; 及:
   * 埃及 and "and"). A place ending with one is read when what precedes the unit could end a place
   * (no `notPlaceEnd` unit, no event position: 在会上都通过 has no place) and the place holds no
   * verb of adoption or event trigger.
   */
  readonly ambiguousEnds: string;
  /** Marks joining the parts of a transliterated place name between a preposition and a verb. */
  readonly joiners: string;
  /** The joiners of a place in a parenthesis after a title, `（DATE，PLACE）`. */
  readonly datelineJoiners: string;
}

export interface EventVocabulary {
  /** Verbs that hold a meeting; each two code units long. */
  readonly triggers: readonly string[];
  /** Head nouns of event names. */
  readonly nouns: readonly string[];
  /** The online mode written before a trigger (`以视频方式举行`). */
  readonly onlineModes: readonly string[];
  /** Words that make an event online when its name has them. */
  readonly onlineWords: readonly string[];
  /** Adverbs between the venue and the trigger (成功举行). */
  readonly adverbs: readonly string[];
  /** Markers of the future before `于DATE` (`EVENT将于DATE举行`). */
  readonly futureMarkers: readonly string[];
  /**
   * Verbs of meeting that set the scene of a narrative without naming an event
   * (`…于DATE在PLACE会晤，发表《T》`: the clause dates what the next one adopts).
   */
  readonly meetingVerbs: readonly string[];
  /**
   * Verbs a text cites a meeting with (`回顾了EVENT（DATE，PLACE）`): the name of an event cited
   * in parentheses starts after the last of them in its clause.
   */
  readonly citingVerbs: readonly string[];
  /** Is a name relative to the text's own time (下次会议, 本次会议): no fact about one event? */
  isRelativeName(name: string): boolean;
  /** The last session number written in a name (第二十次, 首次), where it is, and its value. */
  lastSession(name: string): { value: number; index: number; length: number } | undefined;
  /** The name with every session number replaced by `by`: the series the event belongs to. */
  withoutSession(name: string, by?: string): string;
}

export interface InstrumentVocabulary {
  /** Head nouns of instrument titles (the kind is the last one a title ends with). */
  readonly kinds: readonly string[];
  /** Pairs of words drafters confuse in titles (a title differing by one of them is a misquote). */
  readonly nearSynonyms: ReadonlyArray<readonly [string, string]>;
  /**
   * Words right before a title that make it the text itself (本《倡议》: this Initiative) — or,
   * when the text declares that short title, the instrument it abbreviates (本《行动计划》).
   */
  readonly selfReferences: readonly string[];
  /** Words right before a title that make it the one of that kind named last (该《协定》). */
  readonly anaphora: readonly string[];
}

export interface AbbreviationVocabulary {
  /** The opening of a declaration, up to its short names (global; callers reset `lastIndex`). */
  readonly declaration: RegExp;
  /** Quotes around a declared short name, opening and closing in the same order. */
  readonly quotesOpen: string;
  readonly quotesClose: string;
  /** Separators of unquoted short names. */
  readonly shortNameSeparators: RegExp;
  /** An unquoted short name. */
  readonly shortName: RegExp;
  /** Function words, one code unit each, a full name starts after when it shares nothing with its short name. */
  readonly fullNameCuts: string;
  /**
   * Words that may follow an organisation's declared name in a title without changing what the
   * title names (Chinese 成员国: 《上合组织成员国X》 and 《上合组织X》 are one instrument). In the
   * folded script (title keys are).
   */
  readonly memberWords: readonly string[];
  /** A name without the declarations it carries (an event name as it is cited). */
  withoutDeclarations(name: string): string;
}

export interface OfficialVocabulary {
  /** Role nouns, longest first, in the folded script (a list is read on its folded form). */
  readonly roleNouns: readonly string[];
  /** Honorifics after a name (阁下): not part of it. In the folded script. */
  readonly honorifics: readonly string[];
  /** Separators of the entries of a list, one code unit each. */
  readonly segmentSeparators: string;
  /** Clause punctuation (a signature block has none). */
  readonly clauseMarks: RegExp;
  /** Ends of a country's name; what follows belongs to the role. */
  readonly countrySuffixes: readonly string[];
  /** The word "country": the end of a country's name when no suffix ends it (first occurrence). */
  readonly countryWord: string;
  /** Ends of an organisation's name. */
  readonly orgMarkers: readonly string[];
  /** The word "organisation": a marker followed by it names an organisation too. */
  readonly orgWord: string;
  /** Words before the affiliation that are not part of it. */
  readonly leadQualifiers: readonly string[];
  /** Conjunctions an entry may start with, one code unit each. */
  readonly leadingConjunctions: string;
  /** Words after the name in an attendance list (the entry ends before them), in the folded script. */
  readonly trailingVerbs: readonly string[];
  /** Verbs that make a paragraph an attendance list, as written in every script (searched in the text). */
  readonly attendanceVerbs: readonly string[];
  /** An official's name. */
  readonly name: RegExp;
  /** Characters that show a "name" is a phrase, not a name. */
  readonly notInName: RegExp;
}
