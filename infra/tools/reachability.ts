/**
 * Services that default-deny locks out: nothing declares a call to them and they are not exposed,
 * so in a cluster every request to them gets 403 while every tool stays green. render and plan
 * warn, check reports an advisory finding; each says how to open the service.
 */
import { uncalledServices } from "../../components/builders/callGraph";
import type { ServiceConfig, StackConfig } from "../config/schema";

export interface LockedOut {
  service: ServiceConfig;
  /** `services[<i>]`, the key a user would change. */
  key: string;
  message: string;
}

function lockedOutMessage(service: ServiceConfig): string {
  const who =
    service.delivery === "progressive"
      ? "nothing may call it but the load tester, which reaches only the canary during analysis"
      : "nothing may call it";
  return (
    `${who}: no service lists it under calls.services and it is not exposed, so its namespace's allow-nothing policy ` +
    `refuses every request (403). Add it to a caller's calls.services (as ${service.name}, or ${service.namespace}/${service.name} ` +
    `from another namespace), or give it expose`
  );
}

export function lockedOutServices(config: StackConfig): LockedOut[] {
  return uncalledServices(config).map((service) => ({
    service,
    key: `services[${config.services.indexOf(service)}]`,
    message: lockedOutMessage(service),
  }));
}
