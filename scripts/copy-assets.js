// Copies the non-TypeScript runtime files into dist/ after `tsc`: the trained models, the gazetteer and the
// actor table, which the resource loader (src/pipeline/resources.ts) reads relative to its own module.
// (JSON files that modules import are emitted by tsc itself.)
import { cpSync, existsSync } from 'node:fs';

for (const dir of ['nlp/ner/model', 'nlp/syntax/model', 'geo/data', 'resolve/data']) {
  if (existsSync(`src/${dir}`)) cpSync(`src/${dir}`, `dist/${dir}`, { recursive: true });
}
