/**
 * Near-synonyms that drafters confuse in titles (generic usage, not facts about instruments).
 * A title that differs from a known one only by one of these is a misquote.
 */
export const NEAR_SYNONYMS: ReadonlyArray<readonly [string, string]> = [
  ['协定', '协议'],
  ['构想', '纲要'],
  ['构想', '设想'],
  ['纲要', '规划'],
  ['计划', '规划'],
  ['声明', '宣言'],
  ['章程', '条例'],
  ['备忘录', '谅解备忘录'],
  ['公约', '条约'],
  ['合作', '协作'],
  ['措施', '举措'],
  ['路线图', '线路图'],
];
