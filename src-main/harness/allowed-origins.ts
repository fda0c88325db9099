/**
 * The page origins that may open the harness socket: the harness's own, as the address it listens
 * on and as `localhost`. Browsers always send Origin on a WebSocket handshake and a page cannot
 * forge it, so this is what stops any other site open in the same browser (or a DNS-rebinding name
 * that resolves to 127.0.0.1) from calling the contract as if it were a Recourse window.
 */
export function harnessOrigins(host: string, port: number): ReadonlySet<string> {
  const hosts = ['127.0.0.1', 'localhost'];
  // A wildcard bind address is not a name a page is served from.
  if (host !== '0.0.0.0' && host !== '::') hosts.push(host);
  return new Set(hosts.map((name) => new URL(`http://${name}:${port}`).origin));
}

/**
 * A missing Origin is refused too: every browser sends one, so only a non-browser client omits it,
 * and no such client of the harness exists (the e2e specs drive the real page). Allowing it would
 * open the contract to any process that can reach the port, which `--host` may make the network.
 */
export function isAllowedOrigin(origin: string | undefined, allowed: ReadonlySet<string>): boolean {
  if (!origin) return false;
  // URL.canParse first: an opaque origin ("null") or garbage is refused, not thrown.
  return URL.canParse(origin) && allowed.has(new URL(origin).origin);
}
