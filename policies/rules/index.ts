/** Every rule of the pack, in the order reports list them. */
import { canaryAlerts } from "./canaryAlerts";
import { canaryLimits } from "./canaryLimits";
import { canaryOwnedRouting } from "./canaryOwnedRouting";
import { canaryTiming } from "./canaryTiming";
import { canaryWebhooks } from "./canaryWebhooks";
import { circuitBreaker } from "./circuitBreaker";
import { crdDependencies } from "./crdDependencies";
import { destinationRuleTls } from "./destinationRuleTls";
import { istioMinimumVersion } from "./istioMinimumVersion";
import { istioRetiredHomes } from "./istioRetiredHomes";
import { namespaceInjection } from "./namespaceInjection";
import { pinnedCharts } from "./pinnedCharts";
import { routeSubsets } from "./routeSubsets";
import type { AnyRule } from "./rule";
import { singleVirtualServicePerHost } from "./singleVirtualServicePerHost";
import { staticSplit } from "./staticSplit";
import { strictMtls } from "./strictMtls";
import { unreachableRoutes } from "./unreachableRoutes";
import { virtualServiceHosts } from "./virtualServiceHosts";

export const RULES: AnyRule[] = [
  canaryLimits,
  canaryTiming,
  canaryWebhooks,
  canaryAlerts,
  circuitBreaker,
  staticSplit,
  strictMtls,
  destinationRuleTls,
  virtualServiceHosts,
  namespaceInjection,
  routeSubsets,
  singleVirtualServicePerHost,
  unreachableRoutes,
  canaryOwnedRouting,
  crdDependencies,
  pinnedCharts,
  istioRetiredHomes,
  istioMinimumVersion,
];
