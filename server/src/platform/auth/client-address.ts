import net from 'node:net';

/**
 * The client a throttle counts by: an IPv4 address (also when it arrives IPv4-mapped, as on a
 * dual-stack socket), or the /64 of an IPv6 address, since one subscriber is handed a whole /64
 * and could otherwise take a fresh address for every guess.
 */
export function clientAddress(ip: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped) return mapped[1]!;
  const bare = ip.split('%')[0]!; // an IPv6 zone id names the interface, not the client
  if (!net.isIPv6(bare)) return ip;
  return `${expandIPv6(bare).slice(0, 4).join(':')}::/64`;
}

/** "2001:db8::1" → ["2001", "db8", "0", "0", "0", "0", "0", "1"] (a trailing dotted quad becomes two groups). */
function expandIPv6(ip: string): string[] {
  let addr = ip;
  const quad = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(addr);
  if (quad) {
    const [a, b, c, d] = quad.slice(1).map(Number) as [number, number, number, number];
    addr = `${addr.slice(0, quad.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = addr.split('::') as [string, string | undefined];
  const groups = (s: string) => (s ? s.split(':') : []);
  const all = tail === undefined ? groups(head) : [...groups(head), ...Array<string>(8 - groups(head).length - groups(tail).length).fill('0'), ...groups(tail)];
  return all.map((g) => parseInt(g, 16).toString(16));
}
