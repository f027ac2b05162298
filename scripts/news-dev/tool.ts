/**
 * Annotator's helper for the news development set (no article text is written
 * to the repository by it; it prints to the terminal only).
 *
 *   node --import tsx scripts/news-dev/tool.ts list                 the manifest's rows, numbered
 *   node --import tsx scripts/news-dev/tool.ts show N|ROW           the body with character offsets every line,
 *                                                                   plus title, outlet, dataset date
 *   node --import tsx scripts/news-dev/tool.ts find N|ROW "text"    every offset where text occurs in the body
 *   node --import tsx scripts/news-dev/tool.ts span N|ROW START END the body's text between two offsets
 *   node --import tsx scripts/news-dev/tool.ts place "Name" [CC]    cities15000 records by name or alternate name
 *   node --import tsx scripts/news-dev/tool.ts check FILE...        validate annotation files against the manifest
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { readAllRows, sha1, SHARED_DATA, type DevRow } from './corpus.js';
import { validateAnnotation, type Manifest } from './schema.js';

const manifest = JSON.parse(readFileSync(new URL('../../eval/news-dev/manifest.json', import.meta.url), 'utf8')) as Manifest;

function rowOf(ref: string, rows: Map<string, DevRow>): DevRow {
  const entry = /^\d{1,2}$/.test(ref) ? manifest.articles[Number(ref)] : manifest.articles.find((a) => a.row === ref);
  if (!entry) throw new Error(`no manifest row ${ref}`);
  const row = rows.get(`${entry.source}#${entry.row}`);
  if (!row) throw new Error(`row ${entry.row} not found in ${entry.source}`);
  if (sha1(row.body) !== entry.bodySha1) throw new Error(`row ${entry.row}: body hash differs from the manifest`);
  return row;
}

function show(row: DevRow): void {
  console.log(`source ${row.source}  row ${row.row}  outlet ${row.outlet}  dataset date ${row.date ?? '-'}  url ${row.url ?? '-'}`);
  console.log(`title: ${row.title}`);
  console.log(`body: ${row.body.length} chars, sha1 ${sha1(row.body)}`);
  const width = 100;
  for (let at = 0; at < row.body.length; at += width) console.log(`${String(at).padStart(6)} |${row.body.slice(at, at + width).replace(/\n/g, '¶')}`);
}

function find(row: DevRow, needle: string): void {
  let at = row.body.indexOf(needle);
  if (at < 0) console.log('not found');
  while (at >= 0) {
    console.log(`${at}-${at + needle.length}: …${row.body.slice(Math.max(0, at - 30), at + needle.length + 30).replace(/\n/g, '¶')}…`);
    at = row.body.indexOf(needle, at + 1);
  }
}

function place(name: string, country?: string): void {
  const lines = gunzipSync(readFileSync(SHARED_DATA + 'geonames-gazetteer/cities15000.txt.gz')).toString('utf8').split('\n');
  const want = name.toLowerCase();
  let n = 0;
  for (const line of lines) {
    const f = line.split('\t');
    if (f.length < 15) continue;
    const names = [f[1]!, f[2]!, ...(f[3] ?? '').split(',')].map((s) => s.toLowerCase());
    if (!names.includes(want)) continue;
    if (country && f[8] !== country.toUpperCase()) continue;
    console.log(`${f[1]}  lat ${f[4]} lon ${f[5]}  ${f[8]} admin1 ${f[10]}  pop ${f[14]}  ${f[7]}`);
    if (++n >= 15) break;
  }
  if (n === 0) console.log('not in cities15000');
}

function main(argv: string[]): void {
  const [cmd, ...args] = argv;
  if (cmd === 'list') {
    manifest.articles.forEach((a, i) => console.log(`${String(i).padStart(2)} ${a.source} ${a.row} ${a.outlet} ${a.chars}`));
    return;
  }
  if (cmd === 'place') return place(args[0]!, args[1]);
  const rows = readAllRows();
  if (cmd === 'show') return show(rowOf(args[0]!, rows));
  if (cmd === 'find') return find(rowOf(args[0]!, rows), args[1]!);
  if (cmd === 'span') {
    const row = rowOf(args[0]!, rows);
    console.log(JSON.stringify(row.body.slice(Number(args[1]), Number(args[2]))));
    return;
  }
  if (cmd === 'check') {
    let bad = 0;
    for (const file of args) {
      const problems = validateAnnotation(JSON.parse(readFileSync(file, 'utf8')), rows, manifest);
      for (const p of problems) console.log(`${file}: ${p}`);
      if (problems.length === 0) console.log(`${file}: ok`);
      bad += problems.length;
    }
    process.exitCode = bad ? 1 : 0;
    return;
  }
  console.error('usage: tool.ts list | show N | find N "text" | span N START END | place NAME [CC] | check FILE...');
  process.exitCode = 2;
}

main(process.argv.slice(2));
