/** Every rule of the pack, in the order reports list them. */
import { canaryAlerts } from "./canaryAlerts";
import { canaryLimits } from "./canaryLimits";
import { canaryAmbient } from "./canaryAmbient";
import { canarySafety } from "./canarySafety";
import { canaryStrategy } from "./canaryStrategy";
import { canaryTls } from "./canaryTls";
import { noRoutingOnCanariedHosts } from "./noRoutingOnCanariedHosts";
import { canaryTiming } from "./canaryTiming";
import { canaryWebhooks } from "./canaryWebhooks";
import { circuitBreaker } from "./circuitBreaker";
import { crdDependencies } from "./crdDependencies";
import { destinationRuleTls } from "./destinationRuleTls";
import { istioMinimumVersion } from "./istioMinimumVersion";
import { istioRetiredHomes } from "./istioRetiredHomes";
import { kialiAccess } from "./kialiAccess";
import { namespaceInjection } from "./namespaceInjection";
import { chartVersionsPinned } from "./chartVersionsPinned";
import { routeSubsetsDefined } from "./routeSubsetsDefined";
import type { AnyRule } from "./rule";
import { singleVirtualServicePerHost } from "./singleVirtualServicePerHost";
import { staticSplit } from "./staticSplit";
import { strictMtls } from "./strictMtls";
import { noUnreachableRoutes } from "./noUnreachableRoutes";
import { noWildcardHosts } from "./noWildcardHosts";
import { authorizationSources } from "./authorizationSources";
import { defaultDeny } from "./defaultDeny";
import { envoyFilterScope } from "./envoyFilterScope";
import { gatewayBindings } from "./gatewayBindings";
import { gatewayTls } from "./gatewayTls";
import { serviceEntryExport } from "./serviceEntryExport";
import { sidecarScope } from "./sidecarScope";

export const RULES: AnyRule[] = [
  canaryLimits,
  canaryTiming,
  canaryWebhooks,
  canaryAlerts,
  canaryStrategy,
  canarySafety,
  canaryTls,
  canaryAmbient,
  circuitBreaker,
  staticSplit,
  strictMtls,
  destinationRuleTls,
  noWildcardHosts,
  namespaceInjection,
  routeSubsetsDefined,
  singleVirtualServicePerHost,
  noUnreachableRoutes,
  noRoutingOnCanariedHosts,
  defaultDeny,
  authorizationSources,
  gatewayBindings,
  gatewayTls,
  serviceEntryExport,
  sidecarScope,
  envoyFilterScope,
  kialiAccess,
  crdDependencies,
  chartVersionsPinned,
  istioRetiredHomes,
  istioMinimumVersion,
];
