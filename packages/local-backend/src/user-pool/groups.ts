import type { UserPoolGroup } from '@exam-results/amplify-synth';
import type { Clock } from '../shared/clock';
import type { SqliteDatabase } from '../shared/database';

/** A group of the pool as Cognito describes it: its definition, and when this install first and last saw it change. */
export interface Group extends UserPoolGroup {
  createdAt: Date;
  updatedAt: Date;
}

export interface GroupStore {
  /** Every group, in name order. */
  list(): Group[];
  find(groupName: string): Group | undefined;
  /** The groups of a user, in name order. */
  groupsOf(sub: string): Group[];
  /** Adding a member twice is no change, as in Cognito. */
  addMember(groupName: string, sub: string): void;
  /** Removing a user who is not a member is no change, as in Cognito. */
  removeMember(groupName: string, sub: string): void;
}

interface GroupRow {
  group_name: string;
  description: string | null;
  precedence: number | null;
  role_arn: string | null;
  created_at: number;
  updated_at: number;
}

function toGroup(row: GroupRow): Group {
  return {
    groupName: row.group_name,
    ...(row.description === null ? {} : { description: row.description }),
    ...(row.precedence === null ? {} : { precedence: row.precedence }),
    ...(row.role_arn === null ? {} : { roleArn: row.role_arn }),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

/**
 * The pool's groups (those of the synthesized assembly, as a deployment creates them) and their
 * members. At open the table follows the definition: new groups are added, changed ones updated,
 * and groups no longer defined are deleted with their memberships, as CloudFormation deletes them.
 * Members are users: deleting a user deletes their memberships.
 */
export function createGroupStore(db: SqliteDatabase, clock: Clock, defined: readonly UserPoolGroup[]): GroupStore {
  db.exec(`CREATE TABLE IF NOT EXISTS cognito_groups (
    group_name TEXT PRIMARY KEY,
    description TEXT,
    precedence INTEGER,
    role_arn TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  )`);
  db.exec(`CREATE TABLE IF NOT EXISTS cognito_group_members (
    group_name TEXT NOT NULL REFERENCES cognito_groups(group_name) ON DELETE CASCADE,
    sub TEXT NOT NULL REFERENCES cognito_users(sub) ON DELETE CASCADE,
    added_at INTEGER NOT NULL,
    PRIMARY KEY (group_name, sub)
  )`);
  const all = db.prepare('SELECT * FROM cognito_groups ORDER BY group_name');
  const byName = db.prepare('SELECT * FROM cognito_groups WHERE group_name = ?');
  const ofMember = db.prepare(
    'SELECT g.* FROM cognito_groups g JOIN cognito_group_members m ON m.group_name = g.group_name WHERE m.sub = ? ORDER BY g.group_name',
  );
  const insertMember = db.prepare('INSERT OR IGNORE INTO cognito_group_members (group_name, sub, added_at) VALUES (?, ?, ?)');
  const deleteMember = db.prepare('DELETE FROM cognito_group_members WHERE group_name = ? AND sub = ?');

  const upsert = db.prepare(
    `INSERT INTO cognito_groups (group_name, description, precedence, role_arn, created_at, updated_at) VALUES (@name, @description, @precedence, @roleArn, @now, @now)
     ON CONFLICT (group_name) DO UPDATE SET description = @description, precedence = @precedence, role_arn = @roleArn, updated_at = @now
     WHERE description IS NOT @description OR precedence IS NOT @precedence OR role_arn IS NOT @roleArn`,
  );
  const deleteGroup = db.prepare('DELETE FROM cognito_groups WHERE group_name = ?');
  db.transaction(() => {
    const now = clock.now().getTime();
    const names = new Set(defined.map((group) => group.groupName));
    for (const group of defined) {
      upsert.run({ name: group.groupName, description: group.description ?? null, precedence: group.precedence ?? null, roleArn: group.roleArn ?? null, now });
    }
    for (const row of all.all() as GroupRow[]) if (!names.has(row.group_name)) deleteGroup.run(row.group_name);
  })();

  return {
    list: () => (all.all() as GroupRow[]).map(toGroup),
    find(groupName) {
      const row = byName.get(groupName) as GroupRow | undefined;
      return row && toGroup(row);
    },
    groupsOf: (sub) => (ofMember.all(sub) as GroupRow[]).map(toGroup),
    addMember(groupName, sub) {
      insertMember.run(groupName, sub, clock.now().getTime());
    },
    removeMember(groupName, sub) {
      deleteMember.run(groupName, sub);
    },
  };
}
