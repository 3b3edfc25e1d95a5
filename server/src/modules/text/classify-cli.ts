import fs from 'node:fs';
import path from 'node:path';
import { suggest, trainClassifier, type TrainingRow } from './classifier/classifier.js';
import { CsvError, formatCsv, parseCsvTable } from './csv.js';

// `npm run -s classify -- --train TRAIN.csv --predict TEST.csv --out PRED.csv`: trains on
// TRAIN.csv (id,subject,detail,label) only, then writes id,label for every row of TEST.csv
// (id,subject,detail). Nothing on stdout; one summary line on stderr; exit code 1 on error.

export class UsageError extends Error {
  override name = 'UsageError';
}

const USAGE = 'usage: npm run -s classify -- --train TRAIN.csv --predict TEST.csv --out PRED.csv';

/** Subject and detail as one text; where subject is empty, detail already holds both. */
export function messageText(subject: string | undefined, detail: string | undefined): string {
  const s = (subject ?? '').trim();
  const d = (detail ?? '').trim();
  return s && d ? `${s}\n${d}` : s || d;
}

function readTable(file: string, required: string[], what: string) {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`${what} file ${file}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UsageError(`${what} file ${file}: not UTF-8 text (save it as UTF-8 CSV)`);
  }
  try {
    const table = parseCsvTable(text, required);
    if (!table.header.includes('subject') && !table.header.includes('detail')) {
      throw new CsvError(`needs a subject or a detail column (header: ${table.header.join(',')})`);
    }
    return table;
  } catch (error) {
    if (error instanceof CsvError) throw new UsageError(`${what} file ${file}: ${error.message}`);
    throw error;
  }
}

/** Labelled rows of a training CSV (id,subject,detail,label); a row without a label is an error. */
export function readLabelledCsv(file: string): TrainingRow[] {
  const { rows } = readTable(file, ['label'], 'training');
  return rows.map((row, i) => {
    const label = row.label!.trim();
    if (!label) throw new UsageError(`training file ${file}: row ${i + 2} has an empty label`);
    return { text: messageText(row.subject, row.detail), label };
  });
}

export interface ClassifyArgs {
  train: string;
  predict: string;
  out: string;
}

export function parseArgs(argv: readonly string[]): ClassifyArgs {
  const found: Partial<Record<keyof ClassifyArgs, string>> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const match = /^--(train|predict|out)(?:=(.*))?$/.exec(arg);
    if (!match) throw new UsageError(`unknown argument ${JSON.stringify(arg)}\n${USAGE}`);
    const value = match[2] ?? argv[++i];
    if (!value || value.startsWith('--')) throw new UsageError(`--${match[1]} needs a file name\n${USAGE}`);
    found[match[1] as keyof ClassifyArgs] = value;
  }
  const missing = (['train', 'predict', 'out'] as const).filter((k) => !found[k]);
  if (missing.length) throw new UsageError(`missing ${missing.map((m) => `--${m}`).join(', ')}\n${USAGE}`);
  return found as ClassifyArgs;
}

/** Runs the command; returns the summary line. Throws UsageError for anything the user can fix. */
export function runClassify(args: ClassifyArgs): string {
  const started = performance.now();
  const training = readLabelledCsv(args.train);
  if (training.length === 0) throw new UsageError(`training file ${args.train}: no rows below the header`);
  const { rows: tests } = readTable(args.predict, ['id'], 'prediction');
  let model;
  try {
    model = trainClassifier(training);
  } catch (error) {
    throw new UsageError(`training file ${args.train}: ${(error as Error).message}`);
  }
  const trained = performance.now();
  let unsure = 0;
  const out: string[][] = [['id', 'label']];
  for (const row of tests) {
    const answer = suggest(model, messageText(row.subject, row.detail));
    if (answer.lowConfidence) unsure++;
    out.push([row.id!, answer.predictions[0]!.label]);
  }
  // Written beside the target and renamed, so a failed run never leaves half a file.
  fs.mkdirSync(path.dirname(path.resolve(args.out)), { recursive: true });
  const temporary = `${args.out}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, formatCsv(out));
  fs.renameSync(temporary, args.out);
  const seconds = (ms: number) => (ms / 1000).toFixed(1);
  return (
    `classify: trained on ${training.length} rows (${model.labels.length} labels) in ${seconds(trained - started)} s; ` +
    `wrote ${tests.length} predictions to ${args.out} in ${seconds(performance.now() - trained)} s (${unsure} low-confidence)`
  );
}

/** The command line: exit code 0 on success, 1 with a message on stderr otherwise. */
export function main(argv: readonly string[]): number {
  try {
    process.stderr.write(`${runClassify(parseArgs(argv))}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`classify: ${error instanceof UsageError ? error.message : (error as Error).stack}\n`);
    return 1;
  }
}
