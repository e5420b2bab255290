/**
 * The one Kubernetes provider every resource uses: an EKS cluster looked up by name (token from
 * `aws eks get-token`), or any cluster through a kubeconfig file or context.
 */
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { ClusterConfig } from "../config/schema";

type EksClusterConfig = Extract<ClusterConfig, { kind: "eks" }>;

/** istiod's ports that EKS nodes must accept: the control plane calls the injection/validation webhook on 15017, sidecars fetch config over xDS on 15012. */
const ISTIOD_WEBHOOK_PORT = 15017;
const ISTIOD_XDS_PORT = 15012;

export function connectToCluster(name: string, cluster: ClusterConfig): k8s.Provider {
  if (cluster.kind === "kubeconfig") {
    return new k8s.Provider(name, { kubeconfig: cluster.path, context: cluster.context });
  }
  const awsProvider = new aws.Provider(`${name}-aws`, { region: cluster.region as aws.Region, profile: cluster.profile });
  const eks = aws.eks.getClusterOutput({ name: cluster.name }, { provider: awsProvider });
  if (cluster.nodeSecurityGroupId) {
    openIstiodPorts(name, cluster.nodeSecurityGroupId, eks.vpcConfig.clusterSecurityGroupId, awsProvider);
  }
  const kubeconfig = pulumi
    .all([eks.endpoint, eks.certificateAuthorities])
    .apply(([endpoint, authorities]) => JSON.stringify(eksKubeconfig(cluster, endpoint, authorities[0].data)));
  return new k8s.Provider(name, { kubeconfig });
}

/** A kubeconfig whose user runs `aws eks get-token`, so no long-lived credential is stored. */
function eksKubeconfig(cluster: EksClusterConfig, endpoint: string, certificateAuthority: string): Record<string, unknown> {
  const args = ["eks", "get-token", "--cluster-name", cluster.name, "--region", cluster.region];
  if (cluster.roleArn) {
    args.push("--role-arn", cluster.roleArn);
  }
  return {
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: cluster.name, cluster: { server: endpoint, "certificate-authority-data": certificateAuthority } }],
    contexts: [{ name: cluster.name, context: { cluster: cluster.name, user: cluster.name } }],
    "current-context": cluster.name,
    users: [
      {
        name: cluster.name,
        user: {
          exec: {
            apiVersion: "client.authentication.k8s.io/v1beta1",
            command: "aws",
            args,
            ...(cluster.profile ? { env: [{ name: "AWS_PROFILE", value: cluster.profile }] } : {}),
          },
        },
      },
    ],
  };
}

/** Without these rules on a restrictive node group, sidecar injection times out. */
function openIstiodPorts(
  name: string,
  nodeSecurityGroupId: string,
  clusterSecurityGroupId: pulumi.Input<string>,
  provider: aws.Provider,
): void {
  new aws.vpc.SecurityGroupIngressRule(
    `${name}-istiod-webhook`,
    {
      securityGroupId: nodeSecurityGroupId,
      referencedSecurityGroupId: clusterSecurityGroupId,
      ipProtocol: "tcp",
      fromPort: ISTIOD_WEBHOOK_PORT,
      toPort: ISTIOD_WEBHOOK_PORT,
      description: "EKS control plane to istiod webhook",
    },
    { provider },
  );
  new aws.vpc.SecurityGroupIngressRule(
    `${name}-istiod-xds`,
    {
      securityGroupId: nodeSecurityGroupId,
      referencedSecurityGroupId: nodeSecurityGroupId,
      ipProtocol: "tcp",
      fromPort: ISTIOD_XDS_PORT,
      toPort: ISTIOD_XDS_PORT,
      description: "Sidecars on the nodes to istiod xDS",
    },
    { provider },
  );
}
