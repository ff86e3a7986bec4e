'use client';

import { useEffect, useId, useRef, type ReactNode } from 'react';

interface Props {
  title: string;
  onClose: () => void;
  className?: string;
  children: ReactNode;
}

/**
 * A modal dialog (the native <dialog>): focus stays inside, Escape closes it, focus goes back where it was.
 * It opens on the element marked `data-autofocus` (React's autoFocus runs before the dialog is shown,
 * and showModal then picks the first control, a destructive one in a confirmation).
 */
export function Dialog({ title, onClose, className, children }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  const opener = useRef<Element | null>(null);

  useEffect(() => {
    // React's StrictMode (next dev) runs this effect, its cleanup and the effect again with the
    // element still in place: closing it in between would queue a close event that reaches
    // onClose and shuts the dialog just opened. So it is opened once, and only a real unmount,
    // once the element is gone (which ends the modal state without a close event), gives focus back.
    const dialog = ref.current;
    if (dialog && !dialog.open) {
      opener.current = document.activeElement;
      dialog.showModal();
      dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    }
    return () => {
      if (dialog && !dialog.isConnected && opener.current instanceof HTMLElement) opener.current.focus();
    };
  }, []);

  return (
    <dialog ref={ref} className={className ? `dialog ${className}` : 'dialog'} aria-labelledby={titleId} onClose={onClose}>
      <h2 id={titleId}>{title}</h2>
      {children}
    </dialog>
  );
}
