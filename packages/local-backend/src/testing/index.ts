export { callAws } from './aws-json';
export { guestCredentials, realtimeAuthorization, signedGraphqlHeaders, type AwsCredentials } from './credentials';
export { postGraphql } from './graphql-http';
export { ManualClock } from './manual-clock';
export { headerSubprotocol, RawRealtimeClient, startMessage } from './realtime-client';
export { signInUser, type SignedInUser } from './sign-in';
export { startTempBackend, type TempBackend, type TestOutputs } from './temp-backend';
export { Recording, waitFor } from './wait-for';
