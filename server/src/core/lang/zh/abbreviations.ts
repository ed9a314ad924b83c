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

/** Function words a full name starts after, when it shares no character with its short name. */
export const FULL_NAME_CUTS = '的在和';

/** A name without the declarations it carries: `上海合作组织（以下简称“上合组织”）` → `上海合作组织`. */
export function withoutDeclarations(raw: string): string {
  if (!raw.includes('简称') && !raw.includes('簡稱')) return raw;
  return raw.replace(/[（(]以下[简簡]称[^）)]{0,60}[）)]/g, '');
}
