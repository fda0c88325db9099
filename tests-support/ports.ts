import { createServer, type AddressInfo } from 'node:net';

/** A local port nothing listens on now: bound once by the OS, then released (for a server to take, or to prove "unreachable"). */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
