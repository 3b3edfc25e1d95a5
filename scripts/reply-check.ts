// Reply check on a CSV of messages and their replies, for evaluation and reports:
//   npm run -s reply-check -- --in replies.csv --out flags.csv [--no-corpus]
// The work is in server/src/modules/text/reply-check-cli.ts (tested there).
import { main } from '../server/src/modules/text/reply-check-cli.js';

process.exitCode = main(process.argv.slice(2));
