import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { TestOutputs } from '@exam-results/local-backend/testing';
import type { Counts } from './backend-counters';

export type BackendRequest = { kind: 'counts' } | { kind: 'schedule'; releaseAt: string } | { kind: 'stop' };
export type BackendReply =
  | { kind: 'ready'; outputs: TestOutputs; examId: string; results: number }
  | { kind: 'counts'; counts: Counts; cpuMs: number }
  | { kind: 'scheduled'; error: string | undefined };

type Reply<K extends BackendReply['kind']> = Extract<BackendReply, { kind: K }>;

/** release-backend.ts in a child process, and the bench's requests to it (one of a kind at a time). */
export async function startReleaseBackend() {
  const child = fork(fileURLToPath(new URL('./release-backend.ts', import.meta.url)), { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  const waiting = new Map<BackendReply['kind'], { resolve(reply: BackendReply): void; reject(error: Error): void }>();
  child.on('message', (reply: BackendReply) => {
    waiting.get(reply.kind)?.resolve(reply);
    waiting.delete(reply.kind);
  });
  child.on('exit', (code) => {
    for (const { reject } of waiting.values()) reject(new Error(`the bench backend exited (${code})`));
    waiting.clear();
  });
  const next = <K extends BackendReply['kind']>(kind: K) =>
    new Promise<Reply<K>>((resolve, reject) => waiting.set(kind, { resolve: (reply) => resolve(reply as Reply<K>), reject }));
  const ask = <K extends BackendReply['kind']>(request: BackendRequest, kind: K) => {
    const answer = next(kind);
    child.send(request);
    return answer;
  };

  const ready = await next('ready');
  return {
    outputs: ready.outputs,
    examId: ready.examId,
    results: ready.results,
    /** What the backend did so far, and the CPU time its process used. */
    counts: async () => {
      const { counts, cpuMs } = await ask({ kind: 'counts' }, 'counts');
      return { counts, cpuMs };
    },
    async schedule(releaseAt: string) {
      const { error } = await ask({ kind: 'schedule', releaseAt }, 'scheduled');
      if (error) throw new Error(`could not schedule the release: ${error}`);
    },
    async stop() {
      const exited = once(child, 'exit');
      child.send({ kind: 'stop' } satisfies BackendRequest);
      await exited;
    },
  };
}
