import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { checkEndpointUrl, isPublicAddress } from "../../api/src/webhooks/endpoint-address.ts";
import { postDelivery } from "../../api/src/webhooks/post-delivery.ts";

describe("webhook endpoints: only http(s), and only public addresses unless WEBHOOK_ALLOW_PRIVATE", () => {
  it("tells public addresses from loopback, private, link-local and mapped ones", () => {
    for (const address of ["127.0.0.1", "10.1.2.3", "172.20.0.1", "192.168.1.1", "169.254.169.254", "::1", "fd00::1"])
      assert.equal(isPublicAddress(address), false, address);
    assert.equal(isPublicAddress("::ffff:10.0.0.1"), false);
    for (const address of ["93.184.216.34", "2606:4700::1111"]) assert.equal(isPublicAddress(address), true, address);
  });

  it("refuses at registration a URL that is not http(s), carries credentials or reaches a private host", async () => {
    const field = async (url: string) =>
      checkEndpointUrl(url, false).then(
        () => "accepted",
        (error: Error & { field?: string }) => `${error.field}: ${error.message}`,
      );
    assert.match(await field("javascript:alert(1)"), /^url: .*http\(s\)/);
    assert.match(await field("https://user:pw@93.184.216.34/"), /^url: .*password/);
    assert.match(await field("http://169.254.169.254/latest/meta-data"), /^url: .*public address/);
    assert.match(await field("http://localhost:8080/hook"), /^url: .*WEBHOOK_ALLOW_PRIVATE/);
    assert.equal(await field("https://93.184.216.34/hook"), "accepted");
    assert.equal((await checkEndpointUrl("http://localhost:8080/hook", true)).hostname, "localhost");
  });

  it("refuses at sending a name that resolves to a private address, without connecting", async () => {
    let connections = 0;
    const server = createServer((_, response) => response.end()).on("connection", () => connections++);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const options = { timeoutMs: 1_000, allowPrivate: false };
    const byName = await postDelivery(`http://localhost:${port}/`, "{}", {}, options);
    const byAddress = await postDelivery(`http://127.0.0.1:${port}/`, "{}", {}, options);
    const allowed = await postDelivery(`http://localhost:${port}/`, "{}", {}, { ...options, allowPrivate: true });
    server.close();
    assert.match(byName.error ?? "", /not public/);
    assert.match(byAddress.error ?? "", /not a public address/);
    assert.deepEqual([allowed, connections], [{ statusCode: 200, error: null }, 1]);
  });
});
