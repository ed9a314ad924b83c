/**
 * Kinds of instruments: the head nouns that end their titles (协定, 构想, 宣言 …). Words of the
 * genre, not facts: no instrument is named here.
 */

/** Head nouns of instrument titles. */
export const INSTRUMENT_KINDS = [
  '协定', '协议', '构想', '纲要', '声明', '计划', '路线图', '备忘录', '条例', '章程', '战略', '公约', '报告',
  '宣言', '决议', '决定', '议定书', '条约', '宪章', '规划', '方案', '公报', '规则', '细则', '办法', '议程',
  '框架', '原则', '规定', '守则', '倡议', '协约', '谅解书', '换文', '纪要', '准则', '指南', '名录', '清单', '议定',
];
