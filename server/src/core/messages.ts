/**
 * The user-facing languages of Chancery and the one place a message is chosen in one of them.
 * Every user-facing text the core produces is a `Message` ({en, zh}); the LSP server, the CLI
 * and the features pick the user's language with `pick` at the last moment.
 * Imported by every layer; imports only the core's types.
 */
import type { Message } from './types';

export type { Message };

/** The languages of the user interface: English and Simplified Chinese. */
export type Locale = 'en' | 'zh';

export const LOCALES: readonly Locale[] = ['en', 'zh'];

/** 'zh' for any Chinese locale tag (zh-cn, zh-tw, zh …), English otherwise. */
export function localeOf(tag: string | undefined): Locale {
  return tag && tag.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** A message in both languages. */
export function msg(en: string, zh: string): Message {
  return { en, zh };
}

/** The message in the user's language. */
export function pick(m: Message, locale: Locale): string {
  return locale === 'zh' ? m.zh : m.en;
}
