export { createRealtimeEndpoint, type RealtimeEndpoint, type RealtimeOptions } from './realtime-endpoint';
