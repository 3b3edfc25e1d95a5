// autocannon setupRequest for bench/public-feed.ts, read at every request: BENCH_FEED_READ=posts
// reads the next post page of the sampled numbers (the JSON file named by BENCH_FEED_NUMBERS);
// BENCH_FEED_READ=search asks the feed for a word nobody wrote, a different one every time, so no
// answer can come from a cache and each one scans. Plain CommonJS because autocannon's worker
// threads load it with require(), and a function cannot be passed to a worker.
const fs = require('node:fs');

let numbers = null;
let next = 0;
/** 123 → '漏雨bcd': digits as letters, since the feed refuses searches by runs of digits. */
const word = (n) => `漏雨${String(n).replace(/\d/g, (d) => 'abcdefghij'[Number(d)])}`;

module.exports = function setupRequest(request) {
  const n = next++;
  if (process.env.BENCH_FEED_READ === 'search') return { ...request, path: `/api/public/matters?q=${encodeURIComponent(word(n))}` };
  numbers ??= JSON.parse(fs.readFileSync(process.env.BENCH_FEED_NUMBERS, 'utf8'));
  return { ...request, path: `/api/public/matters/${numbers[n % numbers.length]}` };
};
