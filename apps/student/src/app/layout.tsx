import { RootFrame } from '@exam-results/web-shell';
import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import './globals.css';

export { viewport } from '@exam-results/web-shell';

export const metadata: Metadata = {
  title: 'Exam results',
  description: 'Watch exam results appear live. No account needed.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <RootFrame>
      <main>{children}</main>
    </RootFrame>
  );
}
