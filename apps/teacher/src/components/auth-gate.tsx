'use client';

import outputs from '@amplify-outputs';
import { Authenticator } from '@aws-amplify/ui-react';
import { configureAmplify } from '@exam-results/amplify-config';
import type { ReactNode } from 'react';
import { SessionProvider } from './session';
import './authenticator-styles.css';

// Amplify runs in the browser only; the server render shows the empty shell.
if (typeof window !== 'undefined') configureAmplify(outputs);

function SignInHeader() {
  return (
    <header className="auth-header">
      <p className="app-name">Exam Results</p>
      <p>Teachers sign in here. Your school’s administrator creates your account.</p>
    </header>
  );
}

export function AuthGate({ children }: { children: ReactNode }) {
  return (
    <Authenticator hideSignUp loginMechanisms={['email']} components={{ Header: SignInHeader }}>
      {({ signOut, user }) => (
        <SessionProvider user={user} signOut={signOut}>
          {children}
        </SessionProvider>
      )}
    </Authenticator>
  );
}
