import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { buildTriggers, parseCameoVerbs, ruleFor } from './build-event-verbs.js';
import shipped from '../src/events/data/triggers.json' with { type: 'json' };

// Lines as they stand in CAMEO.2.0.txt.
const EXCERPT = `####### VERB PATTERNS #######

---  RETREAT   [080]  ---
+PULL_OUT # oy 29 Dec 2005
RETREAT
WITHDRAW {WITHDRAWS WITHDRAWING WITHDREW }  # jw  11/15/91
- * &MILITARY                                         [0874]        # WITHDRAW

---  KILL   [190]  ---
+KILLED_AND {}
MURDER [190]
SLAY {SLAYS SLAIN SLAYING}
`;

test('verbs take their own code, else the block code; braces give irregular forms', () => {
  const verbs = parseCameoVerbs(EXCERPT);
  assert.deepEqual(verbs.map((v) => [v.phrase, v.code, v.curated]), [
    ['pull out', '080', false], ['retreat', '080', true], ['withdraw', '080', false],
    ['killed and', '190', false], ['murder', '190', true], ['slay', '190', false],
  ]);
  assert.equal(verbs[2]!.forms.withdrew, 'withdraw');
});

test('longest code prefix wins', () => {
  const rules = [{ prefix: '19', type: 'a', strength: 1 }, { prefix: '195', type: 'b', strength: 1 }];
  assert.equal(ruleFor('1951', rules)?.type, 'b');
  assert.equal(ruleFor('190', rules)?.type, 'a');
  assert.equal(ruleFor('010', rules), null);
});

test('broad codes keep only curated verbs; coordination pieces are dropped', () => {
  const table = buildTriggers(parseCameoVerbs(EXCERPT));
  const cameo = table.entries.filter((e) => e.source.startsWith('cameo'));
  assert.deepEqual(cameo.map((e) => e.phrase), ['murder']);
  // Hand entries win: 'withdraw' is the hand list's withdrawal.
  assert.equal(table.entries.find((e) => e.phrase === 'withdraw')?.source, 'hand');
});

const DICTIONARY = fileURLToPath(new URL('../../shared/data/petrarch2-cameo-dictionaries/CAMEO.2.0.txt', import.meta.url));
test('the shipped table is what the builder makes', { skip: !existsSync(DICTIONARY) }, () => {
  assert.deepEqual(buildTriggers(parseCameoVerbs(readFileSync(DICTIONARY, 'utf8'))), shipped);
});
