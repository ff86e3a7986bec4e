import type { RequestMonitor } from '../console/monitor-bus';
import type { Clock } from './clock';
import type { SqliteDatabase } from './database';
import type { PoolIds } from './pool-ids';

/** What every emulated service is made from: the install's state and where it is served. */
export interface ServiceContext {
  db: SqliteDatabase;
  clock: Clock;
  log(line: string): void;
  ids: PoolIds;
  /** Holds the database and the signing key. */
  dataDir: string;
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  /** The console's requests monitor, which the request paths tell of each request. */
  monitor?: RequestMonitor;
}
