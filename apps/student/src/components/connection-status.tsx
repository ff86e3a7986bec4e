import type { LinkStatus } from '@exam-results/live-data';

const LABELS: Record<LinkStatus | 'stopped', string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  stopped: 'Not updating',
};

/** The connection state the Amplify client reports, worst of the page's live lists. */
export function ConnectionStatus({ statuses, failed }: { statuses: LinkStatus[]; failed: boolean }) {
  const status = failed
    ? 'stopped'
    : statuses.includes('reconnecting')
      ? 'reconnecting'
      : statuses.includes('connecting')
        ? 'connecting'
        : 'live';
  return (
    <p className="connection" data-status={status} role="status">
      <span className="connection-dot" aria-hidden="true" />
      {LABELS[status]}
    </p>
  );
}
