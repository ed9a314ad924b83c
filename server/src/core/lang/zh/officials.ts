/**
 * The words of attendance lists (`…总理马明出席会议`) and signature blocks (`COUNTRY ROLE  NAME`):
 * role nouns, what ends a country's or an organisation's name, and the verbs around the list.
 */

/**
 * Role nouns, longest first (so that an alternation of them matches the longest). Simplified: lists
 * are read on their simplified form (names and affiliations are kept as written).
 */
export const ROLE_NOUNS = [
  '第一副总统', '副总统', '总统', '第一副总理', '副总理', '总理', '首相', '外交部长', '外长', '副部长', '部长',
  '副执行主任', '执行主任', '副主任', '主任', '轮值主席', '副主席', '主席', '副秘书长', '秘书长', '国王', '元首',
  '特使', '大使', '代表', '总干事', '行长', '理事长', '执行秘书', '主持人', '政府首脑',
].sort((a, b) => b.length - a.length);

/** Honorifics after a name (米尔济约耶夫阁下): not part of it. Simplified. */
export const HONORIFICS = ['阁下', '先生', '女士', '殿下', '陛下'];

/** Separators of the entries of a list. */
export const SEGMENT_SEPARATORS = '、，；。,;';

/** Clause punctuation, which a signature block has none of. */
export const CLAUSE_MARKS = /[。，；]/;

/** Ends of a country's name (…共和国, …联邦); what follows (政府, 国务院) belongs to the role. */
export const COUNTRY_SUFFIXES = ['共和国', '联邦', '王国', '公国', '合众国'];

/** The word "country" (国): the end of a country's name when no longer suffix ends it (its first occurrence). */
export const COUNTRY_WORD = '国';

/** Ends of an organisation's name: the affiliation is the organisation itself. */
export const ORG_MARKERS = ['组织', '机构', '委员会', '秘书处', '理事会', '联合体', '中心', '银行', '联盟', '论坛', '会议'];

/** The word "organisation" (组织): a marker followed by it (…联盟组织) names an organisation too. */
export const ORG_WORD = '组织';

/** Words before the affiliation that are not part of it (代表, 客人, 以及). */
export const LEAD_QUALIFIERS = ['代表', '客人', '以及'];

/** Conjunctions an entry may start with (和, 及). */
export const LEADING_CONJUNCTIONS = '和及';

/**
 * Words after the name in an attendance list: the entry ends before them (…马明出席会议并致辞,
 * …别尔德穆哈梅多夫作为主席国客人与会, …应邀出席). Simplified.
 */
export const TRAILING_VERBS = ['出席', '主持', '与会', '参加会议', '列席', '作为', '应邀'];

/** Verbs that make a paragraph an attendance list, as written (both scripts). */
export const ATTENDANCE_VERBS = ['出席', '主持', '列席', '与会', '與會'];

/** An official's name: ideographs and the middle dots of transliterations. */
export const OFFICIAL_NAME = /^[\u4e00-\u9fff·・]+$/;

/** Characters that show a "name" is a phrase (的, 和, 或, 会议 …), not a name. */
export const NOT_IN_NAME = /[的和或与及并在会议以等各兼]/;
