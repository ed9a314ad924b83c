/**
 * The languages of the texts, and the one the scanners, extraction and title normalisation read.
 * Each language is a folder beside zh/ exporting a `Language` (types.ts); see README.md.
 */
import type { Language } from './types';
import { zh } from './zh';

export type { Language } from './types';

/** Every language Chancery has the vocabulary of, by id. */
export const LANGUAGES: Readonly<Record<string, Language>> = { zh };

/**
 * The language the scanners and extraction compile their tables from (when they load). One for
 * the whole core today: the texts are Chinese.
 */
export const TEXT_LANGUAGE: Language = zh;
