/**
 * bench:release's backend, in a process of its own as AppSync is not in the students' browsers: the
 * local backend with one scheduled exam of RESULTS results, its teacher, and its counters. Driven by
 * the bench over IPC (release-backend-link.ts).
 */
import { signInUser, startTempBackend } from '@exam-results/local-backend/testing';
import { backendCounters } from './backend-counters';
import type { BackendReply, BackendRequest } from './release-backend-link';

const RESULTS = Number(process.env['RESULTS'] ?? 30);

const counters = backendCounters();
// AWS's identity pool quotas (GetId 25/s) are for a school's arrival over the morning, not for one process opening 2,000 pages.
const backend = await startTempBackend({ prefix: 'bench-release-', identityPoolQuotas: false, observers: counters.observers });
const teacher = await signInUser(backend, 'release@school.example');
const { data: exam } = await teacher.client.models.Exam.create({ subject: 'Results day', date: '2026-08-20', teacher: 'Ms Release', release: 'held' });
if (!exam) throw new Error('could not create the exam');
for (let n = 1; n <= RESULTS; n++) await teacher.client.models.Result.create({ examId: exam.id, student: `Student ${n}`, grade: `${n % 21}/20` });

const reply = (message: BackendReply) => process.send?.(message);

process.on('message', (message: BackendRequest) => {
  void (async () => {
    if (message.kind === 'counts') {
      const { user, system } = process.cpuUsage();
      reply({ kind: 'counts', counts: { ...counters.counts }, cpuMs: (user + system) / 1000 });
    }
    if (message.kind === 'schedule') {
      const { errors } = await teacher.client.models.Exam.update({ id: exam.id, releaseAt: message.releaseAt });
      reply({ kind: 'scheduled', error: errors?.[0]?.message });
    }
    if (message.kind === 'stop') {
      await backend.stop();
      process.exit(0);
    }
  })();
});
reply({ kind: 'ready', outputs: backend.outputs, examId: exam.id, results: RESULTS });
