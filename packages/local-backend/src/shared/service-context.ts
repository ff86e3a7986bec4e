import type { Clock } from './clock';
import type { RequestObservers } from './observers';
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
  /** Told of each request (the console's requests monitor). */
  observers?: RequestObservers;
}
