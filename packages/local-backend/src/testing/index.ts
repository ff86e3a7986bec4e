export { callAws, type AwsJsonResponse } from './aws-json';
export { guestCredentials, realtimeAuthorization, signedGraphqlHeaders, type AwsCredentials } from './credentials';
export { postGraphql, type GraphqlResponse } from './graphql-http';
export { ManualClock } from './manual-clock';
export { headerSubprotocol, RawRealtimeClient, startMessage, type ServerMessage } from './realtime-client';
export { signInUser, type SignedInUser } from './sign-in';
export { startTempBackend, type ChildProcessBackend, type TempBackend, type TestOutputs } from './temp-backend';
export { Recording, waitFor, type Watched } from './wait-for';
