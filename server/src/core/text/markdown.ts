/**
 * Markdown the server sends (hover, completion documentation, the knowledge-base overview) is
 * built from corpus text and file names, which are data, never markup: this is the one routine
 * that makes such text render as itself, and the one that makes a link destination of a uri.
 * Imported by features and views; imports nothing.
 */

/**
 * Escapes text for Markdown so that it renders as itself: every ASCII punctuation character is
 * backslash-escaped (CommonMark allows it for all of them), which also breaks autolinks
 * (`http\:`, `www\.`), HTML (`\<`), images and links (`\!\[`), command links and entities (`\&`).
 * Line breaks become spaces.
 */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\r\n]+/g, ' ').replace(/[!-/:-@[-`{-~]/g, (c) => '\\' + c);
}

/** `《title》` escaped for Markdown. */
export function mdTitle(title: string): string {
  return '《' + escapeMarkdown(title) + '》';
}

/**
 * A uri as a Markdown link destination. After the scheme, every character but letters, digits,
 * `-._~/` and existing `%XX` escapes is percent-encoded (UTF-8): nothing can end or break the
 * destination, and a renderer that refuses the scheme and shows the destination as text finds no
 * address in it to autolink (`mailto:`, `a@b.com`, `www.` after a space: the colon, `@` and the
 * space are encoded).
 */
export function linkDestination(uri: string): string {
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/*/.exec(uri)?.[0] ?? '';
  const rest = uri.slice(scheme.length).replace(/%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~/%]+/g, (c) => encodeURIComponent(c).replace(/[!'()*.~-]/g, (x) => '%' + x.charCodeAt(0).toString(16).toUpperCase()));
  return scheme + rest;
}
