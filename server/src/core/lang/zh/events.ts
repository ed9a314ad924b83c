/**
 * The words of meetings: what triggers an event frame (`DATE在PLACE举行的EVENT`), the head nouns
 * of event names, the online mode, and names relative to the text's own time.
 */

/** Verbs that hold a meeting, simplified and traditional. Each is two code units long. */
export const EVENT_TRIGGERS = ['举行', '舉行', '举办', '舉辦', '召开', '召開'];

/** Head nouns of event names. */
export const EVENT_NOUNS = [
  '会议', '會議', '峰会', '峰會', '论坛', '論壇', '会晤', '會晤', '对话会', '對話會', '大会', '大會', '会谈', '會談',
  '研讨会', '研討會', '博览会', '博覽會', '展览会', '展覽會', '座谈会', '座談會', '年会', '年會', '圆桌会', '圓桌會',
  '音乐会', '文化节', '艺术节', '藝術節', '运动会', '運動會', '马拉松赛', '演练', '演習', '演习',
];

/** The online mode written before a trigger (`以视频方式举行`). */
export const ONLINE_MODES = ['以视频会议方式', '以视频会议形式', '以视频方式', '以视频形式', '以視頻方式', '以視頻形式', '通过视频方式', '以线上方式', '以線上方式', '以视频连线方式'];

/**
 * Words that make an event online when its name has them (视频会议), or when they stand where a
 * place would in a parenthesis after its name (`会晤（2020年11月10日，以视频方式）`, `（…，线上）`).
 */
export const ONLINE_WORDS = ['视频', '視頻', '线上', '線上'];

/**
 * Verbs of meeting that set the scene of a narrative without naming an event:
 * `…元首于2023年5月18日至19日在西安会晤，发表《T》`.
 */
export const MEETING_VERBS = ['会晤', '會晤', '会谈', '會談', '举行会谈', '舉行會談'];

/**
 * Verbs a text cites a meeting with (`回顾了EVENT（DATE，PLACE）`, `高度评价EVENT（…）成果`): the
 * name of an event cited in parentheses starts after the last of them in its clause.
 */
export const CITING_VERBS = [
  '回顾', '回顧', '评价', '評價', '欢迎', '歡迎', '注意到', '祝贺', '祝賀', '支持', '肯定', '赞赏', '讚賞', '重申',
  '总结', '總結', '落实', '落實', '指出', '强调', '強調', '忆及', '憶及', '认为', '認為', '感谢', '感謝', '参加', '參加', '出席',
];

/** Adverbs between the venue and the trigger: 成功举行, 顺利举行. */
export const EVENT_ADVERBS = ['成功', '顺利', '順利', '如期', '隆重'];

/** Markers of the future before `于DATE`: `EVENT将于DATE举行`. */
export const FUTURE_MARKERS = ['将', '將'];

/** Names relative to the text's own time: 下次 下一次 下届 下一届 上次 上届 本次 此次 这次 该次 本届. */
const RELATIVE_NAME = /下一?[次届]|上[次届]|[本此这该]次|本届/;

/** Is an event name relative to the text's own time (下次会议, 本次会议): no fact about one event? */
export function isRelativeEventName(name: string): boolean {
  // Every relative name has 次 or 届: two native searches before the regex.
  return (name.indexOf('次') >= 0 || name.indexOf('届') >= 0) && RELATIVE_NAME.test(name);
}
