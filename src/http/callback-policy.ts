/**
 * Where completion callbacks may go. A caller-supplied URL is an invitation to make the worker send requests on the
 * caller's behalf, so a callback must match an origin the operator allow-listed, must not carry credentials, and
 * must not reach a private, loopback, link-local or metadata address unless the operator allowed that network.
 * Addresses are checked on the literal in the URL and again on every address DNS gives for each connection
 * (webhook.ts), so a name that resolves somewhere else later gains nothing.
 */
import { BlockList, isIP } from 'node:net';

/** The operator's callback settings (config: BULKFLOW_CALLBACK_ORIGINS, BULKFLOW_CALLBACK_ALLOWED_NETWORKS). */
export interface CallbackPolicy {
  /** Origins (`https://hooks.example.com`, `https://host:8443`) callbacks may go to; empty: no callbacks at all. */
  readonly origins: readonly string[];
  /** CIDR ranges that are reachable although private (e.g. `10.20.0.0/16` for an internal receiver). */
  readonly allowedNetworks: readonly string[];
}

export const NO_CALLBACKS: CallbackPolicy = { origins: [], allowedNetworks: [] };

/** Ranges that are not the public internet: RFC 1918, loopback, link-local (cloud metadata), CGNAT, ULA, … */
const NON_PUBLIC_V4 = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const;
const NON_PUBLIC_V6 = [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const;

const NON_PUBLIC = new BlockList();
for (const [net, prefix] of NON_PUBLIC_V4) NON_PUBLIC.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of NON_PUBLIC_V6) NON_PUBLIC.addSubnet(net, prefix, 'ipv6');

/** `::ffff:10.0.0.1` and the like: the IPv4 address they carry, else `address` itself. */
function unmapped(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  return mapped?.[1] ?? address;
}

function familyOf(address: string): 'ipv4' | 'ipv6' {
  return isIP(address) === 4 ? 'ipv4' : 'ipv6';
}

/** The allowed networks as a BlockList. Thrown when an entry is not `address/prefix`: Error naming it. */
export function allowedNetworksOf(cidrs: readonly string[]): BlockList {
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [net = '', prefix = ''] = cidr.split('/');
    if (isIP(net) === 0 || !/^\d{1,3}$/.test(prefix)) throw new Error(`not a CIDR range: ${cidr}`);
    list.addSubnet(net, Number(prefix), familyOf(net));
  }
  return list;
}

/** Why a connection to `address` is refused under `policy`, or `undefined` when it may go ahead. */
export function addressRefusal(address: string, policy: CallbackPolicy): string | undefined {
  const ip = unmapped(address);
  if (isIP(ip) === 0) return 'not an IP address';
  if (!NON_PUBLIC.check(ip, familyOf(ip))) return undefined;
  if (allowedNetworksOf(policy.allowedNetworks).check(ip, familyOf(ip))) return undefined;
  return 'a private, loopback, link-local or metadata address';
}

/** Why `raw` cannot be a callback URL under `policy` (never quoting the URL), or `undefined` when it can. */
export function callbackRefusal(raw: string, policy: CallbackPolicy): string | undefined {
  if (!URL.canParse(raw)) return 'not a URL';
  const url = new URL(raw);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be an http(s) URL';
  if (url.username || url.password) return 'must not carry credentials';
  if (policy.origins.length === 0) return 'callbacks are not enabled here (no callback origins are configured)';
  if (!policy.origins.includes(url.origin)) return `${url.origin} is not an allowed callback origin`;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return isIP(host) === 0 ? undefined : addressRefusal(host, policy);
}
