import { RootFrame } from '@exam-results/web-shell';
import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { AuthGate } from '../components/auth-gate';
import './globals.css';

export { viewport } from '@exam-results/web-shell';

export const metadata: Metadata = {
  title: 'Exam Results — Teachers',
  description: 'Sign in and enter the results of your exams.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <RootFrame>
      <AuthGate>{children}</AuthGate>
    </RootFrame>
  );
}
