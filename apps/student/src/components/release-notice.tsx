'use client';

import type { ReleaseState } from '@exam-results/live-data/guest';
import { formatCountdown, formatReleaseTime, useSecondTicks } from '@exam-results/web-shell';

/**
 * What a student sees before the results are out: when they come ("Results at 08:00 on Fri 20
 * August 2027", with a countdown), or that the teacher releases them by hand. The page shows the
 * results by itself at that moment.
 */
export function ReleaseNotice({ release, withdrawn }: { release: Extract<ReleaseState, { kind: 'draft' | 'scheduled' }>; withdrawn: boolean }) {
  return (
    <section className="release-notice" aria-labelledby="release-heading">
      {withdrawn && (
        <p className="notice" role="alert">
          The teacher has withdrawn these results for now.
        </p>
      )}
      {release.kind === 'scheduled' ? (
        <>
          <h2 id="release-heading">
            Results at <time dateTime={release.at}>{formatReleaseTime(release.at)}</time>
          </h2>
          <Countdown atMs={release.atMs} />
          <p className="needs-script">They appear on this page by themselves at that time: no need to reload.</p>
        </>
      ) : (
        <>
          <h2 id="release-heading">Results not released yet</h2>
          <p>
            The teacher releases them when they are ready<span className="needs-script">; they appear on this page by themselves</span>.
          </p>
        </>
      )}
    </section>
  );
}

function Countdown({ atMs }: { atMs: number }) {
  const now = useSecondTicks();
  if (now === undefined) return null;
  return (
    <p className="countdown">
      In <span role="timer">{formatCountdown(atMs - now)}</span>
    </p>
  );
}
