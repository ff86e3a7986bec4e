import { createServer } from 'node:net';

/** Resolves when nothing listens on host:port; rejects with a sentence naming who needed it otherwise. */
export function assertPortFree(port: number, purpose: string, host = '127.0.0.1'): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      const reason =
        error.code === 'EADDRINUSE'
          ? `Port ${port} is already in use, so the ${purpose} cannot start. Stop whatever is using it (for example an earlier 'pnpm dev': lsof -i :${port}) and try again.`
          : `Cannot listen on ${host}:${port} for the ${purpose}: ${error.message}`;
      reject(new Error(reason));
    });
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}
