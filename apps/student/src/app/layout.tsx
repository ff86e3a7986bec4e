import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { ConfigureAmplify } from '../components/configure-amplify';
import './globals.css';

export const metadata: Metadata = {
  title: 'Exam results',
  description: 'Watch exam results appear live. No account needed.',
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <ConfigureAmplify />
        <main>{children}</main>
      </body>
    </html>
  );
}
