export { ManualClock } from './manual-clock';
export { signInTeacher, type AwsCredentials, type TestTeacher } from './signed-in-teacher';
export { startTempBackend } from './temp-backend';
export { waitFor } from './wait-for';
