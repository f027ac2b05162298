import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { articleLanguage, detectLanguage, normaliseLanguageCode } from './language.js';

// Invented sentences.
const ENGLISH = 'The council met on Thursday to discuss the new budget, and members argued about school funding for hours.';
const FRENCH = "Le conseil s'est réuni jeudi pour discuter du nouveau budget, et les membres ont débattu pendant des heures.";
const GERMAN = 'Der Stadtrat traf sich am Donnerstag, um über den neuen Haushalt zu sprechen, und die Mitglieder stritten stundenlang.';

describe('language', () => {
  it('detects common languages and maps them to ISO 639-1', () => {
    assert.equal(detectLanguage(ENGLISH), 'en');
    assert.equal(detectLanguage(FRENCH), 'fr');
    assert.equal(detectLanguage(GERMAN), 'de');
  });
  it('returns null for text too short to tell', () => {
    assert.equal(detectLanguage('Raqqa'), null);
    assert.equal(detectLanguage(''), null);
  });
  it('prefers a usable stated language', () => {
    assert.equal(articleLanguage(ENGLISH, 'fr'), 'fr');
    assert.equal(articleLanguage(ENGLISH, 'ara'), 'ar');
    assert.equal(articleLanguage(ENGLISH, 'xx-unknown'), 'en');
    assert.equal(normaliseLanguageCode('EN-us'), 'en');
    assert.equal(normaliseLanguageCode(undefined), null);
  });
});
