import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newDoc } from '../core/doc.js';
import {
  LSH_BANDS,
  MINHASH_PERMUTATIONS,
  NEAR_DUPLICATE_THRESHOLD,
  PRIME,
  estimateJaccard,
  fingerprint,
  fingerprintStage,
  isNearDuplicate,
  lshBandKeys,
  mulAddMod,
  normaliseForFingerprint,
  shingles,
} from './dedup.js';

// Invented articles, written for these tests.

const WIRE_BODY = `The harbour authority said the terminal's two cranes had been inspected by engineers from the national ports agency and that the quay wall, which partly collapsed when the river burst its banks, had been rebuilt with reinforced concrete piles driven twelve metres into the bed.

"We lost six weeks of exports, but we did not lose a single worker, and that is what matters most to the families in this town," harbour master Ilse Vantongeren told reporters at the gate on Monday morning.

Grain merchants in the region had warned that silos upstream were close to full and that farmers would be forced to sell at a loss if barges could not be loaded before the end of the month. A spokesman for the growers' cooperative said the first barges would leave for the coast on Wednesday, carrying about four thousand tonnes of wheat and barley.

The floods, the worst recorded on the lower Velde since records began in 1911, forced the evacuation of nine hundred residents from the old quarter and closed the rail bridge that links the port to the inland terminals. Rail services are expected to resume in stages from next week, the regional transport office said, with freight trains given priority over passenger services until the timetable is restored.

Insurers have estimated the damage to port installations at more than forty million euros. The regional government has promised an emergency fund for small businesses in the harbour district, many of which remain shut while their owners wait for assessors to visit.

Environmental groups said the clean-up had been slowed by fuel that leaked from a flooded depot near the southern basin. The authority said booms had contained the spill and that water samples taken over the weekend showed no contamination in the main channel.

The reopening was welcomed by the chamber of commerce, which said that every week of closure had cost local firms about two million euros in lost trade. Its president, Aurelio Brandt, called on the national government to fund a permanent flood barrier at the mouth of the harbour, a project that has been discussed for two decades but never built.

The authority said it would publish a full report on the flood response by the end of the year, including an assessment of whether the early warning system gave residents enough time to leave.`;

const ORIGINAL = `By Marta Kessel

PORT VELDEN — The northern grain terminal at Port Velden reopened on Monday, six weeks after floodwater swept through the harbour and halted shipments across the region.

${WIRE_BODY}`;

const WIRE_COPY = `Reporting by Tomas Reyes; editing by Ana Lind

Ships began loading grain at Port Velden's northern terminal again on Monday for the first time since the floods of early spring.

${WIRE_BODY}`;

/** Another outlet's own report of the same event: same names and one shared quote, its own words. */
const OTHER_REPORT = `Six weeks after the Velde flooded the lower town, the first grain barges are back at Port Velden's northern terminal, and the mood on the quay was one of relief on Monday.

Harbour master Ilse Vantongeren, who spent the worst nights of the flood in the control tower, told us the rebuilt quay wall now stands on new concrete piles. "We lost six weeks of exports, but we did not lose a single worker," she said.

For the farmers of the upper valley the reopening comes just in time. Several told us their silos were almost full and that they had been weighing whether to sell at a heavy discount. The cooperative expects barley and wheat shipments to resume midweek.

Not everything is back to normal. The rail bridge to the inland terminals is still closed, shops in the old quarter are boarded up, and residents evacuated in the spring are still waiting for compensation. Business leaders, led by chamber of commerce president Aurelio Brandt, want a permanent barrier at the harbour mouth.

Environmentalists remain worried about fuel from a flooded depot near the southern basin, although the port says the leak was contained.`;

test('normalisation ignores case, punctuation, composition and spacing', () => {
  const composed = 'Café  Müller’s “new” menu — 2024!';
  const decomposed = 'CAFE\u0301 MU\u0308LLERS new MENU 2024';
  assert.equal(normaliseForFingerprint(composed), 'café müllers new menu 2024');
  assert.equal(normaliseForFingerprint(decomposed), 'café müllers new menu 2024');
  assert.equal(fingerprint(composed).exact, fingerprint(decomposed).exact);
  assert.match(fingerprint(composed).exact, /^[0-9a-f]{64}$/);
});

test('shingles are word 5-grams, shorter for very short texts, never repeated', () => {
  assert.deepEqual(shingles('a b c d e f'), ['a b c d e', 'b c d e f']);
  assert.deepEqual(shingles('three word text'), ['three word text']);
  assert.deepEqual(shingles(''), []);
  assert.deepEqual(shingles('x y z w v x y z w v'), ['x y z w v', 'y z w v x', 'z w v x y', 'w v x y z', 'v x y z w']);
});

test('identical texts: same exact hash, similarity 1, all band keys shared', () => {
  const a = fingerprint(ORIGINAL);
  const b = fingerprint(ORIGINAL.replace(/\n\n/g, '\n').toUpperCase());
  assert.equal(a.exact, b.exact);
  assert.equal(a.minhash.length, MINHASH_PERMUTATIONS);
  assert.equal(estimateJaccard(a.minhash, b.minhash), 1);
  assert.deepEqual(lshBandKeys(a.minhash), lshBandKeys(b.minhash));
});

test('a wire copy with a new first sentence and byline is a near duplicate and an LSH candidate', () => {
  const a = fingerprint(ORIGINAL);
  const b = fingerprint(WIRE_COPY);
  assert.notEqual(a.exact, b.exact);
  const similarity = estimateJaccard(a.minhash, b.minhash);
  assert.ok(isNearDuplicate(similarity), `estimated Jaccard ${similarity} < ${NEAR_DUPLICATE_THRESHOLD}`);
  assert.ok(similarity < 1);
  const keysA = lshBandKeys(a.minhash);
  const keysB = lshBandKeys(b.minhash);
  assert.equal(keysA.length, LSH_BANDS);
  assert.ok(keysA.some((key, band) => keysB[band] === key), 'no shared LSH band');
});

test('a copy with an added closing paragraph is a near duplicate', () => {
  const updated = `${ORIGINAL}\n\nThis story has been updated to add the chamber of commerce's estimate of losses and comment from the growers' cooperative.`;
  assert.ok(isNearDuplicate(estimateJaccard(fingerprint(ORIGINAL).minhash, fingerprint(updated).minhash)));
});

test('two different reports of the same event are not near duplicates', () => {
  const similarity = estimateJaccard(fingerprint(ORIGINAL).minhash, fingerprint(OTHER_REPORT).minhash);
  assert.ok(similarity < 0.3, `estimated Jaccard ${similarity}`);
  assert.ok(!isNearDuplicate(similarity));
});

test('the estimate tracks the true Jaccard similarity of the shingle sets', () => {
  const setA = new Set(shingles(normaliseForFingerprint(ORIGINAL)));
  const setB = new Set(shingles(normaliseForFingerprint(WIRE_COPY)));
  const shared = [...setA].filter((s) => setB.has(s)).length;
  const trueJaccard = shared / (setA.size + setB.size - shared);
  const estimate = estimateJaccard(fingerprint(ORIGINAL).minhash, fingerprint(WIRE_COPY).minhash);
  // Standard error at 128 permutations is sqrt(J(1-J)/128) ~ 0.03; allow three of them.
  assert.ok(Math.abs(estimate - trueJaccard) < 0.1, `estimate ${estimate}, true ${trueJaccard}`);
});

test('empty and very short texts get a signature without failing', () => {
  const empty = fingerprint('');
  assert.equal(empty.minhash.length, MINHASH_PERMUTATIONS);
  assert.equal(estimateJaccard(empty.minhash, fingerprint('').minhash), 1);
  assert.equal(estimateJaccard(empty.minhash, fingerprint('Storm warning.').minhash), 0);
  assert.equal(estimateJaccard(fingerprint('Storm warning.').minhash, fingerprint('storm WARNING').minhash), 1);
});

test('comparing signatures of different sizes is a clear error', () => {
  assert.throws(() => estimateJaccard([1, 2], [1, 2, 3]), /2 and 3 values/);
  assert.throws(() => lshBandKeys([1, 2, 3]), /128 values, not 3/);
});

test('signatures are deterministic across runs and releases (pinned values)', () => {
  const { exact, minhash } = fingerprint('The quick brown fox jumps over the lazy dog near the river bank.');
  // Stored signatures are compared with new ones: if these change, stored data must be re-processed.
  assert.equal(exact, '82f791bea315c971f32be94535770338cfbc96036cdaac7e1bf3a3fd05964281');
  assert.deepEqual(minhash.slice(0, 4), [394816357, 248509331, 221374937, 42024710]);
  assert.equal(lshBandKeys(minhash)[0], '71cf6724f606a5b0');
});

test('the universal hash (a*x+b) mod p is exact for every operand size', () => {
  const edges = [0, 1, 2, 65535, 65536, 2 ** 30, PRIME - 2, PRIME - 1];
  // A fixed pseudo-random spread of operands on top of the edge cases.
  const spread = Array.from({ length: 60 }, (_, i) => Math.floor((PRIME - 1) * ((Math.sin(i + 1) + 1) / 2)));
  const operands = [...edges, ...spread];
  for (const a of operands.filter((v) => v > 0)) {
    for (const x of operands) {
      for (const b of [0, 1, PRIME - 1]) {
        const expected = Number((BigInt(a) * BigInt(x) + BigInt(b)) % BigInt(PRIME));
        assert.equal(mulAddMod(a, x, b), expected, `a=${a} x=${x} b=${b}`);
      }
    }
  }
});

test('fingerprintStage fills the fingerprint from the text and declares its layers', () => {
  const doc = { ...newDoc({ input: 'x.txt', kind: 'text', content: ORIGINAL, meta: {} }), text: ORIGINAL };
  const out = fingerprintStage.run(doc, { resources: {} });
  assert.deepEqual(out.fingerprint, fingerprint(ORIGINAL));
  assert.equal(doc.fingerprint, null, 'the input document is not mutated');
  assert.deepEqual(fingerprintStage.requires, ['text']);
  assert.deepEqual(fingerprintStage.assigns, ['fingerprint']);
});
