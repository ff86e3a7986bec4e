export { callAws } from './aws-json';
export { guestCredentials, realtimeAuthorization, signedGraphqlHeaders, type AwsCredentials } from './credentials';
export { postGraphql } from './graphql-http';
export { ManualClock } from './manual-clock';
export { headerSubprotocol, RawRealtimeClient, startMessage } from './realtime-client';
export { signInUser, type SignedInUser } from './sign-in';
export { recordSubscriptionAcks } from './subscription-acks';
export { startTempBackend, type TempBackend, type TestOutputs } from './temp-backend';
export { Recording, waitFor } from './wait-for';
