/** The download tests' stand-in for every official host. */
import { type Hosts, OFFICIAL_HOSTS } from "../../lib/download/mod.ts";

/** Every host of {@linkcode Hosts} at `base` (a local server standing in for them all). */
export function hostsAt(base: string): Hosts {
  const hosts = Object.fromEntries(Object.keys(OFFICIAL_HOSTS).map((k) => [k, base]));
  return hosts as unknown as Hosts;
}
