import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { initialLink, nextLink, type Link, type LinkEvent } from './link-status';

const fields = ['onCreateResult', 'onUpdateResult', 'onDeleteResult'];
const ack = (field: string): LinkEvent => ({ type: 'subscription-ack', field });
const connection = (state: Extract<LinkEvent, { type: 'connection' }>['state']): LinkEvent => ({ type: 'connection', state });

function run(events: LinkEvent[], from: Link = initialLink()) {
  let link = from;
  const resyncs: number[] = [];
  events.forEach((event, index) => {
    const step = nextLink(link, event, fields);
    link = step.link;
    if (step.resync) resyncs.push(index);
  });
  return { link, resyncs };
}

const liveEvents = [connection('Connecting'), ack('onCreateResult'), connection('Connected'), ack('onUpdateResult'), ack('onDeleteResult')];

describe('nextLink', () => {
  it('is live, and resyncs once, when all three subscriptions are acknowledged', () => {
    const { link, resyncs } = run(liveEvents);
    assert.equal(link.status, 'live');
    assert.deepEqual(resyncs, [4]);
  });

  it('stays connecting while a subscription is unacknowledged', () => {
    const { link, resyncs } = run(liveEvents.slice(0, 4));
    assert.equal(link.status, 'connecting');
    assert.deepEqual(resyncs, []);
  });

  it('ignores acknowledgements of other subscriptions', () => {
    const { link } = run([ack('onCreateExam'), ack('onUpdateExam'), ack('onDeleteExam')]);
    assert.equal(link.status, 'connecting');
  });

  it('becomes live on an already open socket from acknowledgements alone', () => {
    const { link, resyncs } = run(fields.map(ack));
    assert.equal(link.status, 'live');
    assert.deepEqual(resyncs, [2]);
  });

  it('reconnects after the socket is lost and resyncs only when every subscription is back', () => {
    const live = run(liveEvents).link;
    const lost = run([connection('ConnectionDisrupted'), connection('Connecting')], live);
    assert.equal(lost.link.status, 'reconnecting');
    const partly = run([ack('onCreateResult'), connection('Connected'), ack('onUpdateResult')], lost.link);
    assert.equal(partly.link.status, 'reconnecting');
    assert.deepEqual(partly.resyncs, []);
    const back = run([ack('onDeleteResult')], partly.link);
    assert.equal(back.link.status, 'live');
    assert.deepEqual(back.resyncs, [0]);
  });

  it('shows a socket in doubt as reconnecting and resyncs when it is healthy again', () => {
    const live = run(liveEvents).link;
    const doubt = run([connection('ConnectedPendingKeepAlive')], live);
    assert.equal(doubt.link.status, 'reconnecting');
    const healthy = run([connection('Connected')], doubt.link);
    assert.equal(healthy.link.status, 'live');
    assert.deepEqual(healthy.resyncs, [0]);
  });

  it('needs fresh acknowledgements after the network drops the socket', () => {
    const live = run(liveEvents).link;
    const { link, resyncs } = run([connection('ConnectionDisruptedPendingNetwork'), connection('Connected')], live);
    assert.equal(link.status, 'reconnecting');
    assert.deepEqual(resyncs, []);
  });
});
