/**
 * The word lists a model is trained with (scripts/train-ner.ts): read only when
 * training, since a trained model carries its own snapshot of them.
 */
import cues from '../data/cues.json' with { type: 'json' };
import lists from '../data/lists.json' with { type: 'json' };
import aliases from '../../resolve/data/aliases.json' with { type: 'json' };
import outlets from '../../clean/data/outlets.json' with { type: 'json' };
import type { GazetteerLists } from './features.js';
import { speechCues } from '../speech.js';

/**
 * The project's word lists as the recognizer sees them. A trained model
 * stores the snapshot it was trained with, because these files keep growing
 * and features must not drift under a saved model.
 */
export function projectGazetteerLists(): GazetteerLists {
  const aliasLists: Record<string, string[]> = {};
  for (const e of aliases.entities) (aliasLists[`alias${e.type}`] ??= []).push(e.name, ...e.aliases);
  return {
    place: lists.places,
    first: lists.firstNames,
    demonym: cues.demonyms,
    orgHead: cues.orgHeads,
    orgLead: cues.orgLeading,
    locHead: cues.locHeads,
    facHead: cues.facHeads,
    eventHead: cues.eventHeads,
    title: cues.personTitles,
    ltitle: cues.lowerTitles,
    speech: speechCues('name-after'),
    notName: cues.notNames,
    region: cues.regions,
    calendar: cues.weekdaysMonths,
    particle: cues.nameParticles,
    ...aliasLists,
    outlet: outlets.outlets.flatMap((o) => [o.name, ...o.aliases.filter((a) => /\p{Lu}/u.test(a))]),
  };
}

