'use client';

import { useSyncExternalStore } from 'react';

const noSubscription = () => () => undefined;

/**
 * A note the server's HTML carries and the browser removes once the page runs: a reader without
 * JavaScript is told that the page does not update by itself. (React leaves what is inside a
 * `<noscript>` out of the server's HTML.)
 */
export function StaticPageNote({ children }: { children: string }) {
  const running = useSyncExternalStore(noSubscription, () => true, () => false);
  if (running) return null;
  return <p className="notice">{children}</p>;
}
