import { describe, expect, it } from "vitest";
import { readEvents } from "../../../../sdk/sse-events.ts";

const stream = (...chunks: string[]) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
      controller.close();
    },
  });

describe("readEvents (Server-Sent Events)", () => {
  it("reassembles events split across chunks and skips keep-alive comments", async () => {
    const events = [];
    for await (const event of readEvents(
      stream(":\n\nevent: next\nda", 'ta: {"data":{"a":1}}\n\n', "event: complete\ndata:\n\n"),
    ))
      events.push(event);
    expect(events).toEqual([
      { name: "next", data: '{"data":{"a":1}}' },
      { name: "complete", data: "" },
    ]);
  });
});
