'use client';

import { Authenticator, ThemeProvider } from '@aws-amplify/ui-react';
import { I18n } from 'aws-amplify/utils';
import { signInTheme } from './sign-in-theme';
import './authenticator-styles.css';

// The Authenticator shows Cognito's own words for a refused sign-in, translated by Amplify's I18n.
I18n.putVocabularies({
  en: {
    'Password attempts exceeded':
      'Sorry, there were too many attempts with a wrong password, so signing in to this account is paused for a while. Wait a few minutes and try again later.',
  },
});

function SignInHeader() {
  return (
    <header className="auth-header">
      <h1 className="app-name">Exam Results</h1>
      <p>Teachers sign in here. Your school’s administrator creates your account.</p>
    </header>
  );
}

/**
 * The Amplify UI sign-in (first-password change and reset included) in the app's own look,
 * loaded only when no teacher is signed in: signed-in pages do not download it. Signing in is
 * announced on Amplify's Hub, which AuthGate listens to.
 */
export default function SignIn() {
  return (
    <main id="main" className="sign-in">
      <ThemeProvider theme={signInTheme}>
        <Authenticator hideSignUp loginMechanisms={['email']} components={{ Header: SignInHeader }}>
          {() => <p role="status">Signed in. Opening your exams…</p>}
        </Authenticator>
      </ThemeProvider>
    </main>
  );
}
