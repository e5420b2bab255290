/** Every rule of the pack, in the order reports list them. */
import { canaryAlerts } from "./canaryAlerts";
import { canaryAnalysisTraffic } from "./canaryAnalysisTraffic";
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
import { destinationRuleCa } from "./destinationRuleCa";
import { istioMinimumVersion } from "./istioMinimumVersion";
import { istioRetiredHomes } from "./istioRetiredHomes";
import { kialiAccess } from "./kialiAccess";
import { namespaceInjection } from "./namespaceInjection";
import { injectionOptOut } from "./injectionOptOut";
import { chartVersionsPinned } from "./chartVersionsPinned";
import { routeSubsetsDefined } from "./routeSubsetsDefined";
import type { AnyRule } from "./rule";
import { singleVirtualServicePerHost } from "./singleVirtualServicePerHost";
import { staticSplit } from "./staticSplit";
import { strictMtls } from "./strictMtls";
import { noUnreachableRoutes } from "./noUnreachableRoutes";
import { noWildcardHosts } from "./noWildcardHosts";
import { authorizationSources } from "./authorizationSources";
import { authorizationReferences } from "./authorizationReferences";
import { jwtClaimRouting } from "./jwtClaimRouting";
import { defaultDeny } from "./defaultDeny";
import { envoyFilterScope } from "./envoyFilterScope";
import { envoyFilterOperations } from "./envoyFilterOperations";
import { gatewayBindings } from "./gatewayBindings";
import { gatewayTls } from "./gatewayTls";
import { gatewayPorts } from "./gatewayPorts";
import { gatewayConflicts } from "./gatewayConflicts";
import { serviceEntryExport } from "./serviceEntryExport";
import { serviceEntryAddresses } from "./serviceEntryAddresses";
import { serviceEntryProtocols } from "./serviceEntryProtocols";
import { sidecarScope } from "./sidecarScope";
import { sidecarSelectors } from "./sidecarSelectors";

export const RULES: AnyRule[] = [
  canaryLimits,
  canaryTiming,
  canaryWebhooks,
  canaryAnalysisTraffic,
  canaryAlerts,
  canaryStrategy,
  canarySafety,
  canaryTls,
  canaryAmbient,
  circuitBreaker,
  staticSplit,
  strictMtls,
  destinationRuleTls,
  destinationRuleCa,
  noWildcardHosts,
  namespaceInjection,
  injectionOptOut,
  routeSubsetsDefined,
  singleVirtualServicePerHost,
  noUnreachableRoutes,
  noRoutingOnCanariedHosts,
  defaultDeny,
  authorizationSources,
  authorizationReferences,
  gatewayBindings,
  gatewayTls,
  gatewayPorts,
  gatewayConflicts,
  jwtClaimRouting,
  serviceEntryExport,
  serviceEntryAddresses,
  serviceEntryProtocols,
  sidecarScope,
  sidecarSelectors,
  envoyFilterScope,
  envoyFilterOperations,
  kialiAccess,
  crdDependencies,
  chartVersionsPinned,
  istioRetiredHomes,
  istioMinimumVersion,
];
