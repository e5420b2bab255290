/**
 * The stack config rules of the mesh perimeter: every call names a declared service or external
 * API, every exposure a declared Gateway that serves its hosts, no public host and path is served
 * twice, and rate limits are buckets Envoy accepts.
 */
import type { z } from "zod";
import { hostsOverlap } from "../../policies/rules/lib/hosts";
import { durationMillis } from "../../policies/vocabulary/duration";
import { resolveServiceRef } from "./kubernetesValues";
import type { StackConfig } from "./schema";

type IssuePath = (string | number)[];

function issue(ctx: z.RefinementCtx, path: IssuePath, input: unknown, message: string): void {
  ctx.addIssue({ code: "custom", path, input, message });
}

/** Envoy refuses a token bucket filled more often than every 50 ms. */
const MIN_FILL_INTERVAL_MS = 50;

export function checkPerimeter(stack: StackConfig, ctx: z.RefinementCtx): void {
  checkGateways(stack, ctx);
  checkExternalApis(stack, ctx);
  checkCalls(stack, ctx);
  checkExposures(stack, ctx);
  checkRateLimits(stack, ctx);
}

function checkGateways(stack: StackConfig, ctx: z.RefinementCtx): void {
  const { gateways, enabled } = stack.istio.ingressGateway;
  if (gateways.length > 0 && !enabled) {
    issue(
      ctx,
      ["istio", "ingressGateway", "gateways"],
      gateways.map((g) => g.name),
      "needs istio.ingressGateway.enabled: true; no gateway would serve them",
    );
  }
  const seen = new Map<string, number>();
  const credentialOwner = new Map<string, string>();
  const hostOwners: { host: string; gateway: string }[] = [];
  gateways.forEach((gateway, i) => {
    const first = seen.get(gateway.name);
    if (first !== undefined) {
      issue(ctx, ["istio", "ingressGateway", "gateways", i, "name"], gateway.name, `is listed twice (also gateways[${first}])`);
    } else {
      seen.set(gateway.name, i);
    }
    const sharing = credentialOwner.get(gateway.credentialName);
    if (sharing !== undefined && sharing !== gateway.name) {
      issue(
        ctx,
        ["istio", "ingressGateway", "gateways", i, "credentialName"],
        gateway.credentialName,
        `is also gateway ${sharing}'s certificate: HTTP/2 clients reuse a connection across both Gateways' hosts and get 404 (istioctl IST0138); give each Gateway its own, or serve both host lists from one Gateway`,
      );
    }
    credentialOwner.set(gateway.credentialName, credentialOwner.get(gateway.credentialName) ?? gateway.name);
    gateway.hosts.forEach((host, j) => {
      const other = hostOwners.find((owner) => owner.gateway !== gateway.name && hostsOverlap(owner.host, host));
      if (other) {
        issue(
          ctx,
          ["istio", "ingressGateway", "gateways", i, "hosts", j],
          host,
          `is also served by gateway ${other.gateway} (${other.host}); a host is served by one Gateway`,
        );
      }
      hostOwners.push({ host, gateway: gateway.name });
    });
  });
}

/** Ports that carry TLS by convention (HTTPS, SMTPS, IMAPS, POP3S, LDAPS, AMQPS, MQTTS, the Kubernetes API). */
const TLS_PORTS = new Set([443, 465, 636, 993, 995, 5671, 6443, 8443, 8883, 9443]);
/** Ports of well-known protocols that are not HTTP (PostgreSQL, MySQL, Redis, MongoDB, Kafka, AMQP, SQL Server, Oracle, Memcached, ZooKeeper, Cassandra). */
const NON_HTTP_PORTS = new Set([1433, 1521, 2181, 3306, 5432, 5672, 6379, 9042, 9092, 11211, 27017]);
const HTTP_PROTOCOLS = new Set(["HTTP", "HTTP2", "GRPC"]);

/**
 * Why a port's protocol contradicts what the port carries, or undefined. The sidecar treats the
 * connection as the declared protocol: HTTP over a TLS port parses the TLS handshake as HTTP and
 * every call fails; TLS over port 80 expects a handshake that never comes.
 */
function portProtocolProblem(number: number, protocol: string): string | undefined {
  if (TLS_PORTS.has(number) && HTTP_PROTOCOLS.has(protocol)) {
    return `declares ${protocol} on port ${number}, which carries TLS: the sidecar would parse the TLS handshake as ${protocol} and every call would fail; declare HTTPS (or TLS)`;
  }
  if (number === 80 && (protocol === "HTTPS" || protocol === "TLS")) {
    return `declares ${protocol} on port 80, which carries plain HTTP: the sidecar would wait for a TLS handshake that never comes; declare HTTP, or the API's TLS port`;
  }
  if (NON_HTTP_PORTS.has(number) && HTTP_PROTOCOLS.has(protocol)) {
    return `declares ${protocol} on port ${number}, whose protocol is not HTTP: the sidecar would parse it as HTTP and break every connection; declare TCP (with addresses) or TLS`;
  }
  return undefined;
}

function checkExternalApis(stack: StackConfig, ctx: z.RefinementCtx): void {
  const seen = new Map<string, number>();
  const hostOwners = new Map<string, string>();
  stack.externalApis.forEach((api, i) => {
    api.ports.forEach((apiPort, j) => {
      const problem = portProtocolProblem(apiPort.number, apiPort.protocol);
      if (problem) {
        issue(ctx, ["externalApis", i, "ports", j, "protocol"], apiPort.protocol, problem);
      }
      if (apiPort.protocol === "TCP" && api.addresses === undefined) {
        issue(
          ctx,
          ["externalApis", i, "ports", j, "protocol"],
          apiPort.protocol,
          `needs externalApis[${i}].addresses: a sidecar tells TCP connections apart by address only, and without one this API would claim port ${apiPort.number} for every destination (istioctl IST0134); list its addresses, or declare TLS for TLS over TCP`,
        );
      }
    });
    const first = seen.get(api.name);
    if (first !== undefined) {
      issue(ctx, ["externalApis", i, "name"], api.name, `is listed twice (also externalApis[${first}])`);
    } else {
      seen.set(api.name, i);
    }
    api.hosts.forEach((host, j) => {
      const owner = hostOwners.get(host);
      if (owner === undefined) {
        hostOwners.set(host, api.name);
      } else if (owner !== api.name) {
        issue(ctx, ["externalApis", i, "hosts", j], host, `is also a host of external API ${owner}`);
      }
    });
  });
}

function checkCalls(stack: StackConfig, ctx: z.RefinementCtx): void {
  const services = new Set(stack.services.map((svc) => `${svc.namespace}/${svc.name}`));
  const apis = new Set(stack.externalApis.map((api) => api.name));
  stack.services.forEach((svc, i) => {
    svc.calls.services.forEach((ref, j) => {
      const target = resolveServiceRef(ref, svc.namespace);
      if (!services.has(`${target.namespace}/${target.name}`)) {
        issue(
          ctx,
          ["services", i, "calls", "services", j],
          ref,
          `is not a service under services (looked for ${target.name} in namespace ${target.namespace})`,
        );
      }
    });
    svc.calls.apis.forEach((name, j) => {
      if (!apis.has(name)) {
        issue(ctx, ["services", i, "calls", "apis", j], name, "is not an API under externalApis");
      }
    });
  });
}

/**
 * Each exposure names a Gateway that serves its hosts (istioctl IST0132 otherwise). A public host
 * and path are served once: two exposures of one host need path prefixes that do not overlap,
 * and at most one of them may be progressive, since Flagger binds a canaried service's hosts to
 * the mesh as well, where two VirtualServices for one host conflict (IST0109).
 */
function checkExposures(stack: StackConfig, ctx: z.RefinementCtx): void {
  const gateways = new Map(stack.istio.ingressGateway.gateways.map((g) => [g.name, g]));
  const served: { host: string; pathPrefix: string; service: number; progressive: boolean }[] = [];
  stack.services.forEach((svc, i) => {
    const expose = svc.expose;
    if (!expose) {
      return;
    }
    const gateway = gateways.get(expose.gateway);
    if (!gateway) {
      issue(ctx, ["services", i, "expose", "gateway"], expose.gateway, "is not a Gateway under istio.ingressGateway.gateways");
    }
    expose.hosts.forEach((host, j) => {
      const at = ["services", i, "expose", "hosts", j];
      if (gateway && !gateway.hosts.some((gatewayHost) => hostsOverlap(gatewayHost, host))) {
        issue(ctx, at, host, `is not served by gateway ${gateway.name} (${gateway.hosts.join(", ")})`);
      }
      const progressive = svc.delivery === "progressive";
      for (const other of served.filter((s) => s.host === host)) {
        const otherName = stack.services[other.service].name;
        if (other.pathPrefix.startsWith(expose.pathPrefix) || expose.pathPrefix.startsWith(other.pathPrefix)) {
          issue(
            ctx,
            at,
            host,
            `is already served under ${other.pathPrefix} by services[${other.service}] (${otherName}); path prefix ${expose.pathPrefix} overlaps it`,
          );
        } else if (progressive && other.progressive) {
          issue(
            ctx,
            at,
            host,
            `is already exposed by the progressive services[${other.service}] (${otherName}); Flagger binds each one's hosts to the mesh too, where one host takes one VirtualService`,
          );
        }
      }
      served.push({ host, pathPrefix: expose.pathPrefix, service: i, progressive });
    });
  });
}

function checkRateLimits(stack: StackConfig, ctx: z.RefinementCtx): void {
  stack.services.forEach((svc, i) => {
    const limit = svc.rateLimit;
    if (!limit) {
      return;
    }
    const fillMillis = durationMillis(limit.per);
    if (fillMillis !== undefined && fillMillis < MIN_FILL_INTERVAL_MS) {
      issue(
        ctx,
        ["services", i, "rateLimit", "per"],
        limit.per,
        `must be at least ${MIN_FILL_INTERVAL_MS}ms: Envoy refuses a faster token bucket`,
      );
    }
    if (limit.burst !== undefined && limit.burst < limit.requests) {
      issue(
        ctx,
        ["services", i, "rateLimit", "burst"],
        limit.burst,
        `must be at least requests (${limit.requests}): the bucket holds no more than a burst`,
      );
    }
  });
}
