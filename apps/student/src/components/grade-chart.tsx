'use client';

import type { ChartPassMark, GradeBucket } from '@exam-results/live-data/guest';
import { plural } from '@exam-results/web-shell';
import { useEffect, useId, useRef, useState } from 'react';

// Room for ten score ranges and six letters at ROW each, so a mixed exam keeps the same height.
const HEIGHT = 264;
const ROW = 15;
const PADDING = 10;
const LABEL_WIDTH = 92;
const COUNT_WIDTH = 36;
const MAX_BAR = 22;
const MAX_LABEL = 12;
const DEFAULT_WIDTH = 480;

function shortLabel(label: string): string {
  return label.length > MAX_LABEL ? `${label.slice(0, MAX_LABEL - 1)}…` : label;
}

function describe(buckets: readonly GradeBucket[], total: number, passMark: ChartPassMark | undefined): string {
  const parts = buckets.filter((bucket) => bucket.count > 0).map((bucket) => `${bucket.label}: ${bucket.count}`);
  const charted = buckets.reduce((sum, bucket) => sum + bucket.count, 0);
  const apart = charted < total ? ` ${plural(total - charted, 'result is', 'results are')} not a grade on this exam’s scale and not shown.` : '';
  const mark = passMark ? ` Pass mark: ${passMark.passMark}.` : '';
  return `${plural(total, 'result', 'results')}. ${parts.join(', ')}.${apart}${mark}`;
}

/**
 * The distribution of an exam's grades as horizontal bars, one per bucket, and the pass mark (when
 * the exam has one) as a dashed line under the bar that holds it. The drawing keeps the same height
 * whatever arrives, so nothing below it moves.
 */
export function GradeChart({ title, buckets, total, passMark }: { title: string; buckets: readonly GradeBucket[]; total: number; passMark?: ChartPassMark | undefined }) {
  const frame = useRef<HTMLDivElement>(null);
  // Drawn at this width on the server and scaled to the frame; once measured in the browser, at the frame's own width.
  const [width, setWidth] = useState(DEFAULT_WIDTH);
  const titleId = useId();
  const descId = useId();

  useEffect(() => {
    const element = frame.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.max(240, Math.floor(entry.contentRect.width)));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const height = Math.max(HEIGHT, buckets.length * ROW + 2 * PADDING);
  const band = (height - 2 * PADDING) / Math.max(1, buckets.length);
  const barHeight = Math.min(MAX_BAR, band * 0.7);
  const most = Math.max(1, ...buckets.map((bucket) => bucket.count));
  const room = width - LABEL_WIDTH - COUNT_WIDTH;

  return (
    <figure className="chart">
      {passMark ? <figcaption>Pass mark: {passMark.passMark} (the dashed line)</figcaption> : null}
      <div ref={frame} className="chart-frame" style={{ height }}>
        {total === 0 ? (
          <p className="chart-empty">The chart appears with the first result.</p>
        ) : (
          <svg role="img" aria-labelledby={titleId} aria-describedby={descId} width="100%" height={height} viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="xMinYMid meet">
            <title id={titleId}>{title}</title>
            <desc id={descId}>{describe(buckets, total, passMark)}</desc>
            {buckets.map((bucket, index) => {
              const middle = PADDING + band * index + band / 2;
              const barWidth = (bucket.count / most) * room;
              return (
                <g key={bucket.key} className={`bar bar-${bucket.kind}`}>
                  <text x={LABEL_WIDTH - 8} y={middle} textAnchor="end" dominantBaseline="central" className="bar-label">
                    {shortLabel(bucket.label)}
                  </text>
                  <rect x={LABEL_WIDTH} y={middle - barHeight / 2} width={barWidth} height={barHeight} rx={2} />
                  <text x={LABEL_WIDTH + barWidth + 6} y={middle} dominantBaseline="central" className="bar-count">
                    {bucket.count}
                  </text>
                  {bucket.key === passMark?.bucket ? (
                    // Named by the caption above: a label on the line ran into a long bar and its count.
                    <line className="pass-mark" x1={PADDING} x2={width - PADDING} y1={middle + band / 2} y2={middle + band / 2} stroke="currentColor" strokeWidth={1.5} strokeDasharray="5 4" />
                  ) : null}
                </g>
              );
            })}
          </svg>
        )}
      </div>
      {total > 0 && (
        <details className="chart-table">
          <summary>Chart as a table</summary>
          <table>
            <thead>
              <tr>
                <th scope="col">Grade</th>
                <th scope="col">Results</th>
              </tr>
            </thead>
            <tbody>
              {buckets.map((bucket) => (
                <tr key={bucket.key}>
                  <th scope="row">
                    {bucket.label}
                    {bucket.key === passMark?.bucket ? ` (pass mark ${passMark.passMark})` : ''}
                  </th>
                  <td>
                    {bucket.count}
                    {bucket.detail ? ` (${bucket.detail})` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </figure>
  );
}
