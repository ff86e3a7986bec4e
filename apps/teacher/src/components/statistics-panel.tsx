'use client';

import { chartPassMark, gradeDistribution, gradeStatistics, type Grading } from '@exam-results/live-data';
import { useId, useMemo } from 'react';
import { PassMarkSetting, usePassMark } from './pass-mark-setting';
import './statistics-panel.css';

/** Each grade off the scale once, with how many results have it, in the order first entered. */
function tally(grades: readonly string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const grade of grades) counts.set(grade, (counts.get(grade) ?? 0) + 1);
  return [...counts];
}

/**
 * Count, mean, median and distribution of the exam's grades on its one scale, the grades off it
 * listed apart, and the pass rate against the pass mark the teacher sets here (`examId`: the
 * exam whose pass mark is set, `passMark` as it has it now; without an exam none is shown).
 */
export function StatisticsPanel({ grades, grading, examId, passMark: stored = null }: { grades: readonly string[]; grading: Grading; examId?: string; passMark?: string | null }) {
  const id = useId();
  const passMark = usePassMark(examId, grading, stored);
  const statistics = useMemo(() => gradeStatistics(grades, grading, passMark.value), [grades, grading, passMark.value]);
  const buckets = useMemo(() => gradeDistribution(grades, grading), [grades, grading]);
  const markBucket = useMemo(() => chartPassMark(passMark.value, grading)?.bucket, [passMark.value, grading]);
  const most = Math.max(1, ...buckets.map((bucket) => bucket.count));
  const { passed, counted } = statistics;
  const passRate = passed === undefined || counted === 0 ? undefined : Math.round((passed / counted) * 100);

  return (
    <section aria-labelledby={`${id}-heading`} className="panel statistics">
      <h2 id={`${id}-heading`}>Statistics</h2>
      {examId ? <PassMarkSetting grading={grading} passMark={passMark} counted={statistics.passMark} /> : null}
      {statistics.count === 0 ? (
        <p className="empty">Statistics show once there are results.</p>
      ) : (
        <>
          <dl className="figures">
            <div>
              <dt>Results counted</dt>
              <dd>
                {counted}
                {counted < statistics.count ? <span className="hint"> of {statistics.count}</span> : null}
              </dd>
            </div>
            {statistics.mean !== undefined ? (
              <div>
                <dt>Mean</dt>
                <dd>{statistics.mean}</dd>
              </div>
            ) : null}
            {statistics.median !== undefined ? (
              <div>
                <dt>Median</dt>
                <dd>{statistics.median}</dd>
              </div>
            ) : null}
            {passRate !== undefined ? (
              <div>
                <dt>Pass rate</dt>
                <dd>
                  {passRate}% <span className="hint">({passed} of {counted})</span>
                </dd>
              </div>
            ) : null}
          </dl>
          {statistics.ungradable.length > 0 ? (
            <div className="not-counted">
              <h3 id={`${id}-not-counted`}>Not counted: absent, or not a grade on this exam’s scale</h3>
              <ul aria-labelledby={`${id}-not-counted`}>
                {tally(statistics.ungradable).map(([grade, count]) => (
                  <li key={grade}>
                    {grade}
                    {count > 1 ? ` (${count} results)` : ''}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {buckets.length > 0 ? (
            <table className="distribution">
              <caption>
                Distribution of the grades counted, as students see it
                {markBucket ? <span className="pass-mark-note">The dashed line is under the range with the pass mark, {statistics.passMark}.</span> : null}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Grade</th>
                  <th scope="col">Results</th>
                </tr>
              </thead>
              <tbody>
                {buckets.map((bucket) => (
                  <tr key={bucket.key} className={bucket.key === markBucket ? 'pass-mark-row' : undefined}>
                    <th scope="row">{bucket.label}</th>
                    <td>
                      <span className="bar" style={{ width: `${(bucket.count / most) * 100}%` }} aria-hidden="true" />
                      <span className="count">
                        {bucket.count}
                        {bucket.detail ? ` (${bucket.detail})` : ''}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </>
      )}
    </section>
  );
}
