import type { LinkStatus } from '@exam-results/live-data/guest';

const LABELS: Record<LinkStatus | 'stopped', string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  stopped: 'Not updating',
};

/**
 * The connection state the real-time client reports, worst of the page's live lists; while
 * reconnecting, a button to try at once instead of at the next retry.
 */
export function ConnectionStatus({ statuses, failed, onRetryNow }: { statuses: LinkStatus[]; failed: boolean; onRetryNow: () => void }) {
  const status = failed
    ? 'stopped'
    : statuses.includes('reconnecting')
      ? 'reconnecting'
      : statuses.includes('connecting')
        ? 'connecting'
        : 'live';
  return (
    <div className="connection-bar needs-script">
      <p className="connection" data-status={status} role="status">
        <span className="connection-dot" aria-hidden="true" />
        {LABELS[status]}
      </p>
      {status === 'reconnecting' && (
        <button type="button" className="retry-now" onClick={onRetryNow}>
          Retry now
        </button>
      )}
    </div>
  );
}
