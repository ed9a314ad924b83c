/**
 * Declarations of abbreviations: `上海合作组织（以下简称“上合组织”或“本组织”）`, `（简称上合组织、本组织）`.
 */

/** The opening of a declaration, up to its short names: `（以下简称：`, `(简称`, traditional forms. Global. */
export const DECLARATION = /[（(]\s*(?:以下(?:简称|簡稱|称|稱)|简称|簡稱)[：:]?/g;

/** Quotes around a declared short name, opening and closing (same order). */
export const QUOTES_OPEN = '“"「『‘\'';
export const QUOTES_CLOSE = '”"」』’\'';

/** Separators of unquoted short names: （简称上合组织、本组织）. */
export const SHORT_NAME_SEPARATORS = /或|、|，|,/;

/** An unquoted short name: 1–12 ideographs. */
export const SHORT_NAME = /^[\u4e00-\u9fff]{1,12}$/;

/**
 * Words that may follow an organisation's declared name in a title without changing what the
 * title names: 《上合组织成员国X》, 《上海合作组织成员国X》 and 《上合组织X》 are one instrument.
 * Simplified (title keys are).
 */
export const MEMBER_WORDS = ['成员国'];

/** Function words a full name starts after, when it shares no character with its short name. */
export const FULL_NAME_CUTS = '的在和';

/** The declarations a name carries, in either script, with or without 以下 (see DECLARATION). */
const CARRIED = /[（(]\s*(?:以下[简簡]?|[简簡])[称稱][^）)]{0,60}[）)]/g;

/**
 * A name without the declarations it carries: `上海合作组织（以下简称“上合组织”）` → `上海合作组织`,
 * `上海合作組織（以下簡稱“上合組織”）` → `上海合作組織`.
 */
export function withoutDeclarations(raw: string): string {
  if (!raw.includes('称') && !raw.includes('稱')) return raw;
  return raw.replace(CARRIED, '');
}
