/**
 * Objects Flagger creates, and overwrites, for a Canary targeting `name`. See
 * https://docs.flagger.app/tutorials/istio-progressive-delivery: the generated VirtualService and
 * DestinationRules replace any user object of the same name.
 */
export function flaggerOwnedNames(name: string): { virtualServices: string[]; destinationRules: string[]; services: string[] } {
  return {
    virtualServices: [name],
    destinationRules: [`${name}-primary`, `${name}-canary`],
    services: [name, `${name}-primary`, `${name}-canary`],
  };
}
