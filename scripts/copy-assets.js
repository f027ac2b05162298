// Copies the non-TypeScript runtime files into dist/ after `tsc`:
// the trained model and the gazetteer, which the code finds relative to its own module.
import { cpSync } from 'node:fs';

for (const dir of ['nlp/ner/model', 'geo/data']) {
  cpSync(`src/${dir}`, `dist/${dir}`, { recursive: true });
}
