/**
 * Kinds of instruments: the head nouns that end their titles (协定, 构想, 宣言 …), and the words a
 * text refers to an instrument with instead of its title (本《倡议》, 该《协定》). Words of the
 * genre, not facts: no instrument is named here.
 */

/** Head nouns of instrument titles (simplified: titles are folded before their kind is read). */
export const INSTRUMENT_KINDS = [
  '协定', '协议', '构想', '纲要', '声明', '计划', '路线图', '备忘录', '条例', '章程', '战略', '公约', '报告',
  '宣言', '决议', '决定', '议定书', '条约', '宪章', '规划', '方案', '公报', '规则', '细则', '办法', '议程',
  '框架', '原则', '规定', '守则', '倡议', '协约', '谅解书', '换文', '纪要', '准则', '指南', '名录', '清单', '议定',
  '愿景', '寄语', '共识', '纲领', '蓝图', '承诺', '倡议书', '意向书', '协议书', '白皮书', '成果文件', '呼吁书',
];

/** Words before a title that make it the text itself: 本《倡议》 (this Initiative). */
export const SELF_REFERENCES = ['本'];

/** Words before a title that make it the one named before: 该《协定》, 上述《协定》. */
export const ANAPHORA = ['该', '該', '上述', '此'];
