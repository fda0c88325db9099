import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { AppError } from '../../src-shared/errors';
import { LOOPBACK_HOSTS } from './subscription-input';

/** Every address `hostname` resolves to. Injected so tests can say what DNS answers; the relay uses the system's. */
export type ResolveHost = (hostname: string) => Promise<string[]>;

/** getaddrinfo, as the connection itself would resolve (hosts file included). */
export const systemResolver: ResolveHost = async (hostname) => (await lookup(hostname, { all: true, verbatim: true })).map((answer) => answer.address);

/** A receiver the relay will not send to: `reason` says which address broke which rule. */
export class ReceiverRefused extends AppError {
  constructor(readonly reason: string) {
    super('validation', `url: ${reason}; webhooks go only to public addresses`, 'url');
    this.name = 'ReceiverRefused';
  }
}

/** Names that are a cloud's instance metadata service wherever they resolve: it hands out credentials. */
const METADATA_HOSTS: ReadonlySet<string> = new Set(['metadata.google.internal']);
const METADATA_ADDRESSES: ReadonlySet<string> = new Set(['169.254.169.254', 'fd00:ec2::254'].map((address) => ipaddr.process(address).toNormalizedString()));

/** What each of ipaddr.js' ranges is called in a refusal; only `unicast` (public) is allowed. */
const RULES: Readonly<Record<string, string>> = {
  private: 'a private network (RFC 1918) address',
  uniqueLocal: 'a unique local (fc00::/7) address',
  loopback: 'a loopback address',
  linkLocal: 'a link-local (169.254.0.0/16, fe80::/10) address',
  unspecified: 'the unspecified address',
  multicast: 'a multicast address',
  broadcast: 'the broadcast address',
  carrierGradeNat: 'a carrier-grade NAT (100.64.0.0/10) address',
};

/**
 * Why `address` may not receive webhooks, or null. IPv4-mapped IPv6 (`::ffff:10.0.0.5`) is judged
 * as the IPv4 address it reaches. Loopback is allowed only where the URL itself names this machine
 * (the localhost rule of subscription-input.ts).
 */
export function refusalOf(address: string, loopbackAllowed: boolean): string | null {
  const parsed = ipaddr.process(address);
  if (METADATA_ADDRESSES.has(parsed.toNormalizedString())) return 'a cloud metadata service address';
  const range = parsed.range();
  if (range === 'unicast' || (range === 'loopback' && loopbackAllowed)) return null;
  return RULES[range] ?? `a reserved, special-purpose address (${range})`;
}

/**
 * The addresses a receiver's URL may be sent to, every one checked: a name is resolved and all its
 * answers must pass, so one private answer among public ones cannot slip through. The URL parser
 * has already turned decimal, octal and hex spellings (`https://2852039166/`) into dotted form.
 */
export async function checkReceiver(url: string, resolve: ResolveHost): Promise<string[]> {
  const { hostname } = new URL(url);
  const host = hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (METADATA_HOSTS.has(host)) throw new ReceiverRefused(`${host} is a cloud metadata service`);
  const loopbackAllowed = LOOPBACK_HOSTS.has(hostname);
  if (isIP(host)) {
    const refusal = refusalOf(host, loopbackAllowed);
    if (refusal) throw new ReceiverRefused(`${host} is ${refusal}`);
    return [host];
  }
  let addresses: string[];
  try {
    addresses = await resolve(host);
  } catch {
    throw new ReceiverRefused(`${host} does not resolve`);
  }
  if (addresses.length === 0) throw new ReceiverRefused(`${host} does not resolve`);
  for (const address of addresses) {
    const refusal = isIP(address) ? refusalOf(address, loopbackAllowed) : 'not an IP address';
    if (refusal) throw new ReceiverRefused(`${host} resolves to ${address}, ${refusal}`);
  }
  return addresses;
}
