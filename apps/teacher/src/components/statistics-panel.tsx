'use client';

import { gradeDistribution, gradeStatistics, type Grading } from '@exam-results/live-data';
import { useId, useMemo } from 'react';

/** Count, mean, median and pass rate of the exam's grades, and their distribution as students see it. */
export function StatisticsPanel({ grades, grading }: { grades: readonly string[]; grading: Grading }) {
  const id = useId();
  const statistics = useMemo(() => gradeStatistics(grades, grading), [grades, grading]);
  const buckets = useMemo(() => gradeDistribution(grades, grading), [grades, grading]);
  const most = Math.max(1, ...buckets.map((bucket) => bucket.count));
  const passRate = statistics.judged === 0 ? undefined : Math.round((statistics.passed / statistics.judged) * 100);

  return (
    <section aria-labelledby={`${id}-heading`} className="panel statistics">
      <h2 id={`${id}-heading`}>Statistics</h2>
      {statistics.count === 0 ? (
        <p className="empty">Statistics show once there are results.</p>
      ) : (
        <>
          <dl className="figures">
            <div>
              <dt>Results</dt>
              <dd>{statistics.count}</dd>
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
                  {passRate}% <span className="hint">({statistics.passed} of {statistics.judged})</span>
                </dd>
              </div>
            ) : null}
          </dl>
          <table className="distribution">
            <caption>Distribution, as students see it</caption>
            <thead>
              <tr>
                <th scope="col">Grade</th>
                <th scope="col">Results</th>
              </tr>
            </thead>
            <tbody>
              {buckets.map((bucket) => (
                <tr key={bucket.key}>
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
        </>
      )}
    </section>
  );
}
