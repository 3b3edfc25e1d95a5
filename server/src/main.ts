import cluster from 'node:cluster';
import { loadConfig } from './platform/config.js';
import { prepareOnce, startServer } from './platform/server.js';

const config = loadConfig();

// WORKERS > 1 (PostgreSQL only): the primary prepares the database once, then forks workers that
// share the port; the scheduler and outbox are safe in every worker at once.
if (config.workers > 1 && cluster.isPrimary) {
  if (!config.databaseUrl) throw new Error('WORKERS > 1 needs DATABASE_URL (PostgreSQL): the embedded database belongs to one process');
  await prepareOnce(config);
  for (let i = 0; i < config.workers; i++) cluster.fork();
  let stopping = false;
  cluster.on('exit', (worker, code) => {
    if (stopping) return;
    console.error(`worker ${worker.process.pid} exited (${code}); starting another`);
    cluster.fork();
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
      setTimeout(() => process.exit(0), 10_000).unref();
      cluster.on('exit', () => {
        if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      });
    });
  }
} else {
  const server = await startServer(config, undefined, { prepared: cluster.isWorker });
  await server.app.listen({ port: config.port, host: config.host });

  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      server.stop().then(
        () => process.exit(0),
        (err) => {
          console.error(err);
          process.exit(1);
        },
      );
    });
  }
}
