/**
 * The one list of speech and reporting cues (data/speech.json), read by every
 * stage that looks for who said something: attribution, the rule recognizer
 * and the event extractor each take the cues marked with their use.
 */
import speech from './data/speech.json' with { type: 'json' };

export type SpeechUse = 'quote' | 'clause' | 'name-after' | 'name-before' | 'event-attribution';

/** The cue forms marked with `use`, in the table's order. */
export function speechCues(use: SpeechUse): string[] {
  return speech.cues.filter((c) => (c.uses as readonly string[]).includes(use)).map((c) => c.form);
}
