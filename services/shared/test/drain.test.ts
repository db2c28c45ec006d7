import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createHttpServer } from '../http/server.js';
import { createLogger } from '../log.js';

const quiet = createLogger('test', 'error', {}, () => undefined);

async function startServer() {
  const app = createHttpServer({ log: quiet });
  app.get('/hello', async () => ({ hello: 'world' }));
  await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, port: (app.server.address() as AddressInfo).port };
}

/** A raw TCP client, so the test decides when the request is written. */
function open(port: number): Promise<{ socket: Socket; received: Promise<string> }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.on('data', (d) => void (text += d.toString()));
    const received = new Promise<string>((done) => {
      socket.on('close', () => done(text));
      socket.on('error', () => undefined);
    });
    socket.once('connect', () => resolve({ socket, received }));
    socket.once('error', reject);
  });
}

const GET = 'GET /hello HTTP/1.1\r\nHost: app\r\n\r\n';

test('a connection accepted just before the stop is served, answered with Connection: close', async () => {
  const { app, port } = await startServer();
  const accepted = new Promise((r) => app.server.once('connection', r));
  const client = await open(port);
  await accepted;
  const closed = app.close();
  client.socket.write(GET);
  const answer = await client.received;
  await closed;
  assert.match(answer, /^HTTP\/1\.1 200 OK\r\n/);
  assert.match(answer, /\r\nconnection: close\r\n/i);
  assert.match(answer, /"hello":"world"/);
});

test('on stop an idle served keep-alive connection closes at once, a silent one after the grace', async () => {
  const { app, port } = await startServer();
  const served = await open(port);
  served.socket.write(GET);
  await new Promise((r) => served.socket.once('data', r));
  const accepted = new Promise((r) => app.server.once('connection', r));
  const silent = await open(port);
  await accepted;
  const order: string[] = [];
  let stopped = false;
  const closed = app.close().then(() => void (stopped = true));
  // Node's own close() waits for a silent connection forever (its header timeout stops with it).
  const stillWaiting = new Promise((r) => setTimeout(r, 10_000).unref()).then(() => order.push('still waiting after 10 s'));
  await Promise.race([
    Promise.all([
      served.received.then(() => order.push('served connection closed')),
      silent.received.then((text) => order.push(`silent connection closed${text ? ' with an answer' : ''}`)),
      closed,
    ]),
    stillWaiting,
  ]);
  app.server.closeAllConnections();
  assert.equal(order, ['served connection closed', 'silent connection closed']);
  assert.ok(stopped);
});

test.run();
