'use client';

import outputs from '@amplify-outputs';
import { Authenticator, Heading, ThemeProvider } from '@aws-amplify/ui-react';
import { I18n } from 'aws-amplify/utils';
import { passwordRules, type PasswordPolicy } from '../lib/password-rules';
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

// What a new password needs, said before the first try and not only in Cognito's refusal after it. The
// Authenticator's own headings of the two steps (its texts, translated by I18n), with the rules under them.
const rules = passwordRules((outputs['auth'] as { password_policy?: PasswordPolicy } | undefined)?.password_policy);
const PasswordRules = () => (rules ? <p className="password-rules">{rules}</p> : null);
const newPasswordSteps = {
  ForceNewPassword: {
    Header: () => (
      <>
        <Heading level={4}>{I18n.get('Change Password')}</Heading>
        <PasswordRules />
      </>
    ),
  },
  ConfirmResetPassword: {
    Header: () => (
      <>
        <Heading level={3}>{I18n.get('Reset Password')}</Heading>
        <PasswordRules />
      </>
    ),
  },
};

// Stable, so that React calls it once, when the header mounts: the Authenticator keeps its header across its steps.
const focusAtMount = (element: HTMLElement | null) => element?.focus();

// The Sign out button is gone with the page it was on: the keyboard and a screen reader start again from what happened.
function SignedOutHeader() {
  return (
    <header className="auth-header">
      <h1 className="app-name">Exam Results</h1>
      <p tabIndex={-1} ref={focusAtMount}>
        You have signed out. Teachers sign in here.
      </p>
    </header>
  );
}

const signInComponents = { Header: SignInHeader, ...newPasswordSteps };
const signedOutComponents = { Header: SignedOutHeader, ...newPasswordSteps };

/**
 * The Amplify UI sign-in (first-password change and reset included) in the app's own look,
 * loaded only when no teacher is signed in: signed-in pages do not download it. Signing in is
 * announced on Amplify's Hub, which AuthGate listens to.
 */
export default function SignIn({ afterSignOut }: { afterSignOut: boolean }) {
  return (
    <main id="main" className="sign-in">
      <ThemeProvider theme={signInTheme}>
        <Authenticator hideSignUp loginMechanisms={['email']} components={afterSignOut ? signedOutComponents : signInComponents}>
          {() => <p role="status">Signed in. Opening your exams…</p>}
        </Authenticator>
      </ThemeProvider>
    </main>
  );
}
