import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { buildSchema } from "graphql";
import { SelectedTypes } from "../../api/src/common/selected-types.ts";

const schema = buildSchema(`
  type Query { listing(id: ID!): Listing!  feed: [Entry!]! }
  type Listing { id: ID! rating: Rating! reviews: [Review!]! }
  type Rating { count: Int! }
  type Review { orderId: ID! title: String }
  union Entry = Listing | Notice
  type Notice { text: String! }
`);

/** The type names a reader of `schema` (with a token limit of `maxTokens`) tags `document` with, sorted. */
const typesOf = (document: string, maxTokens = 2_000) => {
  const selected = new SelectedTypes(maxTokens);
  selected.schema = schema;
  return selected
    .of(document)
    .map((type) => type.typename)
    .sort();
};

describe("SelectedTypes: the types a cached response is tagged with", () => {
  it("names every object type a document selects, those without ids included", () => {
    assert.deepEqual(typesOf("{ listing(id: 1) { id rating { count } } }"), ["Listing", "Rating"]);
  });

  it("names a plain list of a type as that type's list too, which a change to any of its objects evicts", () => {
    assert.deepEqual(typesOf("{ listing(id: 1) { id reviews { title } } }"), ["Listing", "Review", "ReviewConnection"]);
  });

  it("names each member of a union a document selects, whatever fragments it spreads", () => {
    assert.deepEqual(typesOf("{ feed { ... on Notice { text } } }"), [
      "Listing",
      "ListingConnection",
      "Notice",
      "NoticeConnection",
    ]);
  });

  it("names nothing for a document that does not parse or is over the token limit; needs a schema first", () => {
    assert.throws(() => new SelectedTypes(2_000).of("{ listing(id: 1) { id } }"), /no schema yet/);
    assert.deepEqual(typesOf("{ listing(id: 1) { id "), []);
    assert.deepEqual(typesOf("{ listing(id: 1) { id rating { count } } }", 5), []);
  });
});
