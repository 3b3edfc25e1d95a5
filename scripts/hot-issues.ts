// Hot issues (热点) on a message-board CSV, for evaluation:
//   npm run -s hot-issues -- --in hot_issues.csv --out clusters.csv [--top 10]
// The work is in server/src/modules/hot-issues/cli.ts (tested there).
import { main } from '../server/src/modules/hot-issues/cli.js';

process.exitCode = main(process.argv.slice(2));
