// The Pulumi entry point (Pulumi.yaml `main`). Everything lives in program.ts so tests can run it.
import { runStack } from "./program";

const outputs = runStack();

export const versions = outputs.versions;
export const istioRevisions = outputs.istioRevisions;
export const istioNamespace = outputs.istioNamespace;
export const flaggerNamespace = outputs.flaggerNamespace;
export const loadtesterUrl = outputs.loadtesterUrl;
export const ingressGateway = outputs.ingressGateway;
export const meshNamespaces = outputs.meshNamespaces;
export const services = outputs.services;
export const ingress = outputs.ingress;
export const kiali = outputs.kiali;
