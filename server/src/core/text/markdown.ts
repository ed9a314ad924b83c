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

/** A uri as a Markdown link destination: what could end or break the destination, percent-encoded. */
export function linkDestination(uri: string): string {
  return uri.replace(/[()<>\s\\[\]`]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));
}
