/**
 * Names Flagger derives from a Canary's target `name`: the primary Deployment and Services
 * (`<name>-primary`), the canary Service (`<name>-canary`), and the routing it generates and owns.
 * See https://docs.flagger.app/tutorials/istio-progressive-delivery: the generated VirtualService
 * and DestinationRules replace any user object of the same name.
 */
export const PRIMARY_SUFFIX = "-primary";
export const CANARY_SUFFIX = "-canary";
/** Both suffixes Flagger appends. */
export const FLAGGER_NAME_SUFFIXES = [PRIMARY_SUFFIX, CANARY_SUFFIX] as const;

export const primaryName = (name: string): string => `${name}${PRIMARY_SUFFIX}`;
export const canaryName = (name: string): string => `${name}${CANARY_SUFFIX}`;

export function flaggerOwnedNames(name: string): { virtualServices: string[]; destinationRules: string[]; services: string[] } {
  return {
    virtualServices: [name],
    destinationRules: [primaryName(name), canaryName(name)],
    services: [name, primaryName(name), canaryName(name)],
  };
}
