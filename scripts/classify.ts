// Category classifier on CSV files, for evaluation:
//   npm run -s classify -- --train TRAIN.csv --predict TEST.csv --out PRED.csv
// The work is in server/src/modules/text/classify-cli.ts (tested there).
import { main } from '../server/src/modules/text/classify-cli.js';

process.exitCode = main(process.argv.slice(2));
