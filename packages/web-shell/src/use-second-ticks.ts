'use client';

import { useSyncExternalStore } from 'react';

function everySecond(onTick: () => void): () => void {
  const timer = setInterval(onTick, 1000);
  return () => clearInterval(timer);
}

/** The time now to the whole second, as useSecondTicks counts it. */
export const thisSecond = (): number => Math.floor(Date.now() / 1000) * 1000;

/** The time now to the second, for a countdown on screen (it reads nothing); undefined in the server's render. */
export function useSecondTicks(): number | undefined {
  return useSyncExternalStore(everySecond, thisSecond, () => undefined);
}
