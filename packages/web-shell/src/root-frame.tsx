import type { Viewport } from 'next';
import type { ReactNode } from 'react';

/** The viewport of every page: phone widths render at device width, unscaled. */
export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
};

/** The `<html>` and `<body>` every root layout renders around its app. */
export function RootFrame({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
