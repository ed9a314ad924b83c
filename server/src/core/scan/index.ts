/**
 * The scanners of a text (corpus document or draft): references with their frames, events,
 * and the landmarks of a whole text. What knowledge/ and features/ import from scan/.
 */
export { scanText } from './text';
export { scanReferences, allMentions, verbBefore } from './references';
export { scanEvents, meetingBefore, type EventMention } from './events';
export { cleanEventName } from './eventNames';
export { landmarks, MARKER_PREFIX, type Landmarks } from './landmarks';
