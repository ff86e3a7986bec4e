'use client';

import type { Schema } from '@exam-results/amplify/data/resource';
import type { AuthUser } from 'aws-amplify/auth';
import { fetchUserAttributes } from 'aws-amplify/auth';
import { generateClient } from 'aws-amplify/data';
import Link from 'next/link';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { dataApi, shelveOwnExams, type DataApi, type DataClient } from '../lib/data-api';
import { teacherOutboxes, type TeacherOutboxes } from '../lib/teacher-outboxes';
import { UnsentEntries } from './unsent-entries';

interface Session {
  client: DataClient;
  api: DataApi;
  /** Where the teacher's writes wait for the server: give them to the stores, so nothing typed is lost. */
  outboxes: TeacherOutboxes;
  /** The name to pre-fill as the teacher of a new exam; undefined until the account is read. */
  teacherName: string | undefined;
  /** What Amplify's owner rule stores in the records the teacher owns (`<sub>::<username>`): the key of their exams' index. */
  owner: string;
}

const SessionContext = createContext<Session | undefined>(undefined);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession is used outside <SessionProvider>');
  return session;
}

interface Props {
  user: AuthUser | undefined;
  signOut: (() => void) | undefined;
  children: ReactNode;
}

/** What every signed-in page shares: the data client, the teacher's name, and the page frame. */
export function SessionProvider({ user, signOut, children }: Props) {
  const [client] = useState(() => generateClient<Schema>());
  const [api] = useState(() => dataApi(client));
  const [outboxes] = useState(() =>
    teacherOutboxes(client, api, user?.userId ?? 'signed-out', typeof localStorage === 'undefined' ? undefined : localStorage),
  );
  const [attributes, setAttributes] = useState<{ name: string; email: string }>();
  const signInEmail = user?.signInDetails?.loginId;

  useEffect(() => {
    let current = true;
    fetchUserAttributes()
      .then(({ name, given_name, family_name, email }) => {
        const fullName = name ?? [given_name, family_name].filter(Boolean).join(' ');
        if (current) setAttributes({ name: fullName || (email ?? ''), email: email ?? '' });
      })
      .catch(() => {
        if (current) setAttributes({ name: '', email: '' });
      });
    return () => {
      current = false;
    };
  }, [user?.userId]);

  const owner = user ? `${user.userId}::${user.username}` : '';
  // The teacher's exams from before the student list's index join it (amplify/README.md); a failure is tried again on the next visit.
  useEffect(() => {
    if (owner) shelveOwnExams(client, owner).catch(() => undefined);
  }, [client, owner]);

  const email = attributes?.email || signInEmail;
  return (
    <SessionContext.Provider value={{ client, api, outboxes, teacherName: attributes?.name, owner }}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <Link href="/" className="app-name">
          Exam Results
        </Link>
        <div className="account">
          {email ? <span className="account-email">{email}</span> : null}
          <button type="button" className="button secondary" onClick={signOut}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <UnsentEntries outboxes={outboxes} />
        {children}
      </main>
    </SessionContext.Provider>
  );
}
