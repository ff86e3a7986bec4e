export { ManualClock } from './manual-clock';
export { signInTeacher, type AwsCredentials, type TestTeacher } from './signed-in-teacher';
export { startTempBackend, type TempBackend } from './temp-backend';
export { waitFor } from './wait-for';
