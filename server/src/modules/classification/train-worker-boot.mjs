// Worker-thread bootstrap under tsx (worker.ts): a worker thread does not inherit the tsx loader
// and Node 20 ignores a worker's `--import`, so register it here, then load the TypeScript entry.
const { register } = await import('tsx/esm/api');
register();
await import('./train-worker.ts');
