// `npm run sandbox`: a local Tallyfy stand-in for trying the extension by hand.
// Port: TALLYFY_SANDBOX_PORT (default 8765). Token: TALLYFY_SANDBOX_TOKEN (default below, stable
// across runs so the saved token keeps working).
import { startSandbox } from './server';

const DEFAULT_PORT = 8765;
const DEFAULT_TOKEN = 'sandbox-token-for-local-testing-only';

async function main(): Promise<void> {
  const portText = process.env['TALLYFY_SANDBOX_PORT'];
  const port = portText === undefined || portText === '' ? DEFAULT_PORT : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`TALLYFY_SANDBOX_PORT must be a port number, not "${portText ?? ''}".`);
  }
  const sandbox = await startSandbox({
    port,
    token: process.env['TALLYFY_SANDBOX_TOKEN'] || DEFAULT_TOKEN,
    demoTasks: true,
  });
  console.log(`Tallyfy sandbox listening on ${sandbox.url}`);
  console.log('');
  console.log('Settings (settings.json):');
  console.log(`  "tallyfy.apiBaseUrl": "${sandbox.url}",`);
  console.log(`  "tallyfy.organizationId": "${sandbox.orgId}"`);
  console.log('');
  console.log(`Token to paste when signing in: ${sandbox.token}`);
  console.log(`Signed-in user: ${sandbox.seed.user.full_name} (id ${sandbox.seed.user.id})`);
  console.log(`Control: ${sandbox.controlUrl} (faults, requests, tasks, runs, comments, form field values, config, reset)`);
  console.log('Press Ctrl+C to stop.');

  const stop = (): void => {
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
