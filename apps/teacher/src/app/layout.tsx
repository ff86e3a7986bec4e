import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { AuthGate } from '../components/auth-gate';
import './globals.css';

export const metadata: Metadata = {
  title: 'Exam Results — Teachers',
  description: 'Sign in and enter the results of your exams.',
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <AuthGate>{children}</AuthGate>
      </body>
    </html>
  );
}
