import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hash32 } from '../../core/hash.js';
import { splitSentences } from '../sentences.js';
import { tokenize } from '../tokens.js';
import { buildGazetteer, clusterValues, documentFeatures, featureStrings, WORD_CLUSTERS_URL } from './features.js';
import { projectGazetteerLists } from './project-lists.js';
import { loadClusters } from './clusters.js';
import { projectResources } from '../../pipeline/resources.js';

const clusters = loadClusters(WORD_CLUSTERS_URL);
import { recognizeStatistical } from './index.js';

// Sentences written for these tests: a headline, hyphens, digits, accents,
// possessives, gazetteer phrases and repeated names across sentences.
const doc: string[][] = [
  ['STORM', 'CLOSES', 'PORT', 'OF', 'ROTTERDAM'],
  ['Harbour', 'officials', 'in', 'Rotterdam', 'said', 'on', 'Monday', 'that', 'the', 'Port', 'of', 'Rotterdam', 'Authority', 'would', 'reopen', 'at', '06:00', '.'],
  ['Mayor', 'Ahmed', 'Aboutaleb', "'s", 'office', 'called', 'the', 'decision', '"', 'well-judged', '"', 'and', 'thanked', 'Zoë', 'Müller-Lüdenscheidt', '.'],
  ['Aboutaleb', 'met', 'the', 'United', 'Nations', 'envoy', 'in', 'São', 'Paulo', 'on', '12', 'March', '2024', '.'],
  ['x'],
  [],
];

test('hashed features are exactly the hashes of the spelled-out feature strings', () => {
  const gazetteer = buildGazetteer(projectGazetteerLists(), clusters);
  for (const bits of [12, 20, 32]) {
    const mask = bits >= 32 ? 0xffffffff : (1 << bits) - 1;
    const hashed = documentFeatures(doc, bits, gazetteer);
    const spelled = featureStrings(doc, gazetteer);
    assert.equal(hashed.length, doc.length);
    doc.forEach((sentence, s) => {
      const { buckets, offsets } = hashed[s]!;
      assert.equal(offsets.length, sentence.length + 1);
      sentence.forEach((word, i) => {
        const expected = spelled[s]![i]!.map((f) => (hash32(f) & mask) >>> 0);
        assert.deepEqual([...buckets.subarray(offsets[i]!, offsets[i + 1]!)], expected, `${bits} bits, token ${word}`);
      });
    });
  }
});

test('the spelled-out features cover context, gazetteer and document evidence', () => {
  const gazetteer = buildGazetteer({ place: ['Rotterdam', 'São Paulo'], first: ['Ahmed'], orgHead: ['Authority'] }, clusters);
  const features = featureStrings(doc, gazetteer);
  const of = (s: number, i: number) => features[s]![i]!;
  assert.ok(of(0, 4).includes('acl'), 'headline words are marked');
  assert.ok(of(0, 4).includes('g=place:U:l'), 'an upper-case headline word matches its list entry lower-cased');
  assert.ok(of(1, 3).includes('g=place:U:e'));
  assert.ok(of(3, 7).includes('g=place:B:e') && of(3, 8).includes('g=place:L:e'), 'multi-word entries mark B and L');
  assert.ok(of(3, 0).includes('dctx=after-first'), '"Ahmed Aboutaleb" earlier lends the sentence-initial "Aboutaleb" its company');
  assert.ok(of(2, 9).includes('hy=well') && of(2, 9).includes('hy=judged'));
  assert.ok(of(3, 10).includes('l=00') && of(3, 10).includes('l-1=on'));
  assert.ok(of(4, 0).includes('l-1=<s>') && of(4, 0).includes('l+1=</s>'));
  assert.ok(of(1, 6).some((f) => /^c1024=\d+$/.test(f)), 'a known word has its class at each level');
  assert.ok(of(1, 5).includes('c256+1=' + clusterValues('Monday', clusters)[1]), 'the next word lends its class');
  assert.ok(of(2, 14).includes('c64=none') || of(2, 14).some((f) => /^c64=\d+$/.test(f)), 'every word with letters gets a class or none');
  assert.ok(!of(1, 17).some((f) => f.startsWith('c64=')), 'punctuation has no class');
});

const run = (text: string) =>
  recognizeStatistical(text, tokenize(text, splitSentences(text)), projectResources().get('nerModel')).map((m) => [m.type, m.text, m.start, m.end, Number(m.confidence.toFixed(6))]);

test('labels and confidences of the committed model stay as recorded', () => {
  // Recorded from the committed model (trained with word clusters). Test one above proves the fast feature
  // path equals the spelled-out features; this pins what the model then makes of them, so any drift in features,
  // decoding or confidences shows. Retraining changes these values: re-record them after `npm run train:ner`.
  const expected: [string, unknown[][]][] = [
    [
      'FLOODS HIT NORTHERN ITALY AS PO RIVER BURSTS ITS BANKS\n\nRescue teams in Turin and Milan worked through the night, the Civil Protection Department said on Tuesday.',
      [['GPE', 'ITALY', 20, 25, 0.749662], ['GPE', 'Turin', 72, 77, 0.949112], ['ORG', 'Milan', 82, 87, 0.632103], ['ORG', 'Civil Protection Department', 118, 145, 0.970155]],
    ],
    [
      'Dr. Amara Okonkwo-Ellis, a researcher at the University of Lagos, told Reuters that the World Health Organization had approved a new malaria vaccine.',
      [['PERSON', 'Amara Okonkwo-Ellis', 4, 23, 0.892633], ['ORG', 'University of Lagos', 45, 64, 0.886861], ['ORG', 'Reuters', 71, 78, 0.866394], ['ORG', 'World Health Organization', 88, 113, 0.733097]],
    ],
    [
      'The Brazilian real fell 2.3% against the dollar after Finance Minister Fernando Haddad said the 2025 budget would be revised.',
      [['NORP', 'Brazilian', 4, 13, 0.929075], ['PERSON', 'Fernando Haddad', 71, 86, 0.984894]],
    ],
    [
      'Zürich-based Nestlé and São Paulo’s Itaú Unibanco signed a deal worth €1.2bn, according to a statement from the companies.',
      [['LOC', 'Nestlé', 13, 19, 0.521306], ['GPE', 'São Paulo', 24, 33, 0.861407], ['ORG', 'Itaú Unibanco', 36, 49, 0.500568]],
    ],
    [
      'After the Champions League final in Istanbul, Liverpool fans marched past the Hagia Sophia. Klopp thanked them.',
      [['GPE', 'Istanbul', 36, 44, 0.932363], ['ORG', 'Liverpool', 46, 55, 0.786806], ['LOC', 'Hagia Sophia', 78, 90, 0.56875], ['ORG', 'Klopp', 92, 97, 0.518827]],
    ],
  ];
  for (const [text, mentions] of expected) assert.deepEqual(run(text), mentions, text);
});
