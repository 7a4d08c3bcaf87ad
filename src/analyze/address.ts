/** IP address arithmetic for the environment search: parsing, networks, members and neighbours. */
import { parseIpv4 } from "../evaluate/address.js";

export type Family = 4 | 6;

export interface Address {
  readonly family: Family;
  readonly value: bigint;
}

/** A network as `isInNet(ip, pattern, mask)` or `isInNetEx(ip, "a/n")` describes it. */
export interface Network {
  readonly family: Family;
  /** The pattern with the mask applied, as isInNet compares it. */
  readonly base: bigint;
  readonly mask: bigint;
  /** `10.20.0.0/16`, or `10.20.0.0 mask 255.0.255.0` for a non-contiguous mask. */
  readonly text: string;
}

export function parseIpv6(text: string): bigint | undefined {
  if (!text.includes(":") || /[^0-9a-fA-F:.]/.test(text)) return undefined;
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const groups = (part: string | undefined): number[] | undefined => {
    if (part === undefined || part === "") return [];
    const out: number[] = [];
    const pieces = part.split(":");
    for (const [index, piece] of pieces.entries()) {
      if (index === pieces.length - 1 && piece.includes(".")) {
        const v4 = parseIpv4(piece);
        if (v4 === undefined) return undefined;
        out.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
      } else if (/^[0-9a-fA-F]{1,4}$/.test(piece)) out.push(parseInt(piece, 16));
      else return undefined;
    }
    return out;
  };
  const head = groups(halves[0]);
  const tail = groups(halves[1]);
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const all = [...head, ...new Array<number>(halves.length === 1 ? 0 : missing).fill(0), ...tail];
  return all.reduce((acc, group) => (acc << 16n) | BigInt(group), 0n);
}

export function parseAddress(text: string): Address | undefined {
  const v4 = parseIpv4(text);
  if (v4 !== undefined) return { family: 4, value: v4 };
  const v6 = parseIpv6(text);
  return v6 === undefined ? undefined : { family: 6, value: v6 };
}

const bits = (family: Family): bigint => (family === 4 ? 32n : 128n);
/** The highest address of a family, every bit set. */
export const allOnes = (family: Family): bigint => (1n << bits(family)) - 1n;

function prefixMask(family: Family, length: number): bigint {
  return allOnes(family) ^ ((1n << (bits(family) - BigInt(length))) - 1n);
}

/** The prefix length of a contiguous mask, or undefined for masks like 255.0.255.0. */
function prefixLength(family: Family, mask: bigint): number | undefined {
  const inverted = allOnes(family) ^ mask;
  return (inverted & (inverted + 1n)) === 0n ? Number(bits(family)) - inverted.toString(2).replace(/^0+/, "").length : undefined;
}

export function formatAddress(address: Address): string {
  if (address.family === 4) {
    const v = address.value;
    return [24n, 16n, 8n, 0n].map((shift) => String((v >> shift) & 255n)).join(".");
  }
  const groups = Array.from({ length: 8 }, (_, i) => Number((address.value >> BigInt(112 - 16 * i)) & 0xffffn));
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) [bestStart, bestLength] = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart === -1) return hex.join(":");
  return `${hex.slice(0, bestStart).join(":")}::${hex.slice(bestStart + bestLength).join(":")}`;
}

/** isInNet's network: pattern and mask must both be dotted IPv4 (research §4). */
export function networkFromMask(pattern: string, mask: string): Network | undefined {
  const base = parseIpv4(pattern);
  const maskValue = parseIpv4(mask);
  if (base === undefined || maskValue === undefined) return undefined;
  const length = prefixLength(4, maskValue);
  const masked = base & maskValue;
  const text = length === undefined ? `${pattern} mask ${mask}` : `${formatAddress({ family: 4, value: masked })}/${length}`;
  return { family: 4, base: masked, mask: maskValue, text };
}

/** isInNetEx's network: `address/length`, IPv4 or IPv6 (research §2.2). */
export function networkFromCidr(cidr: string): Network | undefined {
  const slash = cidr.indexOf("/");
  if (slash === -1) return undefined;
  const address = parseAddress(cidr.slice(0, slash));
  const lengthText = cidr.slice(slash + 1);
  if (!address || !/^\d{1,3}$/.test(lengthText)) return undefined;
  const length = Number(lengthText);
  if (length > Number(bits(address.family))) return undefined;
  const mask = prefixMask(address.family, length);
  const base = address.value & mask;
  return { family: address.family, base, mask, text: `${formatAddress({ family: address.family, value: base })}/${length}` };
}

export function inNetwork(network: Network, address: Address): boolean {
  return address.family === network.family && (address.value & network.mask) === network.base;
}

/** Whether the network's mask is a prefix (255.255.0.0), so that its addresses form one interval; 255.0.255.0 is not. */
export function isPrefix(network: Network): boolean {
  return prefixLength(network.family, network.mask) !== undefined;
}

/** The network's last address: its base with every host bit set. */
export function lastAddress(network: Network): bigint {
  return network.base | (allOnes(network.family) ^ network.mask);
}

/** A member of the network that reads like a host: the first address after the network address. */
export function memberOf(network: Network): Address {
  const hostBits = allOnes(network.family) ^ network.mask;
  const first = network.base | (hostBits === 0n ? 0n : hostBits & 1n);
  return { family: network.family, value: first };
}

/**
 * An address just outside the network: the first host after its last address. For a /16 at
 * 10.20.0.0 that is 10.21.0.1. Undefined when the network ends the address space.
 */
export function neighbourOf(network: Network): Address | undefined {
  const next = lastAddress(network) + 2n;
  if (next > allOnes(network.family)) return undefined;
  const address: Address = { family: network.family, value: next };
  return inNetwork(network, address) ? undefined : address;
}
