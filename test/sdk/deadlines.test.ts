import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { dueCall } from "../../sdk/deadlines.ts";

const order = { shipBy: 100, confirmBy: 200, ruleBy: 300 };

describe("which call an order's passed deadline allows", () => {
  it("lets the buyer reclaim an order placed or accepted but not shipped by ship-by", () => {
    for (const status of ["Placed", "Accepted"]) {
      assert.equal(dueCall({ ...order, status }, 100), undefined, "not at the deadline itself");
      assert.deepEqual(dueCall({ ...order, status }, 101), { call: "reclaimOrder", deadline: 100 });
    }
  });

  it("pays the merchant of a shipped order the buyer did not confirm within the window", () => {
    assert.equal(dueCall({ ...order, status: "Shipped" }, 200), undefined);
    assert.deepEqual(dueCall({ ...order, status: "Shipped" }, 201), { call: "finalizeOrder", deadline: 200 });
  });

  it("settles a dispute by default once the ruling window passed, and never an ended order", () => {
    assert.deepEqual(dueCall({ ...order, status: "Disputed" }, 301), { call: "settleDispute", deadline: 300 });
    assert.equal(dueCall({ ...order, status: "Disputed", ruleBy: null }, 10_000), undefined, "no ruling deadline");
    for (const status of ["Completed", "Cancelled", "Rejected", "Refunded", "Reclaimed", "Resolved"])
      assert.equal(dueCall({ ...order, status }, 10_000), undefined, status);
  });
});
