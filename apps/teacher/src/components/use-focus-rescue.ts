'use client';

import { useEffect, useRef } from 'react';

// Long enough for the live update that follows a write (it may remove the control that made it).
const RESCUE_MS = 3000;

/**
 * For an action whose control may go away under the keyboard user: disabled while it runs, or gone
 * once its result shows. Returns a ref and `acted`: call `acted()` when the action starts; for a few
 * seconds after, focus lost to the page goes to the element with the ref (tabIndex -1, one that
 * says what happened).
 */
export function useFocusRescue<T extends HTMLElement>() {
  const fallback = useRef<T>(null);
  const until = useRef(0);
  useEffect(() => {
    if (until.current === 0) return;
    if (Date.now() > until.current) {
      until.current = 0;
      return;
    }
    const active = document.activeElement;
    if (active === null || active === document.body) fallback.current?.focus();
  });
  const acted = () => {
    until.current = Date.now() + RESCUE_MS;
  };
  return [fallback, acted] as const;
}
