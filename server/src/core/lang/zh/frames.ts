/**
 * The words of reference frames, simplified and traditional: what stands left of a 《title》
 * (`DATE在PLACE通过的《T》`, `…会议上通过的…和《T》`) and the place grammar (`在PLACE`).
 * Mentions keep the words as written; the knowledge base simplifies them.
 */

/** Verbs of adoption. */
export const ADOPTION_VERBS = ['通过', '通過', '批准', '签署', '簽署', '签订', '簽訂', '核准', '缔结', '締結', '发表', '發表'];

/** Particles that may stand between the verb and the title: 的 (通过的《T》), 了 (批准了《T》). */
export const VERB_PARTICLES = '的了';

/** The attributive particle (的): ends `举行的`, and the noun phrase of `…通过的成果声明和《T》`. */
export const ATTRIBUTIVE = '的';

/** Words coordinating titles: `《A》和《B》`, `《A》、《B》` (B takes A's frame). */
export const CONNECTORS = ['以及', '和', '及', '与', '與', '、', '并', '並'];

/** Postpositions after an event name before a verb: `EVENT上通过的`, `EVENT期间签署的`. */
export const EVENT_POSITIONS = ['上', '期间', '期間'];

/** Prepositions of place and time: 在, 于, 於 (`在PLACE`, `于DATE`). */
export const PREPOSITIONS = '在于於';

/** Characters that make a preposition part of another word before it: 关于, 对于, 由于, 至于 … 存在, 正在, 现在 … */
export const NOT_PREPOSITION_AFTER = '关關对對由至终終等基属屬鉴鑒处處出存正现現所好自';

/** Characters a place does not end with (adverbs, conjunctions, particles): 正在制定并通过. */
export const NOT_PLACE_END = '并並和将將已又再也均所被予以的了还還就才';

/**
 * Characters that end place names and are function words too: 都 (成都, 京都, 内比都, 加德满都;
 * the adverb "all"), 及 (埃及; the conjunction "and"). A place ending with one is read as a place
 * when what precedes the character could end a place itself (not 以及, not 会上都, no verb in it).
 */
export const AMBIGUOUS_PLACE_END = '都及';

/**
 * Adverbs that pair a list of dates with a list of places and of titles one to one:
 * `分别于D1和D2在P1和P2签署了《A》和《B》`, `于Y1年和Y2年先后在P1和P2签署《A》和《B》`.
 */
export const DISTRIBUTIVES = ['分别', '分別', '先后', '先後', '相继', '相繼', '依次'];

/** Adverbs between a title and the frame written after it: `《T》已于DATE在PLACE签署`. */
export const RIGHT_ADVERBS = ['已经', '已經', '业已', '業已', '已', '曾', '均'];

/** Marks joining the parts of a transliterated place name: · (middle dot), ・ (katakana middle dot). */
export const PLACE_JOINERS = '·・';

/** The joiners of a place in a parenthesis after a title, `（DATE，PLACE）`: the middle dot only. */
export const DATELINE_PLACE_JOINERS = '·';
