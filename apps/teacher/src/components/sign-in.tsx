'use client';

import { Authenticator } from '@aws-amplify/ui-react';
import './authenticator-styles.css';

function SignInHeader() {
  return (
    <header className="auth-header">
      <h1 className="app-name">Exam Results</h1>
      <p>Teachers sign in here. Your school’s administrator creates your account.</p>
    </header>
  );
}

/**
 * The Amplify UI sign-in (first-password change and reset included), loaded only when no
 * teacher is signed in: signed-in pages do not download it. Signing in is announced on
 * Amplify's Hub, which AuthGate listens to.
 */
export default function SignIn() {
  return (
    <main id="main" className="sign-in">
      <Authenticator hideSignUp loginMechanisms={['email']} components={{ Header: SignInHeader }}>
        {() => <p role="status">Signed in. Opening your exams…</p>}
      </Authenticator>
    </main>
  );
}
