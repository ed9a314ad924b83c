/**
 * What each check reports, in one sentence per language: the one source of the rule metadata of the
 * CLI's SARIF output, of the descriptions of the finding codes in the VS Code settings
 * (package.nls*.json `config.code.*`, kept equal to these by test/unit/checks.test.mjs) and of
 * docs/checks.md's table. The checks themselves are in diagnostics/.
 */
import type { FindingCode, Message } from '../types';

export interface CheckInfo {
  /** A name in words (SARIF `rule.name`): TitleMisquoted. */
  name: string;
  /** What a finding of this code means. */
  description: Message;
}

export const CHECKS: Readonly<Record<FindingCode, CheckInfo>> = {
  'title-misquoted': {
    name: 'TitleMisquoted',
    description: {
      en: 'A title that differs from exactly one known title by a slip: a character dropped, added, replaced or transposed, a near-synonym, lost brackets.',
      zh: '书名与某一已知文书的书名仅有笔误之差：漏字、多字、错字、颠倒、近义词或缺失括号。',
    },
  },
  'title-variant': {
    name: 'TitleVariant',
    description: {
      en: 'A known title written with other typography than the corpus: half-width punctuation, another dash, traditional characters, spaces.',
      zh: '已知文书的书名与语料写法不同：半角标点、其他连接号、繁体字或多余空格。',
    },
  },
  'title-unknown': {
    name: 'TitleUnknown',
    description: {
      en: 'A title close to a known one but differing in a content word or a number: most likely another instrument.',
      zh: '书名与已知书名相近，但实词或数字不同：很可能是另一份文书。',
    },
  },
  'date-mismatch': {
    name: 'DateMismatch',
    description: {
      en: 'The date given for a known instrument differs from the corpus.',
      zh: '所引文书的日期与语料不符。',
    },
  },
  'place-mismatch': {
    name: 'PlaceMismatch',
    description: {
      en: 'The place of adoption given for a known instrument differs from the corpus.',
      zh: '所引文书的通过地点与语料不符。',
    },
  },
  'verb-mismatch': {
    name: 'VerbMismatch',
    description: {
      en: 'The act (adopted 通过, approved 批准, signed 签署) differs from the corpus.',
      zh: '所引文书的通过方式（通过、批准、签署）与语料不符。',
    },
  },
  'date-invalid': {
    name: 'DateInvalid',
    description: {
      en: 'A date that cannot exist: 2021年2月30日, a 13th month, a range that ends before it starts.',
      zh: '不存在的日期：如2021年2月30日、13月，或结束早于开始的日期范围。',
    },
  },
  'date-inconsistent': {
    name: 'DateInconsistent',
    description: {
      en: 'The draft gives two different dates for the same instrument.',
      zh: '草稿为同一份文书给出了两个不同的日期。',
    },
  },
  'bracket-unclosed': {
    name: 'BracketUnclosed',
    description: {
      en: 'A 《 〈 “ or （ not closed in its paragraph.',
      zh: '《、〈、“或（在所在段落中未闭合。',
    },
  },
  'bracket-unopened': {
    name: 'BracketUnopened',
    description: {
      en: 'A 》 〉 ” or ） that closes nothing.',
      zh: '》、〉、”或）前没有对应的开括号。',
    },
  },
  'event-mismatch': {
    name: 'EventMismatch',
    description: {
      en: 'A known meeting cited with another date, place or session number than the corpus.',
      zh: '所引会议的日期、地点或届次与语料不符。',
    },
  },
};
