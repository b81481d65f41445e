/**
 * The fake Bot Connector and the local token issuer in their own thread, so the connector counts arrivals on
 * its own event loop, as Teams would on its own servers, not when the benchmark's loop gets round to it.
 */
import { parentPort } from 'node:worker_threads';
import { startFakeConnector } from '../../packages/teams-bot/test/helpers/fake-connector.js';
import { startLocalIssuer } from '../../packages/teams-bot/test/helpers/issuer.js';

const port = parentPort;
if (!port) throw new Error('connector-worker.ts runs as a worker thread');
const { appId, appPassword } = (await new Promise((resolve) => port.once('message', resolve))) as {
  appId: string;
  appPassword: string;
};
const issuer = await startLocalIssuer({ appId, appPassword });
const connector = await startFakeConnector({ count: 'sent-at' });
connector.checkToken = async (token) => {
  if (!token) throw new Error('geen token');
  await issuer.verifyBotToken(token, 'https://api.botframework.com');
};
port.postMessage({
  type: 'ready',
  url: connector.url,
  authority: issuer.authority,
  tokenEndpoint: issuer.tokenEndpoint,
});
port.on('message', async (message: { type: string }) => {
  if (message.type === 'stats') {
    port.postMessage({
      type: 'stats',
      keys: connector.received.map(
        (item) =>
          (item.activity.channelData as { visieleren: { deliveryKey: string } }).visieleren.deliveryKey,
      ),
      throttled: connector.throttled,
      arrivals: connector.arrivals,
      throttledBy: connector.throttledBy,
      tokenFailures: connector.tokenFailures,
    });
  }
  if (message.type === 'close') {
    await connector.close();
    await issuer.close();
    port.close();
  }
});
