import { createRequire } from 'node:module';
import type appsyncPlugin from '@aws-appsync/eslint-plugin';
import type * as eslint from 'eslint';
import type { Linter } from 'eslint';
import { ResolverCodeError } from './control-flow';

interface AppSyncLinter {
  linter: Linter;
  config: Linter.Config[];
}

let appSyncLinter: AppSyncLinter | undefined;

/**
 * ESLint and the plugin take about a second to load (several on a busy machine), and most
 * importers of this package (every local-backend test file) never load resolver code: they are
 * required the first time code is checked, synchronously, so `loadResolverCode` stays synchronous.
 */
function getAppSyncLinter(): AppSyncLinter {
  if (appSyncLinter) return appSyncLinter;
  const require = createRequire(import.meta.url);
  const { Linter: LinterClass } = require('eslint') as typeof eslint;
  const appsync = require('@aws-appsync/eslint-plugin') as typeof appsyncPlugin;
  const base = appsync.configs?.['base'] as Linter.Config;
  appSyncLinter = {
    linter: new LinterClass({ configType: 'flat' }),
    config: [{ ...base, languageOptions: { ...base.languageOptions, sourceType: 'module' } }],
  };
  return appSyncLinter;
}

/**
 * Refuses code that uses what the APPSYNC_JS runtime does not support (try/catch, classes,
 * while loops, regex literals, `++`, ...), as AppSync refuses it when the resolver is
 * deployed: the rules are those of `@aws-appsync/eslint-plugin`'s base set.
 */
export function validateAppSyncCode(code: string, source: string): void {
  const { linter, config } = getAppSyncLinter();
  // The linter picks its configuration by file name; resolver code is JavaScript whatever its name.
  const problems = linter.verify(code, config, `${source}.js`);
  const errors = problems.filter((problem) => problem.severity === 2);
  if (errors.length === 0) return;
  const detail = errors.map((problem) => `${problem.message} (line ${problem.line}, column ${problem.column})`).join('; ');
  throw new ResolverCodeError(`The code of ${source} contains one or more errors: ${detail}`);
}
