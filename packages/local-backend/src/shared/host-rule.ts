/**
 * Which names this backend answers to. It listens on 127.0.0.1 only, but a web page whose
 * hostname an attacker rebinds to 127.0.0.1 (DNS rebinding) reaches it with its own name
 * in `Host` and `Origin`: only loopback names, and the hosts the developer configures, are served.
 */
export interface HostRule {
  /** Whether a request with this `Host` header is served. */
  servesHost(host: string | undefined): boolean;
  /** Whether a page from this `Origin` may call the backend (CORS, WebSocket upgrades). */
  allowsOrigin(origin: string): boolean;
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** The hostname of a URL, lower case, or undefined when it is none. */
function hostnameOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

/** Loopback names (127.0.0.0/8, localhost, [::1], any port) and `extraHosts` (names, any port). */
export function createHostRule(extraHosts: readonly string[] = []): HostRule {
  const extra = new Set(extraHosts.map((host) => host.toLowerCase()));
  const allowed = (hostname: string | undefined) => hostname !== undefined && (isLoopback(hostname) || extra.has(hostname));
  return {
    servesHost: (host) => host !== undefined && !host.includes('/') && !host.includes('@') && allowed(hostnameOf(`http://${host}`)),
    allowsOrigin: (origin) => allowed(hostnameOf(origin)),
  };
}
