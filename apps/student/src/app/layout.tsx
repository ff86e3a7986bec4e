import { RootFrame } from '@exam-results/web-shell';
import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { ConfigureAmplify } from '../components/configure-amplify';
import './globals.css';

export { viewport } from '@exam-results/web-shell';

export const metadata: Metadata = {
  title: 'Exam results',
  description: 'Watch exam results appear live. No account needed.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <RootFrame>
      <ConfigureAmplify />
      <main>{children}</main>
    </RootFrame>
  );
}
