import appsync from '@aws-appsync/eslint-plugin';
import { Linter } from 'eslint';
import { ResolverCodeError } from './control-flow';

const linter = new Linter({ configType: 'flat' });
const base = appsync.configs?.['base'] as Linter.Config;
const config: Linter.Config[] = [{ ...base, languageOptions: { ...base.languageOptions, sourceType: 'module' } }];

/**
 * Refuses code that uses what the APPSYNC_JS runtime does not support (try/catch, classes,
 * while loops, regex literals, `++`, ...), as AppSync refuses it when the resolver is
 * deployed: the rules are those of `@aws-appsync/eslint-plugin`'s base set.
 */
export function validateAppSyncCode(code: string, source: string): void {
  // The linter picks its configuration by file name; resolver code is JavaScript whatever its name.
  const problems = linter.verify(code, config, `${source}.js`);
  const errors = problems.filter((problem) => problem.severity === 2);
  if (errors.length === 0) return;
  const detail = errors.map((problem) => `${problem.message} (line ${problem.line}, column ${problem.column})`).join('; ');
  throw new ResolverCodeError(`The code of ${source} contains one or more errors: ${detail}`);
}
