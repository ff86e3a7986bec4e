'use client';

import outputs from '@amplify-outputs';
import { configureAmplify } from '@exam-results/amplify-config';
import { fetchAuthSession, getCurrentUser, signOut, type AuthUser } from 'aws-amplify/auth';
import { Hub } from 'aws-amplify/utils';
import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { SessionProvider } from './session';

// Amplify runs in the browser only; the server render shows the empty shell.
if (typeof window !== 'undefined') configureAmplify(outputs);

const SignIn = lazy(() => import('./sign-in'));

type Gate = { state: 'checking' } | { state: 'signed-out'; bySignOut: boolean } | { state: 'signed-in'; user: AuthUser };

function Checking() {
  return (
    <main id="main">
      <p className="loading" role="status">
        Checking your sign-in…
      </p>
    </main>
  );
}

/** The signed-in app for a teacher with a session, else the sign-in, which loads only then. */
export function AuthGate({ children }: { children: ReactNode }) {
  const [gate, setGate] = useState<Gate>({ state: 'checking' });

  useEffect(() => {
    let current = true;
    // The session (tokens and the teacher's identity-pool credentials) is fetched once before the
    // pages open: their concurrent first requests would otherwise each ask for an identity.
    const check = () =>
      getCurrentUser().then(
        async (user) => {
          await fetchAuthSession().catch(() => undefined);
          if (current) setGate({ state: 'signed-in', user });
        },
        () => current && setGate({ state: 'signed-out', bySignOut: false }),
      );
    const stop = Hub.listen('auth', ({ payload }) => {
      if (payload.event === 'signedIn') void check();
      if (payload.event === 'signedOut') setGate({ state: 'signed-out', bySignOut: true });
    });
    void check();
    return () => {
      current = false;
      stop();
    };
  }, []);

  if (gate.state === 'checking') return <Checking />;
  if (gate.state === 'signed-out') {
    return (
      <Suspense fallback={<Checking />}>
        <SignIn afterSignOut={gate.bySignOut} />
      </Suspense>
    );
  }
  return (
    <SessionProvider user={gate.user} signOut={() => void signOut()}>
      {children}
    </SessionProvider>
  );
}
