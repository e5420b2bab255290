import { dict, isServiceEntry, list, specOf } from "./lib/objects";
import type { ObjectRule } from "./rule";

export interface ServiceEntryAddressesConfig {
  /** The mesh allocates addresses to ServiceEntries (DNS capture with auto-allocation on). */
  addressesAutoAllocated: boolean;
}

/**
 * istioctl IST0134: a sidecar tells TCP connections apart only by destination address and port.
 * A ServiceEntry with a TCP port (or one of no protocol, which Istio treats as TCP) and no
 * addresses claims that port for every destination, unless the mesh allocates addresses itself
 * or the ServiceEntry's status shows it was given some.
 */
export const serviceEntryAddresses: ObjectRule<ServiceEntryAddressesConfig> = {
  scope: "object",
  name: "service-entry-addresses",
  description:
    "A ServiceEntry with a TCP port (or a port without a protocol) needs addresses (istioctl IST0134): a sidecar tells TCP " +
    "connections apart by address only, and without one the entry claims that port for every destination. Allocated addresses " +
    "(status.addresses, or the mesh's DNS auto-allocation, a threshold) count; the mesh config itself is not among the objects.",
  enforcementLevel: "mandatory",
  thresholds: {
    addressesAutoAllocated: {
      type: "boolean",
      default: false,
      description: "Whether the mesh allocates ServiceEntry addresses itself (ISTIO_META_DNS_CAPTURE with DNS auto-allocation).",
    },
  },
  check(object, config) {
    if (!isServiceEntry(object) || config.addressesAutoAllocated) {
      return [];
    }
    const spec = specOf(object);
    if (list(spec.addresses).length > 0 || list(dict(object.status).addresses).length > 0) {
      return [];
    }
    return list(spec.ports).flatMap((entry, i) => {
      const port = dict(entry);
      const protocol = typeof port.protocol === "string" ? port.protocol : "";
      if (protocol !== "" && protocol.toUpperCase() !== "TCP") {
        return [];
      }
      const number = typeof port.number === "number" ? ` ${port.number}` : "";
      return [
        `ports[${i}] is TCP${protocol === "" ? " (no protocol)" : ""} on port${number} and the entry has no addresses: its sidecars claim that port for every destination (IST0134)`,
      ];
    });
  },
};
