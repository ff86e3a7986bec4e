import { randomBytes } from 'node:crypto';
import type { AppSync } from '../appsync';
import type { ServiceContext } from '../shared/service-context';
import type { UserPool } from '../user-pool';
import type { PasswordPolicy } from '../user-pool/password-policy';
import { createDataBrowser } from './data-browser';
import type { MonitorBus } from './monitor-bus';
import { createConsolePage } from './page';
import { createConsoleGuard } from './request-guard';
import { createConsoleHandler } from './routes';
import { createTeachers } from './teachers';

export { createMonitorBus, type MonitorBus, type MonitorEntry, type MonitorEvent, type RequestMonitor } from './monitor-bus';
export { tokenHeader } from './request-guard';
export { monitorObservers } from './decisions';

/**
 * The developer console at the backend's root URL: teachers, every model's items, and the
 * requests monitor fed by `monitor`. `currentAppSync` is read on every request, so a reload's
 * new API is browsed at once. A new token each start: only the page of this start drives it.
 */
export function createConsole(deps: {
  context: ServiceContext;
  monitor: MonitorBus;
  userPool: UserPool;
  passwordPolicy: PasswordPolicy;
  currentAppSync: () => AppSync;
}) {
  const token = randomBytes(32).toString('base64url');
  const page = createConsolePage(token);
  const { context, userPool } = deps;
  return {
    token,
    handleHttp: createConsoleHandler({
      guard: createConsoleGuard(token),
      teachers: createTeachers({ userPoolId: context.ids.userPoolId, ...userPool.console, passwordPolicy: deps.passwordPolicy }),
      data: createDataBrowser(context.db, context.clock, () => deps.currentAppSync().api),
      monitor: deps.monitor,
      realtimeStats: () => deps.currentAppSync().realtimeStats(),
      page,
    }),
  };
}
