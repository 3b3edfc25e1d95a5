// Public redaction (server/src/modules/public/redact.ts) on generated texts of every class
// (server/test/fixtures/redaction-cases.ts): recall per class (no secret left), precision (the
// text around the data left as it is; ordinary numbers and place names unchanged), throughput;
// and, on the real citizen messages (../shared/data/taidi2020/train.csv, outside the
// repository; TAIDI_TRAIN=path overrides it), how often a bare name is masked and which.
// Run: node --import tsx bench/redaction.ts   (BENCH_PER_CLASS=n, BENCH_SHOW=n names to list)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { personalDataIn, redactText } from '../server/src/modules/public/redact.js';
import { parseCsv } from '../server/src/modules/text/csv.js';
import { CASE_CLASSES, generateCases, leakedSecrets, MUST_STAY } from '../server/test/fixtures/redaction-cases.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const file = process.env.TAIDI_TRAIN ?? path.resolve(here, '../../shared/data/taidi2020/train.csv');
const perClass = Number(process.env.BENCH_PER_CLASS ?? 2000);
const show = Number(process.env.BENCH_SHOW ?? 40);

const cases = generateCases(20261130, perClass);
const rows = CASE_CLASSES.map((cls) => ({ cls, n: 0, leaked: 0, contextLost: 0, example: '' }));
const started = performance.now();
for (const c of cases) {
  const out = redactText(c.text, c.known);
  const row = rows.find((r) => r.cls === c.cls)!;
  row.n++;
  if (leakedSecrets(c, out).length) {
    row.leaked++;
    row.example ||= `${c.text} → ${out}`;
  }
  if (c.context.some((s) => !out.includes(s))) row.contextLost++;
}
const ms = performance.now() - started;
console.log(`generated: ${cases.length} texts, ${((ms * 1000) / cases.length).toFixed(1)} µs per text`);
console.log('| class | texts | recall (nothing left) | context kept |');
console.log('|---|---|---|---|');
for (const r of rows) console.log(`| ${r.cls} | ${r.n} | ${(100 * (1 - r.leaked / r.n)).toFixed(2)} % | ${(100 * (1 - r.contextLost / r.n)).toFixed(2)} % |`);
for (const r of rows) if (r.example) console.log(`  ${r.cls} leak e.g.: ${r.example}`);

const changed = MUST_STAY.filter((s) => redactText(s) !== s);
console.log(`must-stay: ${MUST_STAY.length - changed.length}/${MUST_STAY.length} unchanged`);
for (const s of changed) console.log(`  changed: ${s} → ${redactText(s)}`);

if (!fs.existsSync(file)) {
  console.log(`train.csv part skipped: ${file} is absent (the messages live outside the repository).`);
} else {
  const messages = parseCsv(fs.readFileSync(file, 'utf8'))
    .slice(1)
    .map((row) => `${row[1] ?? ''}${row[2] ?? ''}`);
  let chars = 0;
  let withMask = 0;
  const kinds = new Map<string, number>();
  const names = new Map<string, number>();
  const t0 = performance.now();
  for (const text of messages) {
    if (redactText(text) !== text) withMask++;
    chars += text.length;
    for (const f of personalDataIn(text)) {
      kinds.set(f.kind, (kinds.get(f.kind) ?? 0) + 1);
      if (f.kind === 'name') {
        const key = `${text.slice(f.start, f.end)}|${text.slice(f.end, f.end + 2)}`;
        names.set(key, (names.get(key) ?? 0) + 1);
      }
    }
  }
  const nameCount = kinds.get('name') ?? 0;
  // Overlapping finds of one name count once here: the characters a reader no longer sees.
  let nameChars = 0;
  for (const text of messages) {
    const hidden = new Set<number>();
    for (const f of personalDataIn(text)) if (f.kind === 'name') for (let i = f.start; i < f.end; i++) hidden.add(i);
    nameChars += hidden.size;
  }
  const trainMs = performance.now() - t0;
  console.log(`train.csv: ${messages.length} messages, ${chars} characters, ${((trainMs * 1000) / messages.length).toFixed(0)} µs per message`);
  console.log(`  messages with a mask: ${withMask} (${((100 * withMask) / messages.length).toFixed(1)} %); found by kind: ${JSON.stringify(Object.fromEntries(kinds))}`);
  console.log(`  names: ${nameCount} (${names.size} distinct), ${((10_000 * nameCount) / chars).toFixed(2)} per 10,000 characters; masked name characters ${((10_000 * nameChars) / chars).toFixed(1)} per 10,000`);
  console.log('  masked as names (text|next two characters), commonest first:');
  console.log(`  ${[...names].sort((a, b) => b[1] - a[1]).slice(0, show).map(([k, v]) => `${k}×${v}`).join('  ')}`);
}
