import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { Admission } from "../../api/src/common/admission.ts";

describe("Admission: at most `limit` requests executing at once", () => {
  it("admits up to the limit at once, then one waiting caller per leave, in arrival order", async () => {
    const admission = new Admission(2);
    const admitted: string[] = [];
    const enter = (name: string) => admission.enter().then(() => void admitted.push(name));
    await Promise.all([enter("a"), enter("b")]);
    const waiting = [enter("c"), enter("d")];
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual([admitted, admission.waiting], [["a", "b"], 2]);
    admission.leave();
    await waiting[0];
    assert.deepEqual([admitted, admission.waiting], [["a", "b", "c"], 1]);
    admission.leave();
    await waiting[1];
    assert.deepEqual(admitted, ["a", "b", "c", "d"]);
  });

  it("frees a slot for a later caller once everyone admitted has left", async () => {
    const admission = new Admission(1);
    await admission.enter();
    admission.leave();
    let later = false;
    await admission.enter().then(() => (later = true));
    assert.equal(later, true);
    assert.equal(admission.waiting, 0);
  });
});
