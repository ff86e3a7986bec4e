/**
 * What `pnpm dev` gives each app: where amplify_outputs.json is and, for the teacher app, where the
 * student app answers (its "Open student page" links and QR codes), unless STUDENT_APP_URL is set.
 */
export function appEnvironment(app: 'teacher' | 'student', outputsPath: string, studentPort: number, inherited: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const env: Record<string, string> = { AMPLIFY_OUTPUTS: outputsPath, NEXT_TELEMETRY_DISABLED: '1' };
  if (app === 'teacher') env['STUDENT_APP_URL'] = inherited['STUDENT_APP_URL'] ?? `http://localhost:${studentPort}`;
  return env;
}
