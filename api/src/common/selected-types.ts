import {
  getNamedType,
  isAbstractType,
  isObjectType,
  parse,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
} from "graphql";
import { BoundedMap } from "./bounded-map.ts";

/** Documents remembered: a storefront sends a handful of query shapes, each with many different variables. */
const REMEMBERED_DOCUMENTS = 1_000;

/**
 * The object types a query document can return, by name. The response cache records only the objects of a response
 * that have an id, so an eviction by type (a list of listings, every review) would miss a response holding such
 * objects without ids, or none yet (an empty list a change would fill): a response is tagged with these too.
 */
export class SelectedTypes {
  readonly #byDocument = new BoundedMap<string, { typename: string }[]>(REMEMBERED_DOCUMENTS);
  #schema: GraphQLSchema | undefined;

  /** The schema documents are read against; types selected under an earlier one are forgotten. */
  set schema(schema: GraphQLSchema) {
    if (schema !== this.#schema) this.#byDocument.clear();
    this.#schema = schema;
  }

  of(document: string): { typename: string }[] {
    let types = this.#byDocument.get(document);
    if (types === undefined) {
      types = [...this.#read(document)].map((typename) => ({ typename }));
      this.#byDocument.set(document, types);
    }
    return types;
  }

  #read(document: string): Set<string> {
    const schema = this.#schema;
    if (schema === undefined) throw new Error("SelectedTypes: no schema yet, so no document can be read");
    const typeInfo = new TypeInfo(schema);
    const names = new Set<string>();
    let parsed: DocumentNode;
    try {
      parsed = parse(document);
    } catch {
      return names; // the cache key is built before yoga parses the request: a bad one is answered with an error
    }
    visit(
      parsed,
      visitWithTypeInfo(typeInfo, {
        Field() {
          const type = getNamedType(typeInfo.getType());
          if (isObjectType(type)) names.add(type.name);
          else if (isAbstractType(type)) for (const possible of schema.getPossibleTypes(type)) names.add(possible.name);
        },
      }),
    );
    return names;
  }
}
