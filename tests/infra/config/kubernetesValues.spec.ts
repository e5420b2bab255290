import { strict as assert } from "node:assert";
import { labelKeyProblem, quantityValue } from "../../../infra/config/kubernetesValues";
import { durationMillis } from "../../../policies/vocabulary/duration";
import { problemsOf, progressive, staticService, withService } from "../../helpers/configFixtures";
import { minimalStackValues } from "../../helpers/stackFiles";

const withProxyResources = (requests: Record<string, string>, limits: Record<string, string>) => ({
  ...minimalStackValues(),
  istio: { proxyResources: { requests, limits } },
});
const outlierDetection = (maxEjectionPercent: number) => ({
  trafficPolicy: { outlierDetection: { consecutive5xxErrors: 5, interval: "10s", baseEjectionTime: "30s", maxEjectionPercent } },
});

describe("values the cluster would reject", () => {
  describe("the grammar, read as Kubernetes and Istio read it", () => {
    it("reads Go durations, and nothing without a unit or with a sign", () => {
      assert.equal(durationMillis("1m30s"), 90_000);
      assert.equal(durationMillis("1.5s"), 1500);
      assert.equal(durationMillis("250ms"), 250);
      assert.equal(durationMillis("2h"), 7_200_000);
      assert.equal(durationMillis("0s"), 0);
      for (const text of ["30", "-1s", "1d", "s", "1 s", ""]) {
        assert.equal(durationMillis(text), undefined, text);
      }
    });

    it("reads quantities with binary, decimal and exponent suffixes, and nothing else", () => {
      assert.equal(quantityValue("500m"), 0.5);
      assert.equal(quantityValue("128Mi"), 128 * 2 ** 20);
      assert.equal(quantityValue("1G"), 1e9);
      assert.equal(quantityValue("1e3"), 1000);
      assert.equal(quantityValue(".5"), 0.5);
      for (const text of ["100mcpu", "1..2", "Mi", "1 Gi", "one"]) {
        assert.equal(quantityValue(text), undefined, text);
      }
    });

    it("checks a label key's prefix and name separately", () => {
      assert.equal(labelKeyProblem("app.kubernetes.io/name"), undefined);
      assert.equal(labelKeyProblem("Team_Name"), undefined);
      assert.equal(labelKeyProblem("Example.com/name"), "has a prefix that is not a DNS subdomain");
      assert.match(labelKeyProblem("-team") ?? "", /^must be a label key/);
      assert.match(labelKeyProblem(`a${"b".repeat(63)}`) ?? "", /^must be a label key/);
    });
  });

  /** Each case: what is wrong, the values, and exactly the problems reported. */
  const cases: [string, Record<string, unknown>, string[]][] = [
    [
      "a timeout of 0s (Istio's CRDs require at least 1ms)",
      withService(staticService({ timeout: "0s" })),
      ['mesh-platform:services[0].timeout: must be at least 1ms (got "0s")'],
    ],
    [
      "a sub-millisecond per-try timeout",
      withService(staticService({ retries: { attempts: 2, perTryTimeout: "0.5ms" } })),
      ['mesh-platform:services[0].retries.perTryTimeout: must be at least 1ms (got "0.5ms")'],
    ],
    [
      "a canary interval of 0s",
      withService(progressive({ interval: "0s" })),
      ['mesh-platform:services[0].canary.interval: must be longer than 0 (got "0s")'],
    ],
    [
      "fractional split weights (Istio weights are integers)",
      withService(staticService({ split: { stable: 90.5, canary: 9.5 } })),
      [
        "mesh-platform:services[0].split.stable: must be a whole number of percent (got 90.5)",
        "mesh-platform:services[0].split.canary: must be a whole number of percent (got 9.5)",
      ],
    ],
    [
      "a fractional step weight (Flagger reads whole numbers)",
      withService(progressive({ stepWeight: 2.5 })),
      ["mesh-platform:services[0].canary.stepWeight: must be a whole number of percent (got 2.5)"],
    ],
    [
      "a fractional ejection percentage",
      withService(staticService(outlierDetection(12.5))),
      ["mesh-platform:services[0].trafficPolicy.outlierDetection.maxEjectionPercent: must be a whole number of percent (got 12.5)"],
    ],
    [
      "a pool size beyond 32 bits",
      withService(staticService({ trafficPolicy: { connectionPool: { tcp: { maxConnections: 3_000_000_000 } } } })),
      [
        "mesh-platform:services[0].trafficPolicy.connectionPool.tcp.maxConnections: must fit in 32 bits (at most 2147483647) (got 3000000000)",
      ],
    ],
    [
      "512m of memory, a thousandth-of-a-byte slip",
      withProxyResources({ cpu: "100m", memory: "128Mi" }, { cpu: "1", memory: "512m" }),
      [
        'mesh-platform:istio.proxyResources.limits.memory: counts memory in thousandths of a byte or less; write Mi (mebibytes), not m (got "512m")',
      ],
    ],
    [
      "memory too small for a proxy",
      withProxyResources({ cpu: "100m", memory: "512Ki" }, { cpu: "1", memory: "512Mi" }),
      ['mesh-platform:istio.proxyResources.requests.memory: is less than 1Mi, too little memory for a proxy (got "512Ki")'],
    ],
    [
      "a CPU quantity with a unit Kubernetes does not know",
      withProxyResources({ cpu: "100mcpu", memory: "128Mi" }, { cpu: "1", memory: "512Mi" }),
      ['mesh-platform:istio.proxyResources.requests.cpu: must be a positive CPU quantity such as 100m or 1 (got "100mcpu")'],
    ],
    [
      "an unknown retry condition",
      withService(staticService({ retries: { attempts: 3, retryOn: "5xx,timeout" } })),
      [
        "mesh-platform:services[0].retries.retryOn: must list retry conditions Envoy knows, comma-separated without spaces " +
          '(such as gateway-error,connect-failure,refused-stream or 503); not "timeout" (got "5xx,timeout")',
      ],
    ],
    [
      "a space after a comma in retryOn, and a status code Go does not name",
      withService(staticService({ retries: { attempts: 3, retryOn: "5xx, reset,599" } })),
      [
        "mesh-platform:services[0].retries.retryOn: must list retry conditions Envoy knows, comma-separated without spaces " +
          '(such as gateway-error,connect-failure,refused-stream or 503); not " reset", "599" (got "5xx, reset,599")',
      ],
    ],
    [
      "retries turned off with retry conditions left in",
      withService(staticService({ retries: { attempts: 0, perTryTimeout: "2s", retryOn: "5xx" } })),
      [
        'mesh-platform:services[0].retries.perTryTimeout: cannot be set when attempts is 0: Istio refuses a retry policy whose retries are turned off (got "2s")',
        'mesh-platform:services[0].retries.retryOn: cannot be set when attempts is 0: Istio refuses a retry policy whose retries are turned off (got "5xx")',
      ],
    ],
    [
      "an upper-case header name",
      withService(staticService({ canaryHeader: { name: "X-Canary" } })),
      ['mesh-platform:services[0].canaryHeader.name: must be a lower case HTTP header name such as x-canary (got "X-Canary")'],
    ],
    [
      "an A/B test on a header name with a space",
      withService(
        progressive({
          strategy: "abTest",
          maxWeight: undefined,
          stepWeight: undefined,
          iterations: 3,
          match: { header: { name: "x canary" } },
        }),
      ),
      ['mesh-platform:services[0].canary.match.header.name: must be a lower case HTTP header name such as x-canary (got "x canary")'],
    ],
    [
      "a header Istio ignores in a match",
      withService(staticService({ canaryHeader: { name: "authority" } })),
      ['mesh-platform:services[0].canaryHeader.name: is ignored by Istio in a header match; use another header name (got "authority")'],
    ],
    [
      "a Service name starting with a digit",
      withService(staticService({ name: "1api" })),
      [
        "mesh-platform:services[0].name: must be a Service name (a DNS-1035 label: a lower case letter first, then letters, digits and '-', " +
          'at most 63 characters) (got "1api")',
      ],
    ],
    [
      "a progressive service name with no room for Flagger's -primary",
      withService(progressive({}, { name: "a".repeat(56) })),
      [
        "mesh-platform:services[0].name: must be at most 55 characters: Flagger names its Services <name>-primary and <name>-canary, " +
          `and a Service name has at most 63 (got "${"a".repeat(56)}")`,
      ],
    ],
    [
      "label keys and values the API server refuses",
      { ...minimalStackValues(), namespaces: [{ name: "apps", labels: { "team/": "a", owner: "not valid!" } }] },
      [
        "mesh-platform:namespaces[0].labels.owner: must be a label value: letters, digits, '-', '_' and '.', starting and ending with a letter or digit " +
          '(got "not valid!")',
        "mesh-platform:namespaces[0].labels.team/: must be a label key: letters, digits, '-', '_' and '.', starting and ending with a letter or digit, " +
          'at most 63 characters after an optional prefix/ (got "team/")',
      ],
    ],
    [
      "a fault injection with neither delay nor abort",
      withService(staticService({ faultInjection: {} })),
      ["mesh-platform:services[0].faultInjection: needs a delay, an abort or both (got {})"],
    ],
    [
      "an abort status outside 200-599",
      withService(staticService({ faultInjection: { abort: { percentage: 1, httpStatus: 700 } } })),
      ["mesh-platform:services[0].faultInjection.abort.httpStatus: Too big: expected number to be <=599 (got 700)"],
    ],
  ];
  for (const [title, values, expected] of cases) {
    it(`rejects ${title}`, () => {
      assert.deepEqual(problemsOf(values), expected);
    });
  }
});
