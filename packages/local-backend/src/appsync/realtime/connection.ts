import type { IncomingMessage } from 'node:http';
import { WebSocket, type RawData } from 'ws';
import { RequestAuthError } from '../authorize-request';
import type { GraphqlApi } from '../graphql-api';
import {
  ClientMessageType,
  CloseCode,
  MalformedMessageError,
  parseClientMessage,
  RealtimeLimits,
  serverMessages,
  type ClientMessage,
  type ProtocolError,
} from './protocol';
import { connectHeaders, requestedProtocols } from './subprotocols';
import type { Subscriber, SubscriptionHub } from './subscription-hub';
import { prepareSubscription, StartRefusedError, type StartDeps } from './subscription-start';
import { describeError } from '../../shared/values';
import type { RequestObservers } from '../../shared/observers';

interface ConnectionDeps extends StartDeps {
  api: StartDeps['api'] & Pick<GraphqlApi, 'authorizeRequest'>;
  observe?: RequestObservers['subscriptionStart'] | undefined;
  hub: SubscriptionHub;
  keepAliveIntervalMs: number;
  connectionInitTimeoutMs: number;
}

/** The states of one connection: waiting for `connection_init`, acknowledged, closed. */
const State = {
  AwaitingInit: 'awaiting_init',
  Ready: 'ready',
  Closed: 'closed',
} as const;
type State = (typeof State)[keyof typeof State];

// The size of a `data` frame around its payload, id aside.
const dataFrameOverhead = serverMessages.data('', '').length;

function frameText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return (Buffer.isBuffer(data) ? data : Buffer.from(data)).toString('utf8');
}

/** A close reason must fit in 123 bytes. */
function closeReason(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?').slice(0, 123);
}

function closeCodeFor(error: ProtocolError): number {
  if (error.errorCode === 401) return CloseCode.Unauthorized;
  if (error.errorCode === 403) return CloseCode.Forbidden;
  return CloseCode.BadRequest;
}

/**
 * Serves one real-time WebSocket: a state machine driven by the client's messages, one at
 * a time in the order they came (authorizing one may take a moment), and two timers
 * (connection_init deadline, keep-alive). Returns a function that closes it.
 */
export function serveConnection(socket: WebSocket, request: IncomingMessage, deps: ConnectionDeps): (code: number, reason: string) => void {
  let state: State = State.AwaitingInit;
  const subscriptions = new Map<string, Subscriber>();
  const host = request.headers.host ?? '127.0.0.1';
  const protocols = requestedProtocols(request.headers['sec-websocket-protocol']);
  let keepAlive: NodeJS.Timeout | undefined;
  const initDeadline = setTimeout(() => close(CloseCode.ConnectionInitTimeout, 'Connection initialisation timeout'), deps.connectionInitTimeoutMs);

  function send(frame: string): void {
    if (socket.readyState === WebSocket.OPEN) socket.send(frame);
  }

  function close(code: number, reason: string): void {
    if (state === State.Closed) return;
    release();
    socket.close(code, closeReason(reason));
  }

  function release(): void {
    state = State.Closed;
    clearTimeout(initDeadline);
    clearInterval(keepAlive);
    for (const subscriber of subscriptions.values()) deps.hub.remove(subscriber);
    subscriptions.clear();
  }

  /** Before `connection_ack` the client only understands `connection_error`. */
  function refuseConnection(error: ProtocolError): void {
    send(serverMessages.connectionError(error));
    close(closeCodeFor(error), error.message);
  }

  async function init(): Promise<void> {
    const headers = connectHeaders(protocols);
    if (headers.kind === 'invalid') {
      refuseConnection({ errorType: 'BadRequestException', message: headers.reason, errorCode: 400 });
      return;
    }
    try {
      await deps.api.authorizeRequest({
        method: 'POST',
        url: `http://${headers.kind === 'present' ? (headers.headers['host'] ?? host) : host}${deps.dataPath}/connect`,
        headers: headers.kind === 'present' ? headers.headers : {},
        body: '{}',
      });
    } catch (error) {
      if (!(error instanceof RequestAuthError)) throw error;
      refuseConnection({ errorType: error.errorType, message: error.message, errorCode: error.status });
      return;
    }
    // The connection_init deadline may have closed the socket meanwhile.
    if (state !== State.AwaitingInit) return;
    state = State.Ready;
    clearTimeout(initDeadline);
    send(serverMessages.connectionAck());
    send(serverMessages.keepAlive());
    keepAlive = setInterval(() => send(serverMessages.keepAlive()), deps.keepAliveIntervalMs);
  }

  async function start(id: string, payload: unknown, frameBytes: number): Promise<void> {
    if (subscriptions.has(id)) {
      send(serverMessages.error(id, [{ errorType: 'DuplicatedOperationError', message: `Duplicated operation with id ${id}` }]));
      return;
    }
    if (subscriptions.size >= RealtimeLimits.subscriptionsPerConnection) {
      send(serverMessages.error(id, [{ errorType: 'MaxSubscriptionsReachedError', message: `Max number of ${RealtimeLimits.subscriptionsPerConnection} subscriptions reached` }]));
      return;
    }
    if (frameBytes > RealtimeLimits.payloadBytes) {
      send(serverMessages.error(id, [{ errorType: 'BadRequestException', message: `The start message of ${frameBytes} bytes exceeds the limit of ${RealtimeLimits.payloadBytes} bytes` }]));
      return;
    }
    let subscriber: Subscriber;
    const startedAt = performance.now();
    try {
      const subscription = await prepareSubscription(deps, payload, host);
      subscriber = {
        subscription,
        deliver(payloadJson, payloadBytes) {
          const bytes = payloadBytes + Buffer.byteLength(id) + dataFrameOverhead;
          if (bytes > RealtimeLimits.payloadBytes) {
            stop(id, false);
            send(serverMessages.error(id, [{
              errorType: 'PayloadTooLargeException',
              message: `The event payload of ${bytes} bytes exceeds the limit of ${RealtimeLimits.payloadBytes} bytes; the subscription is stopped`,
            }]));
            return;
          }
          send(serverMessages.data(id, payloadJson));
        },
        // AppSync ends an invalidated subscription with `complete` (aws-amplify/amplify-js#9898).
        invalidate: () => stop(id, true),
      };
    } catch (error) {
      if (!(error instanceof StartRefusedError)) throw error;
      deps.observe?.({ payload, errorType: error.errors[0]?.errorType, decisions: error.decisions, latencyMs: performance.now() - startedAt });
      send(serverMessages.error(id, error.errors));
      return;
    }
    if (state !== State.Ready) return;
    subscriptions.set(id, subscriber);
    deps.hub.add(subscriber);
    const { caller, decisions } = subscriber.subscription;
    deps.observe?.({ payload, caller, decisions, latencyMs: performance.now() - startedAt });
    send(serverMessages.startAck(id));
  }

  function stop(id: string, acknowledge: boolean): void {
    const subscriber = subscriptions.get(id);
    if (subscriber) deps.hub.remove(subscriber);
    subscriptions.delete(id);
    if (acknowledge) send(serverMessages.complete(id));
  }

  async function handle(message: ClientMessage, frameBytes: number): Promise<void> {
    if (state === State.AwaitingInit) {
      if (message.type === ClientMessageType.ConnectionInit) await init();
      else refuseConnection({ errorType: 'BadRequestException', message: `Expected connection_init, got ${message.type === 'unknown' ? message.name : message.type}`, errorCode: 400 });
      return;
    }
    switch (message.type) {
      case ClientMessageType.ConnectionInit:
        close(CloseCode.TooManyInitialisationRequests, 'Too many initialisation requests');
        return;
      case ClientMessageType.Start:
        await start(message.id, message.payload, frameBytes);
        return;
      case ClientMessageType.Stop:
        stop(message.id, true);
        return;
      default:
        send(serverMessages.error(message.id, [{ errorType: 'UnsupportedOperation', message: `${message.name} not supported through the realtime channel` }]));
    }
  }

  async function receive(data: RawData, isBinary: boolean): Promise<void> {
    if (state === State.Closed) return;
    let message: ClientMessage;
    let frame = '';
    try {
      if (isBinary) throw new MalformedMessageError('Invalid message: binary frames are not supported');
      frame = frameText(data);
      message = parseClientMessage(frame);
    } catch (error) {
      if (!(error instanceof MalformedMessageError)) throw error;
      if (state === State.AwaitingInit) {
        refuseConnection({ errorType: 'BadRequestException', message: error.message, errorCode: 400 });
      } else {
        send(serverMessages.error(undefined, [{ errorType: 'BadRequestException', message: error.message }]));
        close(CloseCode.BadRequest, error.message);
      }
      return;
    }
    try {
      await handle(message, Buffer.byteLength(frame));
    } catch (error) {
      deps.log(`realtime: internal error on ${message.type}: ${describeError(error)}`);
      const id = 'id' in message ? message.id : undefined;
      send(serverMessages.error(id, [{ errorType: 'InternalFailure', message: 'An internal failure occurred.' }]));
    }
  }

  let received = Promise.resolve();
  socket.on('message', (data, isBinary) => {
    received = received.then(() => receive(data, isBinary)).catch((error: unknown) => deps.log(`realtime: internal error: ${describeError(error)}`));
  });
  socket.on('close', release);
  socket.on('error', (error) => deps.log(`realtime: socket error: ${error.message}`));

  return close;
}
