import { strict as assert } from "node:assert";
import { readLoadTest, type LoadTestRequest } from "../../../../policies/rules/lib/loadTestCommand";

/** The requests a command sends, as `host:port path {headers}` lines, or its unreadable reason. */
function read(command: string): string[] | string {
  const reading = readLoadTest(command);
  if ("unreadable" in reading) {
    return reading.unreadable;
  }
  return reading.requests.map(
    (r: LoadTestRequest) => `${r.tool} ${r.host}:${r.port} ${r.path} ${JSON.stringify(Object.fromEntries(r.headers))}`,
  );
}

describe("reading a load test's command", () => {
  it("reads hey's URL, port and headers, with Go's flag forms", () => {
    assert.deepEqual(read("hey -z 1m -q 10 -c 2 http://user-service-canary.production:3000/"), [
      "hey user-service-canary.production:3000 / {}",
    ]);
    assert.deepEqual(read("hey -z=2m --c 2 -H 'x-canary: true' -H 'Cookie: canary=always' https://shop.example.com/cart"), [
      'hey shop.example.com:443 /cart {"x-canary":"true","cookie":"canary=always"}',
    ]);
    assert.deepEqual(read("hey -host cart.shop http://10.0.0.1/"), ['hey cart.shop:80 / {"host":"cart.shop"}']);
  });

  it("reads curl's short clusters, attached values, cookies, several URLs and a URL without a scheme", () => {
    assert.deepEqual(read("curl -sSfH 'x-canary: true' -b canary=always cart-canary.shop:8080/health http://b.ns:81/"), [
      'curl cart-canary.shop:8080 /health {"x-canary":"true","cookie":"canary=always"}',
      'curl b.ns:81 / {"x-canary":"true","cookie":"canary=always"}',
    ]);
    assert.deepEqual(read("curl -Hx-a:1 --max-time 5 --url http://a.b/"), ['curl a.b:80 / {"x-a":"1"}']);
  });

  it("finds hey and curl in loops, wrappers, pipes and redirections", () => {
    assert.deepEqual(read("while true; do curl -sf http://a.b:8080/ > /dev/null 2>&1; sleep 1; done"), ["curl a.b:8080 / {}"]);
    assert.deepEqual(read("timeout -s INT 60 /usr/local/bin/hey -z 1m http://a.b/ | tee /tmp/out"), ["hey a.b:80 / {}"]);
    assert.deepEqual(read("FOO=1 env hey http://a.b/"), ["hey a.b:80 / {}"]);
  });

  it("says what it cannot tell, and why", () => {
    assert.equal(read("ghz --insecure cart-canary.shop:8080"), "it runs ghz, and this check reads only hey and curl");
    assert.equal(read("hey -z 1m $TARGET"), "the URL $TARGET comes from a shell variable");
    assert.equal(read('curl -H "x-canary: $FLAG" http://a.b/'), "curl builds a header from a shell variable");
    assert.equal(read("curl -x http://proxy:3128 http://a.b/"), "curl --proxy sends the requests elsewhere than their URL");
    assert.equal(read("curl --resolve a.b:80:1.2.3.4 http://a.b/"), "curl --resolve sends the requests elsewhere than their URL");
    assert.equal(read("curl -b cookies.txt http://a.b/"), "curl reads its cookies from the file cookies.txt");
    assert.equal(read("hey -k http://a.b/"), "hey has no flag -k");
    assert.equal(read("curl --frobnicate http://a.b/"), "curl option --frobnicate is not one this check reads");
    assert.equal(read("hey -z 1m"), "hey names no URL");
    assert.equal(read("curl ftp://a.b/"), "ftp://a.b/ is not an http or https URL");
    assert.equal(read(""), "it runs no command");
  });
});
