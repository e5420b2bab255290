/**
 * Where each progressive service's analysis traffic comes from, as the stack declares it (the
 * judgement is policies/rules/lib/analysisTraffic.ts, which the config validation applies too),
 * and what an operator should know: a load test the check cannot read, one that misses the canary
 * where users' requests reach it anyway, and a canary that relies on users nothing lets reach it.
 * plan prints the sources; render and plan warn; check reports the last as an advisory finding.
 */
import { uncalledServices } from "../../components/builders/callGraph";
import { analysisTraffic, type AnalysisTraffic } from "../../policies/rules/lib/analysisTraffic";
import { STRATEGY_NAMES } from "../../policies/vocabulary/canaryStrategies";
import { canaryTrafficFacts } from "../config/deliveryRules";
import type { ProgressiveServiceConfig, StackConfig } from "../config/schema";

export interface ServiceTraffic {
  service: ProgressiveServiceConfig;
  /** `services[<i>]` */
  key: string;
  traffic: AnalysisTraffic;
  /** Users' requests are its only source, and nothing may call it. */
  starved?: string;
}

function starvedMessage(service: ProgressiveServiceConfig): string {
  return (
    `its ${STRATEGY_NAMES[service.canary.strategy]} analysis counts on users' requests, with no load test that reaches the canary, but nothing may ` +
    `call it (it is not exposed and no service lists it under calls.services): every check would find no data and the rollout ` +
    `would be rolled back. Add a canary.loadTest against ${service.name}-canary.${service.namespace}:${service.port}, or a caller`
  );
}

export function stackAnalysisTraffic(config: StackConfig): ServiceTraffic[] {
  const uncalled = new Set(uncalledServices(config));
  return config.services.flatMap((service, i): ServiceTraffic[] => {
    if (service.delivery !== "progressive") {
      return [];
    }
    const traffic = analysisTraffic(canaryTrafficFacts(service, config));
    const starved = traffic.usesUserRequests && !traffic.loadTestReaches && uncalled.has(service);
    return [{ service, key: `services[${i}]`, traffic, ...(starved ? { starved: starvedMessage(service) } : {}) }];
  });
}

/** Every warning about analysis traffic, one line each, naming the key and the service. */
export function analysisTrafficWarnings(config: StackConfig, project: string): string[] {
  return stackAnalysisTraffic(config).flatMap(({ service, key, traffic, starved }) =>
    [...traffic.warnings, ...(starved ? [starved] : [])].map(
      (warning) => `${project}:${key}.canary (${service.namespace}/${service.name}): ${warning}`,
    ),
  );
}
