/**
 * The Chinese the phrasing model is written against (core/phrasing/): the punctuation that ends
 * sentences and clauses, the characters around the variable parts of a reference frame, the
 * frame vocabulary (DATE在PLACE通过的《T》), the labels of template slots and the glossary of snippet
 * prefixes. A small fixed vocabulary of the genre: every phrase, date, place or title the model
 * offers comes from the corpus. Title marks, the attributive 的 and the punctuation folds are
 * the ones the scanners read (punctuation.ts, frames.ts).
 */
import { classOf } from '../codeUnits';
import { FULL_WIDTH_ALPHANUMERICS, PUNCTUATION_FOLDS, TITLE_MARKS } from './punctuation';

export { ATTRIBUTIVE } from './frames';

/** Sentence terminators of Chinese official prose (after punctuation folding). */
export const SENTENCE_END: ReadonlySet<string> = new Set(['。', '！', '？', '；', '!', '?', ';']);

/** Closing marks that stay with the sentence they close (。” / 。）). */
export const CLOSING_MARKS: ReadonlySet<string> = new Set(['”', '’', '）', ')', '》', '〉', '」', '』', '】', '"']);

/** Clause punctuation (，。！？；：、): a phrase proposal may end right after one of these. */
export function isClausePunct(c: string): boolean {
  switch (c) {
    case '，':
    case '。':
    case '！':
    case '？':
    case '；':
    case '：':
    case '、':
      return true;
    default:
      return false;
  }
}

/** The enumeration comma: it joins the items of a list inside a clause, it does not end one. */
export const ENUMERATION_COMMA = '、';

/**
 * The characters foldPunctuation rewrites (the punctuation folds and the full-width digits and
 * letters), and the control characters U+0000–U+0008 (the model's markers): only these are
 * handed to the folding, the rest of a text is copied as is.
 */
export const PHRASING_FOLDABLE = new RegExp(
  `[${classOf(Object.keys(PUNCTUATION_FOLDS).join(''))}${FULL_WIDTH_ALPHANUMERICS.map(([from, to]) => `\\u${hex4(from)}-\\u${hex4(to)}`).join('')}\\u0000-\\u0008]`,
  'g',
);

function hex4(c: number): string {
  return c.toString(16).padStart(4, '0');
}

/** Characters that start a variable part (a date, a title, a quotation): formulas stop before them. */
export function opensVariablePart(c: string): boolean {
  return /[\d〇《〈“‘（(]/.test(c);
}
/** Characters that end a variable part: closers stop (leftwards) before them. */
export function closesVariablePart(c: string): boolean {
  return /[\d〇》〉”’）)]/.test(c);
}

/** The marks of a title: 《…》. */
export const TITLE_OPEN = TITLE_MARKS[0];
export const TITLE_CLOSE = TITLE_MARKS[1];

/** Verbs of the reference frames (DATE在PLACE通过的《T》, … 举行的 EVENT): genre vocabulary. */
export const FRAME_VERBS = ['通过', '批准', '签署', '举行', '启动', '发表', '举办', '召开'];

/**
 * The verbs of adoption the knowledge base records (types.ts's Verb), as the text of a template's
 * frame names them: its title's first choice is one adopted by that verb.
 */
export const RECORDED_VERBS = ['通过', '批准', '签署'];

/** The word before a place in a frame: 在杜尚别通过. */
export const PLACE_MARKER = '在';

/**
 * A place named in a `在PLACE通过/举行…` frame, tried right after a date (sticky: a search forward
 * from every date would rescan the rest of a long sentence without 在 once per date: quadratic).
 */
export const FRAME_PLACE = new RegExp(`在([^\\s\\d，。、；：《》（）“”]{2,8}?)(?:${FRAME_VERBS.join('|')})`, 'y');

/** Clause punctuation that may not lie between two slots of one frame (、 may: lists of dates). */
export const FRAME_GAP_BREAK = /[，。；：！？]/;

/** Characters that may not lie between a frame's last slot and its attributive 的 (…举行的 / …通过的). */
export const ATTRIBUTIVE_BREAK = /[，。；：、《》\d]/;

/** Characters that end the lead of a frame (the text written just before it: 欢迎, 落实 …). */
export const FRAME_LEAD_BREAK = /[，。；：、》”\d]/;

/** A date being typed at the end of a text: 2021年, 2021年9月, 2021年9月1. */
export const PARTIAL_DATE_END = /\d{4}年(?:\d{1,2}月?(?:\d{1,2})?)?$/;

/** Names of the template slots in labels and empty tab stops: 欢迎{日期}在{地点}通过的《{文件名称}》. */
export const SLOT_LABEL = { date: '日期', place: '地点', title: '文件名称' } as const;

/**
 * Snippet prefixes: key word → [English prefix, pinyin prefix], so a drafter can type `stress`,
 * `qiangdiao` or `强调`. The key words of the genre: verbs such as 强调, 欢迎, 通过, and a few
 * evaluative phrases such as 十分重要. Longer entries win when several match.
 */
export const GLOSSARY: Record<string, [string, string]> = {
  强调: ['stress', 'qiangdiao'],
  认为: ['consider', 'renwei'],
  注意到: ['note', 'zhuyidao'],
  欢迎: ['welcome', 'huanying'],
  指出: ['point-out', 'zhichu'],
  重申: ['reaffirm', 'chongshen'],
  支持: ['support', 'zhichi'],
  高度评价: ['appreciate', 'gaodupingjia'],
  积极评价: ['commend', 'jijipingjia'],
  表示: ['state', 'biaoshi'],
  考虑到: ['considering', 'kaolvdao'],
  坚信: ['convinced', 'jianxin'],
  呼吁: ['call-for', 'huyu'],
  主张: ['advocate', 'zhuzhang'],
  反对: ['oppose', 'fandui'],
  落实: ['implement', 'luoshi'],
  根据: ['pursuant', 'genju'],
  推动: ['advance', 'tuidong'],
  促进: ['promote', 'cujin'],
  加强: ['strengthen', 'jiaqiang'],
  深化: ['deepen', 'shenhua'],
  开展: ['carry-out', 'kaizhan'],
  建立: ['establish', 'jianli'],
  制定: ['formulate', 'zhiding'],
  继续: ['continue', 'jixu'],
  通过: ['adopted', 'tongguo'],
  批准: ['approved', 'pizhun'],
  签署: ['signed', 'qianshu'],
  举行: ['held', 'juxing'],
  启动: ['launched', 'qidong'],
  十分重要: ['important', 'shifenzhongyao'],
  重要意义: ['significant', 'zhongyaoyiyi'],
  重要举措: ['measure', 'zhongyaojucuo'],
  倡议: ['initiative', 'changyi'],
  成果: ['outcome', 'chengguo'],
  感谢: ['thanks', 'ganxie'],
  出席: ['attend', 'chuxi'],
};
